using System.CommandLine;
using BankInsight.Jobs.Retail;
using BankInsight.Rules;

namespace BankInsight.Cli;

/// <summary>
/// The options of every command that mines product rules — support, the four filters (SPEC
/// defaults 0.1 / 0.1 / 0.1 / 0.3 / 1.0), the algorithm — and per-segment mining with a
/// segmentation model (the shipped retail_customer by default).
/// </summary>
internal sealed class RuleOptions
{
    public Option<double> MinSupport { get; } = new("--min_support") { Description = "Minimum share of customers holding an itemset (default 0.1).", DefaultValueFactory = _ => 0.1 };
    public Option<double> MinAntecedentSupport { get; } = new("--min_antecedent_support") { Description = "Keep rules whose antecedents at least this share hold (default 0.1).", DefaultValueFactory = _ => 0.1 };
    public Option<double> MinConsequentSupport { get; } = new("--min_consequent_support") { Description = "Keep rules whose consequents at least this share hold (default 0.1).", DefaultValueFactory = _ => 0.1 };
    public Option<double> MinConfidence { get; } = new("--min_confidence") { Description = "Keep rules with at least this confidence (default 0.3).", DefaultValueFactory = _ => 0.3 };
    public Option<double> MinLift { get; }
    public Option<string> Algorithm { get; } = new("--algorithm") { Description = "fpgrowth (default) or apriori: the same rules either way.", DefaultValueFactory = _ => "fpgrowth" };
    public Option<bool> PerCluster { get; } = new("--per_cluster") { Description = "Mine each customer segment separately." };
    public Option<string?> Model { get; } = new("--model") { Description = "Segmentation model for --per_cluster (default: the shipped retail_customer)." };

    /// <param name="minLift">--min_lift's default: SPEC's 1.0 for mining; recommending asks more (<see cref="CrossSellJob.DefaultMinOfferLift"/>).</param>
    public RuleOptions(double minLift = 1.0)
    {
        Algorithm.AcceptOnlyFromAmong("fpgrowth", "apriori");
        string why = minLift > 1.0 ? ": a rule that hardly raises the chance over the segment's base rate makes no offer" : "";
        MinLift = new Option<double>("--min_lift") { Description = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Keep rules with at least this lift (default {minLift}{why})."), DefaultValueFactory = _ => minLift };
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { MinSupport, MinAntecedentSupport, MinConsequentSupport, MinConfidence, MinLift, Algorithm, PerCluster, Model })
            command.Options.Add(option);
    }

    public RuleMiningSettings Mining(ParseResult parse) => new()
    {
        MinSupport = parse.GetValue(MinSupport),
        Filter = new RuleFilter(parse.GetValue(MinAntecedentSupport), parse.GetValue(MinConsequentSupport), parse.GetValue(MinConfidence), parse.GetValue(MinLift)),
        Algorithm = parse.GetValue(Algorithm) == "apriori" ? MiningAlgorithm.Apriori : MiningAlgorithm.FPGrowth,
    };

    /// <summary>The segmentation model given with --model, or null: the job then uses the shipped one if it needs segments.</summary>
    public SegmentationModel? SegmentationModel(ParseResult parse) =>
        parse.GetValue(Model) is { } path ? Jobs.Retail.SegmentationModel.Load(path) : null;
}
