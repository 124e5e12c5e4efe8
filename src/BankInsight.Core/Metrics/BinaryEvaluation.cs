
namespace BankInsight.Metrics;

/// <summary>
/// How well binary predictions match labels: the threshold-free metrics and the confusion
/// matrix at a chosen threshold. Flat and scalar, so it exports to CSV/Excel and JSON as is;
/// the runner's <c>--json</c> and the cmdlets emit this same object.
/// </summary>
public sealed class BinaryEvaluation
{
    /// <summary>Rows evaluated.</summary>
    public int Rows { get; init; }

    /// <summary>Rows whose label is positive.</summary>
    public int Positives { get; init; }

    /// <summary>Share of positive labels.</summary>
    public double PositiveRate => Rows == 0 ? double.NaN : (double)Positives / Rows;

    /// <summary>Area under the ROC curve (0.5 = chance, 1 = perfect ranking).</summary>
    public double RocAuc { get; init; }

    /// <summary>Average precision (area under the precision–recall curve).</summary>
    public double PrAuc { get; init; }

    /// <summary>Mean log-loss of the probabilities.</summary>
    public double LogLoss { get; init; }

    /// <summary>The probability at or above which a row is called positive.</summary>
    public double Threshold { get; init; }

    /// <summary>Positives called positive.</summary>
    public int TruePositives { get; init; }

    /// <summary>Negatives called positive.</summary>
    public int FalsePositives { get; init; }

    /// <summary>Negatives called negative.</summary>
    public int TrueNegatives { get; init; }

    /// <summary>Positives called negative.</summary>
    public int FalseNegatives { get; init; }

    /// <summary>Share of rows called correctly.</summary>
    public double Accuracy => Rows == 0 ? double.NaN : (double)(TruePositives + TrueNegatives) / Rows;

    /// <summary>Share of rows called positive that are positive (NaN when none is called positive).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Share of positives called positive.</summary>
    public double Recall => Positives == 0 ? double.NaN : (double)TruePositives / Positives;

    /// <summary>Harmonic mean of precision and recall (0 when either is 0 or undefined).</summary>
    public double F1 => TruePositives == 0 ? 0 : 2.0 * TruePositives / (2.0 * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>Evaluates <paramref name="probabilities"/> against <paramref name="labels"/> at <paramref name="threshold"/>.</summary>
    public static BinaryEvaluation Evaluate(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            bool called = probabilities[i] >= threshold;
            if (labels[i]) { if (called) tp++; else fn++; }
            else if (called) fp++;
            else tn++;
        }
        return new BinaryEvaluation
        {
            Rows = probabilities.Length,
            Positives = tp + fn,
            RocAuc = RankingMetrics.RocAuc(probabilities, labels),
            PrAuc = RankingMetrics.AveragePrecision(probabilities, labels),
            LogLoss = RankingMetrics.LogLoss(probabilities, labels),
            Threshold = threshold,
            TruePositives = tp,
            FalsePositives = fp,
            TrueNegatives = tn,
            FalseNegatives = fn,
        };
    }
}
