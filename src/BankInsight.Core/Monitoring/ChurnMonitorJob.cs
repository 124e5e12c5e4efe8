using System.Globalization;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Features;
using BankInsight.Jobs.Churn;
using BankInsight.Learners;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.Monitoring;

/// <summary>How to check a churn model against a month.</summary>
public sealed class ChurnMonitorRequest(TrainedModel model, CustomerDataSet data)
{
    /// <summary>The churn model; it must carry a training profile (models trained since BankInsight kept one).</summary>
    public TrainedModel Model { get; } = model;

    /// <summary>The month compared with training (month t), and the month the warnings were issued for.</summary>
    public CustomerDataSet Data { get; } = data;

    /// <summary>The warning list issued on <see cref="Data"/> (churn predict's result file), or null.</summary>
    public WarningList? PreviousWarnings { get; init; }

    /// <summary>For a next-month model: month t+1, whose figures say who churned (needed with <see cref="PreviousWarnings"/>).</summary>
    public CustomerDataSet? NextMonth { get; init; }

    /// <summary>Earlier months (t−1, …) for a model with trend features.</summary>
    public IReadOnlyList<CustomerDataSet> History { get; init; } = [];

    /// <summary>Month t; derived from the file when null.</summary>
    public DateOnly? DataMonth { get; init; }
}

/// <summary>
/// The monthly check of a churn model (issue 11, monitoring): how far the month's features and
/// scores moved from the training month (PSI per feature and for the score, flagged from 0.1
/// moderate and 0.25 major; missing shares), and, given the warning list issued on the month, the
/// precision and recall it realised. Outcomes follow the model's own label rule: a next-month
/// model's warnings on month t are judged by month t+1's figures with the model's decline
/// threshold (a customer gone from t+1 churned, unless the model was trained otherwise); a
/// same-month model's by month t's own figures, which need no other file.
/// </summary>
public static class ChurnMonitorJob
{
    /// <summary>Compares the month with the model's training profile; adds the realised warnings when a list is given.</summary>
    public static ModelDriftReport Monitor(ChurnMonitorRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var (model, data) = (request.Model, request.Data);
        ChurnJob.RequireChurnModel(model);
        string modelName = model.Source ?? "(in memory)";
        var profile = model.Profile ?? throw new BankInsightException(ErrorIds.ModelKindMismatch, ErrorKind.InvalidArgument,
            $"Model {modelName} has no training profile: it was written before BankInsight kept one, so there is nothing to compare {data.Source} with. It still predicts; retrain it (New-ChurnModel, bankinsight churn train) to monitor it. Until then Test-ChurnModel (bankinsight churn evaluate) measures it on a labelled month.", model.Source);
        bool nextMonth = ChurnJob.PredictsNextMonth(model);
        CheckOutcomeFiles(request, nextMonth, modelName);

        var found = request.DataMonth is null ? Features.DataMonth.Of(data) : null;
        ChurnJob.WarnAboutFutureDates(found, data, sink);
        var reference = ChurnJob.MonthEnd(request.DataMonth) ?? found?.MonthEnd;
        var features = model.Features(data, sink, reference, ChurnJob.Supplied(model, data, request.History, sink));
        var probabilities = Logistic.Probabilities(model.Classifier.PredictRaw(features, cancellationToken));
        var drift = ModelDrift.Features(model.Plan, profile, data, features);
        double scorePsi = ModelDrift.Score(profile, probabilities);
        var shifted = drift.Where(d => d.Shift != DriftShift.None).ToList();
        int major = drift.Count(d => d.Shift == DriftShift.Major);
        sink.Verbose(string.Create(CultureInfo.InvariantCulture,
            $"Monitoring: {data.RowCount:N0} customers of {data.Source} against {profile.Rows:N0} of the training month ({profile.ScoreRows:N0} held-out scores); score PSI {scorePsi:0.0000}; {major} major and {shifted.Count - major} moderate shift(s) among {drift.Count} features."));
        if (major > 0 || PopulationStability.Classify(scorePsi) == DriftShift.Major)
            sink.Warning(string.Create(CultureInfo.InvariantCulture,
                $"Major shift (PSI ≥ {PopulationStability.MajorFrom}) in {data.Source} against the model's training month: {(major > 0 ? string.Join(", ", drift.Where(d => d.Shift == DriftShift.Major).Take(5).Select(d => $"{d.Feature} {d.Psi:0.00}")) + (major > 5 ? $" and {major - 5} more" : "") : "no single feature")}; score PSI {scorePsi:0.00}. The model sees customers unlike those it learnt from: check the export, and retrain if the change is real."));

        RealisedCounts? counts = null;
        string? outcomes = null;
        if (request.PreviousWarnings is { } warnings)
        {
            bool?[] labels;
            (labels, outcomes) = Outcomes(request, model, reference, nextMonth, sink);
            counts = RealisedWarnings.Count(warnings, data, labels);
            ReportCounts(counts, warnings, data, outcomes, sink);
        }
        return new ModelDriftReport
        {
            Model = modelName,
            Data = data.Source,
            Predicts = ChurnJob.Predicts(model.Settings, reference),
            TrainingRows = profile.Rows,
            Rows = data.RowCount,
            ScorePsi = scorePsi,
            ScoreShift = PopulationStability.Classify(scorePsi),
            MajorShifts = major,
            ModerateShifts = shifted.Count - major,
            ShiftedFeatures = shifted.Select(d => d.Feature).ToTextList(),
            Features = drift.ToTextList(),
            WarningsFile = request.PreviousWarnings?.Source,
            OutcomesFrom = outcomes,
            Warned = counts?.Warned,
            WarnedNotInData = counts?.NotInData,
            WarnedUnlabelled = counts?.Unlabelled,
            WarnedChurned = counts?.WarnedChurned,
            Churned = counts?.Churned,
            ChurnRate = counts?.ChurnRate,
            RealisedPrecision = counts?.Precision,
            RealisedRecall = counts?.Recall,
            TrainingPrecision = model.Metrics.TryGetValue("precision", out double p) ? p : null,
            TrainingRecall = model.Metrics.TryGetValue("recall", out double r) ? r : null,
        };
    }

    // The files that say who churned must fit the model: a next-month model's warnings need the
    // month after; a same-month model's outcomes are in the month itself.
    private static void CheckOutcomeFiles(ChurnMonitorRequest request, bool nextMonth, string modelName)
    {
        if (request.NextMonth is not null && request.PreviousWarnings is null)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"The next month's file {request.NextMonth.Source} gives the outcomes of last month's warnings: give the warning list too (-PreviousWarningsPath / --previous_warnings), or leave the next month out.", request.NextMonth.Source);
        if (request.PreviousWarnings is null) return;
        if (nextMonth && request.NextMonth is null)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"Model {modelName} predicts next month's churn: whether the customers warned on {request.Data.Source} churned is in the month after it; give that file (-NextMonthPath / --next_month_path).", request.PreviousWarnings.Source);
        if (!nextMonth && request.NextMonth is not null)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"Model {modelName} predicts churn within the month it scores (the old delivery's labels): its warnings on {request.Data.Source} are judged by that month's own figures. Leave out the next month's file.", request.NextMonth.Source);
    }

    private static (bool?[] Labels, string From) Outcomes(ChurnMonitorRequest request, TrainedModel model, DateOnly? reference, bool nextMonth, IOperationSink sink)
    {
        var data = request.Data;
        double decline = model.SettingOr("decline_threshold", ChurnLabels.DefaultDeclineThreshold);
        if (!nextMonth) return (ChurnLabels.Make(data, decline, sink).Labels, data.Source);
        var next = request.NextMonth!;
        ChurnMonths.Check(data, reference, next, request.History, sink);
        bool absentIsChurn = model.Settings.GetValueOrDefault("absent_is_churn", "true") == "true";
        return (NextMonthLabels.Make(data, next, decline, absentIsChurn, sink).Labels, next.Source);
    }

    private static void ReportCounts(RealisedCounts counts, WarningList warnings, CustomerDataSet data, string outcomes, IOperationSink sink)
    {
        if (warnings.Repeated > 0)
            sink.Verbose($"{warnings.Source}: {warnings.Repeated:N0} line(s) repeat an id; each customer counts once.");
        if (counts.NotInData > 0)
        {
            string message = $"{counts.NotInData:N0} of {counts.Warned:N0} warned id(s) in {warnings.Source} are not customers of {data.Source} (e.g. {string.Join(", ", counts.NotInDataExamples.Select(i => $"'{i}'"))})";
            // Most of a list missing from the month: the list was issued on another month.
            if (counts.NotInData * 2 > counts.Warned)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                    $"{message}: was the list issued on another month? Give the month the warnings were issued on.", warnings.Source);
            sink.Warning(message + "; they are left out.");
        }
        if (counts.Unlabelled > 0)
            sink.Verbose($"{counts.Unlabelled:N0} warned customer(s) have no outcome in {outcomes} (e.g. a zero three-month average); they are left out.");
        sink.Verbose(string.Create(CultureInfo.InvariantCulture,
            $"Warnings realised: {counts.WarnedChurned:N0} of {counts.WarnedChurned + counts.WarnedStayed:N0} warned customers churned (precision {counts.Precision:0.000}); {counts.WarnedChurned:N0} of {counts.Churned:N0} churners were warned (recall {counts.Recall:0.000}); churn rate {counts.ChurnRate:0.000}."));
    }
}
