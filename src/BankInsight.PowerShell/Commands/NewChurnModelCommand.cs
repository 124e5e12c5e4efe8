using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Trains a churn early-warning model: next month's churn from this month, or this month's own.</para>
/// <para type="description">With -NextMonthPath the model learns what a month looks like before the money leaves: each customer of this month is labelled from the next month's file (its financial assets fell below half their three-month average there, or the customer is gone), and every column of this month — balances included — plus the decline already under way (and, with -HistoryPath, the change from earlier months) are its features. Without, it learns this month's own labels, as the old delivery did. It holds out 20% to measure the model honestly and returns the model with its held-out metrics.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ChurnModel", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
[OutputType(typeof(ModelTrainingResult))]
public sealed class NewChurnModelCommand : TrainingCmdlet
{
    /// <inheritdoc />
    internal override string SaveAction => "Write churn model";

    /// <summary>Decline that counts as churn (0.5: assets more than halved).</summary>
    [Parameter]
    [ValidateRange(0.01, 0.99)]
    public double DeclineThreshold { get; set; } = ChurnLabels.DefaultDeclineThreshold;

    /// <summary>Gbdt (default) or LogisticRegression.</summary>
    [Parameter]
    public ModelAlgorithm Algorithm { get; set; } = ModelAlgorithm.Gbdt;

    /// <summary>The data's month (default: read from the file's dates, sentinels and future dates ignored).</summary>
    [Parameter]
    public DateTime? DataMonth { get; set; }

    /// <summary>Seed for the hold-out split and the learner.</summary>
    [Parameter]
    public int Seed { get; set; } = 42;

    /// <summary>The month after the data: its figures label a next-month model (churn by that month).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NextMonthPath { get; set; }

    /// <summary>Earlier months, newest first (t-1, t-2, ...): trend features per customer. Needs -NextMonthPath.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] HistoryPath { get; set; } = [];

    /// <summary>A customer missing from the next month's file gets no label (by default it counts as churned).</summary>
    [Parameter]
    public SwitchParameter AbsentUnlabelled { get => AbsentUnlabelledFlag; set => AbsentUnlabelledFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool AbsentUnlabelledFlag { get; set; }

    private (CustomerDataSet? Next, IReadOnlyList<CustomerDataSet> History)? _months;

    internal ChurnTrainingRequest BuildRequest(CustomerDataSet data, Common.OutputFile? outFile, CustomerDataSet? next = null, IReadOnlyList<CustomerDataSet>? history = null) => new(data)
    {
        DeclineThreshold = DeclineThreshold,
        Algorithm = Algorithm,
        DataMonth = JobInputs.Month(DataMonth),
        Seed = Seed,
        OutFile = outFile,
        NextMonth = next,
        History = history ?? [],
        AbsentIsChurn = !AbsentUnlabelledFlag,
    };

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.CorporateChurn;

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        var target = ModelFile(data);
        var (next, history) = _months ??= Months(host);
        host.WriteObject(ChurnJob.Train(BuildRequest(data, target, next, history), new HostSink(host), host.Cancellation));
    }

    // The other months, read once (with the data's schema) and never the model file.
    private (CustomerDataSet?, IReadOnlyList<CustomerDataSet>) Months(ICommandHost host)
    {
        var schema = FileSchema(host);
        var next = NextMonthPath is null ? null : JobInputs.MonthFile(host, NextMonthPath, "NextMonthPath", schema, MaxRejectedShare);
        if (next is not null) RequireNotTheModelFile("-NextMonthPath", next.Source);
        var history = HistoryPath.Select(h => JobInputs.MonthFile(host, h, "HistoryPath", schema, MaxRejectedShare)).ToList();
        foreach (var h in history) RequireNotTheModelFile("-HistoryPath", h.Source);
        return (next, history);
    }
}
