using System.Management.Automation;
using BankInsight.Jobs.Retail;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Finds retail customers likely to take a product they do not hold yet.</para>
/// <para type="description">For each product (default deposit "01" and insurance "02"), scores the customers who do not hold it — with a propensity model of holders against non-holders that never sees the product's own columns (default), or with the best association rule pointing to the product — and emits them best first, each (product, customer) pair once.</para>
/// </summary>
[Cmdlet(VerbsCommon.Find, "ProductOpportunity", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ProductOpportunity))]
public sealed class FindProductOpportunityCommand : RetailCmdlet
{
    /// <summary>Products by alias (Deposit, Insurance, …), Chinese name or code.</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(ProductNameCompleter))]
    public string[] Product { get; set; } = ["Deposit", "Insurance"];

    /// <summary>Propensity (default) or Rules.</summary>
    [Parameter]
    public OpportunityMethod Method { get; set; } = OpportunityMethod.Propensity;

    /// <summary>Keep customers scoring at least this (default: Propensity — the median holder's score; Rules — any matching rule).</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? MinScore { get; set; }

    /// <summary>At most this many customers per product, best first.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Top { get; set; }

    /// <summary>For -Method Rules: rules to use, e.g. from Get-CrossSellRule.</summary>
    [Parameter]
    public CrossSellRule[]? Rule { get; set; }

    /// <summary>Seed of the propensity model's sample and trees.</summary>
    [Parameter]
    public int Seed { get; set; } = 42;

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Process(CommandHost));

    internal ProductOpportunityRequest BuildRequest(BankInsight.Data.CustomerDataSet data, SegmentationModel? model) => new(data)
    {
        Products = Product,
        Method = Method,
        MinScore = MinScore,
        Top = Top,
        Rules = Rule,
        Mining = Mining(),
        PerCluster = PerClusterFlag,
        Model = model,
        Seed = Seed,
    };

    internal void Process(ICommandHost host)
    {
        bool segmented = Method == OpportunityMethod.Rules && (Rule is not null ? Rule.Any(r => r.Cluster is not null) : PerClusterFlag);
        var model = SegmentationFor(host, segmented);
        foreach (var data in RetailData(host))
            foreach (var opportunity in ProductOpportunityJob.Find(BuildRequest(data, model), new HostSink(host), host.Cancellation))
                host.WriteObject(opportunity);
    }
}
