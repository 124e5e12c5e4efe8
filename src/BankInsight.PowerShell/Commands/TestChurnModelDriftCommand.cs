using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.Monitoring;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Checks a churn model against a new month: population stability per feature and for the score, missing shares, and what last month's warnings realised.</para>
/// <para type="description">Compares the month with the training month kept in the model: the population stability index (PSI) of every feature and of the score, flagged Moderate from 0.1 and Major from 0.25, and each feature's share of missing values then and now. With -PreviousWarningsPath (the warning list issued on this month) it reports the precision and recall the list realised, judged by the model's own churn rule: for a next-month model by the following month's figures (-NextMonthPath). Emits one report, or with -PerFeature one row per feature.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ChurnModelDrift", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(ModelDriftReport), typeof(FeatureDrift))]
public sealed class TestChurnModelDriftCommand : DataJobCmdlet, IUsesModel
{
    /// <summary>The model: a file path, a model, or New-ChurnModel's output (default: the shipped model). Binds the Model property of a piped training result.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public object? Model { get; set; }

    /// <summary>The warning list issued on this month (Invoke-ChurnPrediction | Export-BankResult, or churn predict's result file): its realised precision and recall are reported.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PreviousWarningsPath { get; set; }

    /// <summary>For a next-month model: the month after the data, whose figures say which warned customers churned.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NextMonthPath { get; set; }

    /// <summary>Earlier months, newest first, for a model that learnt trends from them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] HistoryPath { get; set; } = [];

    /// <summary>The data's month (default: read from the file's dates, sentinels and future dates ignored).</summary>
    [Parameter]
    public DateTime? DataMonth { get; set; }

    /// <summary>Emit one row per feature (highest PSI first) instead of the report.</summary>
    [Parameter]
    public SwitchParameter PerFeature { get => PerFeatureFlag; set => PerFeatureFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool PerFeatureFlag { get; set; }

    private Serialization.TrainedModel? _model;
    private (CustomerDataSet? Next, IReadOnlyList<CustomerDataSet> History)? _months;
    private WarningList? _warnings;
    private string? _warnedMonth;

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.CorporateChurn;

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        _model ??= JobInputs.Model(host, Model, ShippedModels.Churn, ChurnJob.Purpose);
        if (PreviousWarningsPath is not null)
        {
            // A warning list was issued on one month; judging it against a second would be wrong.
            if (_warnedMonth is not null)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                    $"-PreviousWarningsPath holds the warnings issued on one month, already checked against {_warnedMonth}; {data.Source} is another. Check one month per command when giving the warnings.", data.Source);
            _warnedMonth = data.Source;
            _warnings ??= WarningList.Load(InputFiles.Single(host, PreviousWarningsPath, "PreviousWarningsPath"));
        }
        var schema = FileSchema(host);
        var (next, history) = _months ??= (
            NextMonthPath is null ? null : JobInputs.MonthFile(host, NextMonthPath, "NextMonthPath", schema, MaxRejectedShare),
            HistoryPath.Select(h => JobInputs.MonthFile(host, h, "HistoryPath", schema, MaxRejectedShare)).ToList());
        var report = ChurnMonitorJob.Monitor(new ChurnMonitorRequest(_model, data)
        {
            PreviousWarnings = _warnings, NextMonth = next, History = history, DataMonth = JobInputs.Month(DataMonth),
        }, new HostSink(host), host.Cancellation);
        if (!PerFeatureFlag) host.WriteObject(report);
        else foreach (var feature in report.Features) host.WriteObject(feature);
    }
}
