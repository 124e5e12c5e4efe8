using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Backtests next-month churn over consecutive monthly files.</para>
/// <para type="description">For each month with two months after it, trains a next-month model on that month and the next (features and labels) and checks it on the following pair, as the bank would have used it; emits one row per month with ROC-AUC, PR-AUC, precision, recall and the lift in the top 10%. Give the months oldest first (Get-ChildItem sorts churn-2026-08.del before churn-2026-09.del); months out of order are refused.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ChurnBacktest", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(ChurnBacktestRow))]
public sealed class InvokeChurnBacktestCommand : DataJobCmdlet
{
    /// <summary>Decline that counts as churn (0.5: assets more than halved).</summary>
    [Parameter]
    [ValidateRange(0.01, 0.99)]
    public double DeclineThreshold { get; set; } = ChurnLabels.DefaultDeclineThreshold;

    /// <summary>Gbdt (default) or LogisticRegression.</summary>
    [Parameter]
    public ModelAlgorithm Algorithm { get; set; } = ModelAlgorithm.Gbdt;

    /// <summary>Seed for every model.</summary>
    [Parameter]
    public int Seed { get; set; } = 42;

    private readonly List<CustomerDataSet> _months = [];

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.CorporateChurn;

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data) => _months.Add(data);

    /// <inheritdoc />
    internal override void Complete(ICommandHost host)
    {
        var request = new ChurnBacktestRequest(_months) { DeclineThreshold = DeclineThreshold, Algorithm = Algorithm, Seed = Seed };
        foreach (var row in ChurnBacktest.Run(request, new HostSink(host), host.Cancellation)) host.WriteObject(row);
    }
}
