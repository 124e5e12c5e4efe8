using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Metrics;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.Jobs.Churn;

/// <summary>How to train a churn model.</summary>
public sealed class ChurnTrainingRequest(CustomerDataSet data)
{
    /// <summary>The labelled month.</summary>
    public CustomerDataSet Data { get; } = data;

    /// <summary>Decline that counts as churn (0.5: assets more than halved).</summary>
    public double DeclineThreshold { get; init; } = ChurnLabels.DefaultDeclineThreshold;

    /// <summary>Learner.</summary>
    public ModelAlgorithm Algorithm { get; init; } = ModelAlgorithm.Gbdt;

    /// <summary>The data's month (dates are measured to its end); derived from the file when null.</summary>
    public DateOnly? DataMonth { get; init; }

    /// <summary>Seed for the hold-out split and the learner.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Share of labelled rows held out for the metrics and the threshold.</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>Trees hyper-parameters.</summary>
    public GbdtOptions Gbdt { get; init; } = new();

    /// <summary>Logistic regression hyper-parameters.</summary>
    public LogisticRegressionOptions Logistic { get; init; } = new();

    /// <summary>Where to save the model, or null.</summary>
    public OutputFile? OutFile { get; init; }
}

/// <summary>How to score a month with a churn model.</summary>
public sealed class ChurnPredictionRequest(CustomerDataSet data, TrainedModel model)
{
    /// <summary>The month to score.</summary>
    public CustomerDataSet Data { get; } = data;

    /// <summary>The churn model.</summary>
    public TrainedModel Model { get; } = model;

    /// <summary>Emit every customer, not only the predicted churners.</summary>
    public bool IncludeAll { get; init; }

    /// <summary>Overrides the model's decision threshold.</summary>
    public double? ProbabilityThreshold { get; init; }

    /// <summary>The data's month; derived from the file when null.</summary>
    public DateOnly? DataMonth { get; init; }

    /// <summary>Drivers per customer (0 = none, which is much faster for scoring everyone).</summary>
    public int Drivers { get; init; } = 3;
}

/// <summary>
/// Corporate churn early warning (SPEC "1."): label, train, evaluate on a later month, and
/// score. Features are every column but id, name and the two label columns; dates become
/// "signed" flags and months since signing relative to the data month.
/// </summary>
public static class ChurnJob
{
    /// <summary>The purpose written into churn models.</summary>
    public const string Purpose = "churn";

    private static readonly string[] NotFeatures = [ChurnColumns.Id, ChurnColumns.Name, ChurnColumns.CurrentAssets, ChurnColumns.ThreeMonthAssets];

    // Signing dates after the month the job runs in are errors in the export (2099-12-31 for "no
    // end", a mistyped year); they never set the data month, and ops should hear of them.
    private static void WarnAboutFutureDates(DataMonth? found, CustomerDataSet data, IOperationSink sink)
    {
        if (found is { FutureDates: > 0 } f)
            sink.Warning($"{f.FutureDates:N0} date(s) of {data.Source} lie after this month (e.g. {f.FutureExample:yyyy-MM-dd}); they do not set the data month, which is {f.MonthEnd:yyyy-MM} (--data_month / -DataMonth sets it).");
    }

    /// <summary>Trains and (optionally) saves a churn model; returns it with its held-out metrics.</summary>
    public static ModelTrainingResult Train(ChurnTrainingRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var data = request.Data;
        var labels = ChurnLabels.Make(data, request.DeclineThreshold, sink);
        var found = request.DataMonth is null ? DataMonth.Of(data) : null;
        WarnAboutFutureDates(found, data, sink);
        var reference = MonthEnd(request.DataMonth) ?? found?.MonthEnd;
        var plan = FeaturePlan.FromData(data, NotFeatures, reference);
        sink.Verbose($"Churn: {plan.Features.Count} features from {data.Source}{(found is not null ? $", dates measured to {found}" : reference is { } r ? $", dates measured to {r:yyyy-MM-dd} (given)" : "")}, decline threshold {request.DeclineThreshold}.");
        var settings = new Dictionary<string, string>
        {
            ["decline_threshold"] = request.DeclineThreshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["data_month"] = reference?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
        return ClassifierTraining.Train(new TrainingInput(Purpose, data, plan, null, labels.Labels, labels.Unlabelled, request.Algorithm,
            request.Gbdt, request.Logistic, request.HoldOutFraction, request.Seed, settings, request.OutFile), sink, cancellationToken);
    }

    /// <summary>
    /// Evaluates a churn model on a labelled file — typically a later month — with the model's
    /// decline threshold (unless given) and decision threshold.
    /// </summary>
    public static ClassifierEvaluation Evaluate(TrainedModel model, CustomerDataSet data, IOperationSink sink,
        double? declineThreshold = null, DateOnly? dataMonth = null, CancellationToken cancellationToken = default)
    {
        RequireChurnModel(model);
        var labels = ChurnLabels.Make(data, declineThreshold ?? model.SettingOr("decline_threshold", ChurnLabels.DefaultDeclineThreshold), sink);
        var rows = Enumerable.Range(0, data.RowCount).Where(i => labels.Labels[i] is not null).ToArray();
        if (rows.Length == 0)
            throw new BankInsightException(ErrorIds.TrainingDataInvalid, ErrorKind.InvalidOperation, $"{data.Source} has no labelled rows to evaluate on.", data.Source);
        var features = model.Features(data, sink, MonthEnd(dataMonth) ?? FeaturePlan.LatestMonthEnd(data)).Select(rows);
        var probabilities = Logistic.Probabilities(model.Classifier.PredictRaw(features, cancellationToken));
        var truth = rows.Select(i => labels.Labels[i]!.Value).ToArray();
        var evaluation = BinaryEvaluation.Evaluate(probabilities, truth, ClassifierTraining.DecisionThreshold(model, null));
        return ClassifierEvaluation.From(Purpose, model.Source ?? "(in memory)", data.Source, evaluation, labels.Unlabelled);
    }

    /// <summary>
    /// Scores every customer; yields the predicted churners (or everyone) in file order, as they
    /// are explained, block by block, so a caller can write them while the rest is still being computed.
    /// </summary>
    public static IEnumerable<ChurnPrediction> Predict(ChurnPredictionRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var model = request.Model;
        RequireChurnModel(model);
        var data = request.Data;
        double threshold = ClassifierTraining.DecisionThreshold(model, request.ProbabilityThreshold);
        // Which month dates are measured to changes the scores: say it, and why.
        var found = request.DataMonth is null ? DataMonth.Of(data) : null;
        WarnAboutFutureDates(found, data, sink);
        var reference = MonthEnd(request.DataMonth) ?? found?.MonthEnd;
        if (found is not null) sink.Verbose($"Churn: dates of {data.Source} measured to {found} (a data month given sets it instead).");
        else if (reference is { } given) sink.Verbose($"Churn: dates of {data.Source} measured to {given:yyyy-MM-dd}, the data month given.");
        var features = model.Features(data, sink, reference);
        var probabilities = Logistic.Probabilities(model.Classifier.PredictRaw(features, cancellationToken));
        var ids = data.Ids ?? throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"{data.Source} has no customer id column.", data.Source);
        var names = data.Find(ChurnColumns.Name) as TextColumn;
        var emitted = Enumerable.Range(0, data.RowCount).Where(i => request.IncludeAll || probabilities[i] >= threshold).ToArray();
        sink.Verbose($"Churn: {data.RowCount:N0} customers scored, {probabilities.Count(p => p >= threshold):N0} at or above the threshold {threshold:F4}.");
        const int block = 1024;
        for (int start = 0; start < emitted.Length; start += block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = emitted.AsSpan(start, Math.Min(block, emitted.Length - start)).ToArray();
            var explained = request.Drivers > 0 ? model.Classifier.Explain(features, rows, cancellationToken) : null;
            for (int k = 0; k < rows.Length; k++)
            {
                int row = rows[k];
                double p = probabilities[row];
                var (text, top) = explained is null ? (null, []) : ClassifierTraining.Drivers(explained, k, request.Drivers);
                yield return new ChurnPrediction
                {
                    CustomerId = ids[row]!,
                    CustomerName = names?[row],
                    Probability = p,
                    IsChurn = p >= threshold,
                    RiskBand = p < threshold ? RiskBand.Low : p >= threshold + (1 - threshold) / 2 ? RiskBand.High : RiskBand.Medium,
                    Drivers = text,
                    Driver1 = top.Count > 0 ? top[0].Feature : null,
                    Driver1Effect = top.Count > 0 ? top[0].Contribution : null,
                    Driver2 = top.Count > 1 ? top[1].Feature : null,
                    Driver2Effect = top.Count > 1 ? top[1].Contribution : null,
                    Driver3 = top.Count > 2 ? top[2].Feature : null,
                    Driver3Effect = top.Count > 2 ? top[2].Contribution : null,
                    Line = data.GetSourceLine(row),
                    File = data.Source,
                };
            }
            sink.Progress(new OperationProgress("Scoring churn", $"{Math.Min(start + block, emitted.Length):N0} of {emitted.Length:N0} customers", (double)Math.Min(start + block, emitted.Length) / emitted.Length));
        }
        sink.Progress(new OperationProgress("Scoring churn", $"{emitted.Length:N0} customers", 1, Completed: true));
    }

    /// <summary>Loads the shipped churn model.</summary>
    public static TrainedModel LoadShippedModel() => TrainedModel.Load(ShippedModels.Locate(ShippedModels.Churn), Purpose);

    private static void RequireChurnModel(TrainedModel model)
    {
        if (model.Purpose != Purpose)
            throw new BankInsightException(ErrorIds.ModelKindMismatch, ErrorKind.InvalidArgument,
                $"Model {model.Source ?? "(in memory)"} is a {model.Purpose} model; churn prediction needs a churn model.", model.Source);
    }

    internal static DateOnly? MonthEnd(DateOnly? month) =>
        month is { } m ? new DateOnly(m.Year, m.Month, DateTime.DaysInMonth(m.Year, m.Month)) : null;
}
