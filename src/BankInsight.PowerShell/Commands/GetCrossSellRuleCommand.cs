using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Jobs.Retail;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Mines association rules between the products retail customers hold.</para>
/// <para type="description">Derives each customer's holdings of the 8 products from their balances, mines frequent itemsets (FP-Growth or Apriori, identical results) and keeps the rules that pass the support, confidence and lift filters — over all customers, or per segment with -PerCluster. Rules come sorted by confidence, then lift.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "CrossSellRule", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(CrossSellRule))]
public sealed class GetCrossSellRuleCommand : RetailCmdlet
{
    internal CrossSellRuleRequest BuildRequest(CustomerDataSet data, SegmentationModel? model) =>
        new(data) { Mining = Mining(), PerCluster = PerClusterFlag, Model = model };

    /// <inheritdoc />
    /// <inheritdoc />
    internal override IReadOnlySet<string>? ColumnsRead(ICommandHost host, Data.Schemas.BankSchema schema) =>
        RetailColumns.ForHoldings(schema, PerClusterFlag ? GivenSegmentation(host) ?? SegmentationModel.LoadShipped() : null);

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        var rules = CrossSellJob.Rules(BuildRequest(data, GivenSegmentation(host)), new HostSink(host), host.Cancellation);
        if (rules.Count == 0) host.WriteVerbose("No rule passes the thresholds; lower -MinSupport or -MinConfidence to see more.");
        foreach (var rule in rules) host.WriteObject(rule);
    }
}
