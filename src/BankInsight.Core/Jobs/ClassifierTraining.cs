using System.Globalization;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Metrics;
using BankInsight.Monitoring;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.Jobs;

/// <summary>
/// What a job hands to <see cref="ClassifierTraining"/>. <c>Profiled</c>: keep the training month's
/// distributions in the model for monitoring (off only for models that live for one call and are
/// never saved, where profiling every row would be pure cost).
/// </summary>
internal sealed record TrainingInput(
    string Job,
    CustomerDataSet Data,
    FeaturePlan Plan,
    IReadOnlyDictionary<string, double[]>? Supplied,
    bool?[] Labels,
    int UnlabelledRows,
    ModelAlgorithm Algorithm,
    GbdtOptions Gbdt,
    LogisticRegressionOptions Logistic,
    double HoldOutFraction,
    int Seed,
    Dictionary<string, string> Settings,
    OutputFile? OutFile,
    bool Profiled = true);

/// <summary>
/// The training steps every classification job shares: keep the labelled rows, hold out a
/// stratified share for honest metrics, fit, choose the decision threshold on the held-out
/// rows (maximum F1), and package the model with its settings and metrics.
/// </summary>
internal static class ClassifierTraining
{
    public const int MinimumLabelledRows = 30;

    public static ModelTrainingResult Train(TrainingInput input, IOperationSink sink, CancellationToken cancellationToken)
    {
        if (input.HoldOutFraction is <= 0 or >= 0.5)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"HoldOutFraction must be in (0, 0.5) (got {input.HoldOutFraction}).", input.HoldOutFraction);
        var labelledRows = Enumerable.Range(0, input.Labels.Length).Where(i => input.Labels[i] is not null).ToArray();
        var labels = labelledRows.Select(i => input.Labels[i]!.Value).ToArray();
        int positives = labels.Count(l => l);
        if (labelledRows.Length < MinimumLabelledRows || positives == 0 || positives == labels.Length)
            throw new BankInsightException(ErrorIds.TrainingDataInvalid, ErrorKind.InvalidOperation,
                $"Cannot train a {input.Job} model on {input.Data.Source}: {labelledRows.Length:N0} labelled rows of which {positives:N0} positive. A model needs at least {MinimumLabelledRows} labelled rows and both outcomes.",
                input.Data.Source);

        var every = input.Plan.Apply(input.Data, sink, input.Supplied);
        var (trainRows, heldRows) = StratifiedFolds.HoldOut(labels, input.HoldOutFraction, input.Seed);
        // Rows picked straight from every row's features: a copy of all labelled rows first would
        // hold the whole matrix once more while training (1.3 GB at 2,000,000 companies).
        var trainX = every.Select(trainRows.Select(r => labelledRows[r]).ToArray());
        var trainY = trainRows.Select(r => labels[r]).ToArray();
        var heldX = every.Select(heldRows.Select(r => labelledRows[r]).ToArray());
        var heldY = heldRows.Select(r => labels[r]).ToArray();
        sink.Verbose($"{input.Job}: {labelledRows.Length:N0} labelled rows ({positives:N0} positive, {input.UnlabelledRows:N0} without a label); training on {trainRows.Length:N0}, holding out {heldRows.Length:N0} for the metrics.");

        IBinaryTrainer trainer = input.Algorithm == ModelAlgorithm.Gbdt
            ? new GbdtTrainer(input.Gbdt with { Seed = input.Seed })
            : new LogisticRegressionTrainer(input.Logistic);
        var classifier = trainer.Fit(trainX, trainY, null, sink, cancellationToken);
        var probabilities = Logistic.Probabilities(classifier.PredictRaw(heldX, cancellationToken));
        // Strictly inside (0, 1), the range a model file is read with: held-out probabilities that
        // saturate to exactly 0 or 1 would otherwise give a threshold of 0 or 1. The clamp moves it
        // by one ulp, which changes the flag only of a probability of exactly 0 or 1 − 2⁻⁵³.
        double threshold = Math.Clamp(Thresholds.MaxF1(probabilities, heldY), double.Epsilon, Math.BitDecrement(1.0));
        var heldOut = BinaryEvaluation.Evaluate(probabilities, heldY, threshold);
        sink.Verbose($"{input.Job}: held-out ROC-AUC {heldOut.RocAuc:F4}, PR-AUC {heldOut.PrAuc:F4}; decision threshold {threshold:F4} (maximum F1 {heldOut.F1:F3}).");

        var settings = new Dictionary<string, string>(input.Settings, StringComparer.Ordinal)
        {
            ["decision_threshold"] = threshold.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = input.Seed.ToString(CultureInfo.InvariantCulture),
        };
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["roc_auc"] = heldOut.RocAuc, ["pr_auc"] = heldOut.PrAuc, ["log_loss"] = heldOut.LogLoss,
            ["precision"] = heldOut.Precision, ["recall"] = heldOut.Recall, ["f1"] = heldOut.F1,
            ["positive_rate"] = (double)positives / labels.Length, ["training_rows"] = trainRows.Length, ["held_out_rows"] = heldRows.Length,
        };
        // What the training month looked like, so later months can be compared with it (monitoring).
        var profile = input.Profiled ? TrainingProfile.Build(input.Plan, input.Data, every, probabilities) : null;
        var model = new TrainedModel(input.Job, input.Data.Schema.Name, input.Data.Schema.Fingerprint, input.Plan, classifier, settings, metrics, profile);
        if (input.OutFile is { } outFile)
        {
            model.Save(outFile);
            sink.Verbose($"{input.Job}: model written to {outFile}.");
        }
        var importance = classifier.Importance();
        return new ModelTrainingResult
        {
            Job = input.Job,
            Algorithm = classifier.Kind,
            Path = input.OutFile?.Path,
            LabelledRows = labelledRows.Length,
            UnlabelledRows = input.UnlabelledRows,
            TrainingRows = trainRows.Length,
            HeldOutRows = heldRows.Length,
            PositiveRate = (double)positives / labels.Length,
            RocAuc = heldOut.RocAuc,
            PrAuc = heldOut.PrAuc,
            Threshold = threshold,
            Precision = heldOut.Precision,
            Recall = heldOut.Recall,
            F1 = heldOut.F1,
            Iterations = classifier.Report.Iterations,
            Features = classifier.FeatureNames.Count,
            TopFeatures = string.Join("; ", importance.Take(5).Select(i => i.Feature)),
            Evaluation = ClassifierEvaluation.From(input.Job, "held-out", input.Data.Source, heldOut, input.UnlabelledRows, probabilities, heldY,
                topFeatures: Explain.FeatureEffects.Top(classifier, heldX, cancellationToken: cancellationToken)),
            Model = model,
        };
    }

    /// <summary>The model's decision threshold, unless the caller overrides it.</summary>
    public static double DecisionThreshold(TrainedModel model, double? overrideThreshold)
    {
        if (overrideThreshold is double t)
        {
            if (!(t is > 0 and < 1)) // written so that NaN fails too
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"ProbabilityThreshold must be in (0, 1) (got {t}).", t);
            return t;
        }
        return model.SettingOr("decision_threshold", 0.5);
    }

    /// <summary>"feature (+0.82); feature (−0.31)" for the strongest contributions of one explained row.</summary>
    public static (string Text, IReadOnlyList<(string Feature, double Contribution)> Top) Drivers(Contributions explained, int index, int count)
    {
        var top = explained.Top(index, count);
        string text = string.Join("; ", top.Select(t => $"{t.Feature} ({t.Contribution.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)})"));
        return (text, top);
    }
}
