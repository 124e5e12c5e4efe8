using System.Management.Automation;
using BankInsight.Jobs.Retail;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Mines association rules between the products retail customers hold.</para>
/// <para type="description">Derives each customer's holdings of the 8 products from their balances, mines frequent itemsets (FP-Growth or Apriori, identical results) and keeps the rules that pass the support, confidence and lift filters — over all customers, or per segment with -PerCluster. Rules come sorted by confidence, then lift.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "CrossSellRule", DefaultParameterSetName = PathSet)]
[OutputType(typeof(CrossSellRule))]
public sealed class GetCrossSellRuleCommand : RetailCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Process(CommandHost));

    internal CrossSellRuleRequest BuildRequest(BankInsight.Data.CustomerDataSet data, SegmentationModel? model) =>
        new(data) { Mining = Mining(), PerCluster = PerClusterFlag, Model = model };

    internal void Process(ICommandHost host)
    {
        var model = SegmentationFor(host, PerClusterFlag);
        foreach (var data in RetailData(host))
        {
            var rules = CrossSellJob.Rules(BuildRequest(data, model), new HostSink(host), host.Cancellation);
            if (rules.Count == 0) host.WriteVerbose("No rule passes the thresholds; lower -MinSupport or -MinConfidence to see more.");
            foreach (var rule in rules) host.WriteObject(rule);
        }
    }
}
