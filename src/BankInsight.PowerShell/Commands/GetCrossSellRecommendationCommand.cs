using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Jobs.Retail;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Recommends products to each retail customer from the best matching rules.</para>
/// <para type="description">For every customer, takes the rules whose antecedents match the products held — by default the antecedents are among them and the consequents are not yet held (-Match Subset); -Match Exact needs the holdings to equal the antecedents, as the old delivery did — and whose lift is at least -MinLift (1.1 by default: a rule that hardly raises the chance over the segment's base rate is not an offer worth making), ranked by lift, then confidence, and emits the best -Top, each offering only products not held and not offered at a better rank. Each recommendation shows the rule, its support and confidence, and the base rate it improves on. Rules are mined from the same data unless given with -Rule or piped from Get-CrossSellRule.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "CrossSellRecommendation", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(CrossSellRecommendation))]
public sealed class GetCrossSellRecommendationCommand : RuleUsingCmdlet
{
    /// <summary>Subset (default) or Exact.</summary>
    [Parameter]
    public RuleMatch Match { get; set; } = RuleMatch.Subset;

    /// <summary>Recommendations per customer, best first.</summary>
    [Parameter]
    [ValidateRange(1, 8)]
    public int Top { get; set; } = 1;

    /// <inheritdoc />
    internal override double DefaultMinLift => CrossSellJob.DefaultMinOfferLift;

    /// <summary>The request for a loaded data set or a file read in chunks.</summary>
    internal CrossSellRecommendationRequest BuildRequest(RetailInput input, SegmentationModel? model) => new(input)
    {
        MinLift = MinLift,
        Rules = Rules,
        Mining = Mining(),
        PerCluster = PerClusterFlag,
        Model = model,
        Match = Match,
        Top = Top,
    };

    /// <inheritdoc />
    internal override IReadOnlySet<string>? ColumnsRead(ICommandHost host, Data.Schemas.BankSchema schema)
    {
        bool segmented = CrossSellJob.Segmented(Rules, PerClusterFlag);
        return RetailColumns.WithName(schema, RetailColumns.ForHoldings(schema, segmented ? GivenSegmentation(host) ?? SegmentationModel.LoadShipped() : null));
    }

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        foreach (var recommendation in CrossSellJob.Recommend(BuildRequest(data, GivenSegmentation(host)), new HostSink(host), host.Cancellation))
            host.WriteObject(recommendation);
    }

    /// <inheritdoc />
    internal override bool StreamsFiles => true;

    /// <inheritdoc />
    internal override void RunFile(ICommandHost host, StreamedFile input)
    {
        foreach (var recommendation in CrossSellJob.Recommend(BuildRequest(input.Retail(), GivenSegmentation(host)), new HostSink(host), host.Cancellation))
            host.WriteObject(recommendation);
    }
}
