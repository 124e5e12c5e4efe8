using BankInsight.Common;
using BankInsight.Explain;
using BankInsight.Metrics;

namespace BankInsight.Results;

/// <summary>
/// How a model did on labelled data: the held-out metrics of a new model, or a later month's
/// file (Test-ChurnModel, <c>bankinsight churn evaluate --json</c> emit this same object, so
/// scripts can read either). Flat and scalar for Export-Csv/Export-Excel.
/// </summary>
public sealed class ClassifierEvaluation
{
    /// <summary>"churn" or "prospect".</summary>
    public required string Job { get; init; }

    /// <summary>The model file evaluated, or "held-out" for a model's own held-out rows.</summary>
    public required string Model { get; init; }

    /// <summary>The data evaluated on.</summary>
    public required string Data { get; init; }

    /// <summary>Rows with a label that were scored.</summary>
    public int Rows { get; init; }

    /// <summary>Rows that could not be labelled (e.g. zero or missing three-month average) and were left out.</summary>
    public int UnlabelledRows { get; init; }

    /// <summary>Positive rows among <see cref="Rows"/>.</summary>
    public int Positives { get; init; }

    /// <summary>Share of positive rows.</summary>
    public double PositiveRate { get; init; }

    /// <summary>Area under the ROC curve.</summary>
    public double RocAuc { get; init; }

    /// <summary>Average precision.</summary>
    public double PrAuc { get; init; }

    /// <summary>Mean log-loss.</summary>
    public double LogLoss { get; init; }

    /// <summary>Probability at or above which a customer is flagged.</summary>
    public double Threshold { get; init; }

    /// <summary>Flagged and positive.</summary>
    public int TruePositives { get; init; }

    /// <summary>Flagged but negative.</summary>
    public int FalsePositives { get; init; }

    /// <summary>Not flagged and negative.</summary>
    public int TrueNegatives { get; init; }

    /// <summary>Not flagged but positive.</summary>
    public int FalseNegatives { get; init; }

    /// <summary>Share of rows flagged correctly either way.</summary>
    public double Accuracy { get; init; }

    /// <summary>Share of flagged rows that are positive.</summary>
    public double Precision { get; init; }

    /// <summary>Share of positive rows that were flagged.</summary>
    public double Recall { get; init; }

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 { get; init; }

    /// <summary>Churn rate among the 5% highest scores over the overall rate (NaN without positives).</summary>
    public double LiftTop5 { get; init; }

    /// <summary>The same for the top 10%.</summary>
    public double LiftTop10 { get; init; }

    /// <summary>Predicted against observed rates in the ten deciles of the predictions (lowest first).</summary>
    public TextList<CalibrationBand> Calibration { get; init; } = TextCollections.Create<CalibrationBand>([]);

    /// <summary>What the labels are: "churn by 2026-11 (labels from month-11.del)", or "churn in 2026-10".</summary>
    public string? Predicts { get; init; }

    /// <summary>Cumulative gains: call the top X share of the ranked customers, catch the Y share of the positives (0%, 5%, …, 100%). Y ÷ X is the lift.</summary>
    public TextList<CurvePoint> Gains { get; init; } = TextCollections.Create<CurvePoint>([]);

    /// <summary>The ROC curve: false positive rate (X) against true positive rate (Y), at most 101 points.</summary>
    public TextList<CurvePoint> Roc { get; init; } = TextCollections.Create<CurvePoint>([]);

    /// <summary>The features that drive the scores most: mean |contribution to the log-odds| (TreeSHAP for trees) over up to 2,000 of the rows evaluated, top 15.</summary>
    public TextList<FeatureEffect> TopFeatures { get; init; } = TextCollections.Create<FeatureEffect>([]);

    /// <summary>"ROC-AUC 0.9512, PR-AUC 0.8123 on 1,000 rows of data.del": what a cell or a list shows.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ROC-AUC {RocAuc:0.0000}, PR-AUC {PrAuc:0.0000} on {Rows:N0} rows of {Data}");

    internal static ClassifierEvaluation From(string job, string model, string data, BinaryEvaluation e, int unlabelled,
        ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, string? predicts = null, IReadOnlyList<FeatureEffect>? topFeatures = null) => new()
    {
        Gains = Curves.Gains(probabilities, labels).ToTextList(),
        Roc = Curves.Roc(probabilities, labels).ToTextList(),
        TopFeatures = (topFeatures ?? []).ToTextList(),
        LiftTop5 = Lift.AtTop(probabilities, labels, 0.05),
        LiftTop10 = Lift.AtTop(probabilities, labels, 0.10),
        Calibration = Metrics.Calibration.Quantiles(probabilities, labels).ToTextList(),
        Predicts = predicts,
        Job = job,
        Model = model,
        Data = data,
        Rows = e.Rows,
        UnlabelledRows = unlabelled,
        Positives = e.Positives,
        PositiveRate = e.PositiveRate,
        RocAuc = e.RocAuc,
        PrAuc = e.PrAuc,
        LogLoss = e.LogLoss,
        Threshold = e.Threshold,
        TruePositives = e.TruePositives,
        FalsePositives = e.FalsePositives,
        TrueNegatives = e.TrueNegatives,
        FalseNegatives = e.FalseNegatives,
        Accuracy = e.Accuracy,
        Precision = e.Precision,
        Recall = e.Recall,
        F1 = e.F1,
    };
}
