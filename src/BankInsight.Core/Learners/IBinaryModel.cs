using BankInsight.Common;
using BankInsight.Features;
using BankInsight.Serialization;

namespace BankInsight.Learners;

/// <summary>A trained binary classifier: raw scores (log-odds), explanations, importances.</summary>
public interface IBinaryModel
{
    /// <summary>"gbdt" or "logistic".</summary>
    string Kind { get; }

    /// <summary>The features it was trained on, in order; scoring data must have the same.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How training went (rounds, convergence).</summary>
    TrainingReport Report { get; }

    /// <summary>Log-odds of the positive class for every row.</summary>
    double[] PredictRaw(FeatureMatrix features, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per-row, per-feature contributions to the log-odds, plus a bias, such that for every row
    /// bias + Σ contributions = raw score (exact TreeSHAP for trees; coefficient × standardized
    /// value for the linear model).
    /// </summary>
    Contributions Explain(FeatureMatrix features, IReadOnlyList<int> rows, CancellationToken cancellationToken = default);

    /// <summary>How much each feature mattered in training, largest first.</summary>
    IReadOnlyList<FeatureImportance> Importance();

    /// <summary>Writes hyper-parameters and the fitted payload into the model file.</summary>
    internal void WriteTo(ModelFile file);
}

/// <summary>Trains a <see cref="IBinaryModel"/>.</summary>
public interface IBinaryTrainer
{
    /// <summary>"gbdt" or "logistic".</summary>
    string Kind { get; }

    /// <summary>
    /// Fits on <paramref name="features"/> and <paramref name="labels"/>; <paramref name="validation"/>
    /// (optional) is used for early stopping where the learner supports it.
    /// </summary>
    IBinaryModel Fit(FeatureMatrix features, bool[] labels, (FeatureMatrix Features, bool[] Labels)? validation, IOperationSink sink, CancellationToken cancellationToken = default);
}

/// <summary>How training went.</summary>
/// <param name="Iterations">Boosting rounds kept, or optimizer iterations.</param>
/// <param name="Converged">For iterative solvers: whether the convergence test was met.</param>
/// <param name="StoppedEarly">Whether early stopping ended training.</param>
/// <param name="ValidationLogLoss">Best validation log-loss, when a validation set was used.</param>
/// <param name="Note">A human sentence about the run.</param>
public sealed record TrainingReport(int Iterations, bool Converged, bool StoppedEarly, double? ValidationLogLoss, string Note);

/// <summary>A feature's importance.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Importance">Total split gain (trees) or mean |contribution| proxy |coefficient| (linear).</param>
/// <param name="Share">Share of the total, 0–1.</param>
public sealed record FeatureImportance(string Feature, double Importance, double Share);

/// <summary>Per-row contributions: <c>Values[i * FeatureCount + f]</c>, and a bias per row.</summary>
public sealed class Contributions(IReadOnlyList<string> featureNames, IReadOnlyList<int> rows, double[] values, double[] bias)
{
    /// <summary>Feature names (columns of <see cref="Values"/>).</summary>
    public IReadOnlyList<string> FeatureNames { get; } = featureNames;

    /// <summary>The rows explained, in order.</summary>
    public IReadOnlyList<int> Rows { get; } = rows;

    /// <summary>Contributions, row-major.</summary>
    public double[] Values { get; } = values;

    /// <summary>The part of each row's score that no feature explains (expected score).</summary>
    public double[] Bias { get; } = bias;

    /// <summary>Number of features.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>Contribution of feature <paramref name="feature"/> to the <paramref name="index"/>-th explained row.</summary>
    public double this[int index, int feature] => Values[index * FeatureCount + feature];

    /// <summary>The <paramref name="count"/> features with the largest absolute contribution for one explained row.</summary>
    public IReadOnlyList<(string Feature, double Contribution)> Top(int index, int count) =>
        Enumerable.Range(0, FeatureCount)
            .Select(f => (FeatureNames[f], this[index, f]))
            .Where(t => t.Item2 != 0)
            .OrderByDescending(t => Math.Abs(t.Item2)).ThenBy(t => t.Item1, StringComparer.Ordinal)
            .Take(count).ToList();
}

/// <summary>The logistic function and its inverse.</summary>
public static class Logistic
{
    /// <summary>1 / (1 + e^-x).</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>Probabilities from log-odds.</summary>
    public static double[] Probabilities(double[] raw)
    {
        var p = new double[raw.Length];
        for (int i = 0; i < raw.Length; i++) p[i] = Sigmoid(raw[i]);
        return p;
    }

    /// <summary>Log-odds of <paramref name="p"/>.</summary>
    public static double Logit(double p) => Math.Log(p / (1 - p));
}

/// <summary>Checks shared by every learner.</summary>
internal static class TrainingChecks
{
    public static (int Positives, int Negatives) Labels(FeatureMatrix features, bool[] labels)
    {
        if (labels.Length != features.RowCount)
            throw new ArgumentException($"{labels.Length} labels for {features.RowCount} rows.", nameof(labels));
        int positives = labels.Count(l => l);
        int negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
            throw new BankInsightException(ErrorIds.TrainingDataInvalid, ErrorKind.InvalidOperation,
                $"Cannot train on {labels.Length:N0} rows that are all {(positives == 0 ? "negative" : "positive")}: a classifier needs both classes.", labels.Length);
        return (positives, negatives);
    }

    /// <summary>Scoring data must have the training features, in order, of the same kinds.</summary>
    public static void SameFeatures(IReadOnlyList<string> names, IReadOnlyList<FeatureKind> kinds, FeatureMatrix features)
    {
        if (features.FeatureCount != names.Count)
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                $"The model expects {names.Count} features but the data has {features.FeatureCount}.", null);
        for (int f = 0; f < names.Count; f++)
        {
            var column = features.Columns[f];
            if (column.Name != names[f] || column.Kind != kinds[f])
                throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                    $"Feature {f + 1}: the model expects '{names[f]}' ({kinds[f]}), got '{column.Name}' ({column.Kind}).", column.Name);
        }
    }
}
