using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Jobs.Retail;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Finds retail customers likely to take a product they do not hold yet.</para>
/// <para type="description">For each product (default deposit "01" and insurance "02"), scores the customers who do not hold it — with a propensity model of holders against non-holders that never sees the product's own columns (default), or with the best association rule pointing to the product (-Method Rules, the default when rules are given) — and emits them best first, each (product, customer) pair once.</para>
/// </summary>
[Cmdlet(VerbsCommon.Find, "ProductOpportunity", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(ProductOpportunity))]
public sealed class FindProductOpportunityCommand : RuleUsingCmdlet
{
    /// <summary>Products by alias (Deposit, Insurance, …), Chinese name or code.</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string[] Product { get; set; } = ["Deposit", "Insurance"];

    /// <summary>Propensity or Rules (default: Rules when rules are given or piped, else Propensity).</summary>
    [Parameter]
    public OpportunityMethod? Method { get; set; }

    /// <summary>Keep customers scoring at least this (default: Propensity — the median holder's score; Rules — any matching rule).</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? MinScore { get; set; }

    /// <summary>At most this many customers per product, best first.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Top { get; set; }

    /// <summary>Seed of the propensity model's sample and trees.</summary>
    [Parameter]
    public int Seed { get; set; } = 42;

    internal OpportunityMethod EffectiveMethod => Method ?? (Rules is not null ? OpportunityMethod.Rules : OpportunityMethod.Propensity);

    /// <summary>The request for a loaded data set or a file read in chunks.</summary>
    internal ProductOpportunityRequest BuildRequest(RetailInput input, SegmentationModel? model) => new(input)
    {
        Products = Product,
        Method = EffectiveMethod,
        MinScore = MinScore,
        Top = Top,
        Rules = Rules,
        Mining = Mining(),
        PerCluster = PerClusterFlag,
        Model = model,
        Seed = Seed,
    };

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        foreach (var opportunity in ProductOpportunityJob.Find(BuildRequest(data, GivenSegmentation(host)), new HostSink(host), host.Cancellation))
            host.WriteObject(opportunity);
    }

    /// <inheritdoc />
    internal override bool StreamsFiles => true;

    /// <inheritdoc />
    internal override void RunFile(ICommandHost host, StreamedFile input)
    {
        foreach (var opportunity in ProductOpportunityJob.Find(BuildRequest(input.Retail(), GivenSegmentation(host)), new HostSink(host), host.Cancellation))
            host.WriteObject(opportunity);
    }
}
