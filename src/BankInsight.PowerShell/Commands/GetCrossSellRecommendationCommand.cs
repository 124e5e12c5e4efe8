using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Jobs.Retail;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Recommends products to each retail customer from the best matching rules.</para>
/// <para type="description">For every customer, takes the rules whose antecedents match the products held — by default the antecedents are among them and the consequents are not yet held (-Match Subset); -Match Exact needs the holdings to equal the antecedents, as the old delivery did — ranked by confidence, then lift, and emits the best -Top. Rules are mined from the same data unless given with -Rule or piped from Get-CrossSellRule.</para>
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

    internal CrossSellRecommendationRequest BuildRequest(CustomerDataSet data, SegmentationModel? model) => new(data)
    {
        Rules = Rules,
        Mining = Mining(),
        PerCluster = PerClusterFlag,
        Model = model,
        Match = Match,
        Top = Top,
    };

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        foreach (var recommendation in CrossSellJob.Recommend(BuildRequest(data, GivenSegmentation(host)), new HostSink(host), host.Cancellation))
            host.WriteObject(recommendation);
    }
}
