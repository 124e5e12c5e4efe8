using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Evaluates a churn model on a month it did not learn from.</para>
/// <para type="description">Labels the month with the model's decline threshold — for a next-month model from the following month's file (-NextMonthPath), which it then needs — and reports ROC-AUC, PR-AUC, precision and recall at the model's decision threshold, the lift in the top 5% and 10%, and a calibration table: the bank's time-based validation.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ChurnModel", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(ClassifierEvaluation))]
public sealed class TestChurnModelCommand : DataJobCmdlet, IUsesModel
{
    /// <summary>The model: a file path, a model, or New-ChurnModel's output (default: the shipped model). Binds the Model property of a piped training result.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public object? Model { get; set; }

    /// <summary>Decline that counts as churn (default: the model's).</summary>
    [Parameter]
    [ValidateRange(0.01, 0.99)]
    public double? DeclineThreshold { get; set; }

    /// <summary>The data's month (default: read from the file's dates, sentinels and future dates ignored).</summary>
    [Parameter]
    public DateTime? DataMonth { get; set; }

    /// <summary>The month after the data, whose figures label a next-month model's predictions.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NextMonthPath { get; set; }

    /// <summary>Earlier months, newest first, for a model that learnt trends from them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] HistoryPath { get; set; } = [];

    private Serialization.TrainedModel? _model;
    private (CustomerDataSet? Next, IReadOnlyList<CustomerDataSet> History)? _months;

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.CorporateChurn;

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        _model ??= JobInputs.Model(host, Model, ShippedModels.Churn, ChurnJob.Purpose);
        var schema = FileSchema(host);
        var (next, history) = _months ??= (
            NextMonthPath is null ? null : JobInputs.MonthFile(host, NextMonthPath, "NextMonthPath", schema, MaxRejectedShare),
            HistoryPath.Select(h => JobInputs.MonthFile(host, h, "HistoryPath", schema, MaxRejectedShare)).ToList());
        host.WriteObject(ChurnJob.Evaluate(new ChurnEvaluationRequest(_model, data)
        {
            NextMonth = next, History = history, DeclineThreshold = DeclineThreshold, DataMonth = JobInputs.Month(DataMonth),
        }, new HostSink(host), host.Cancellation));
    }
}
