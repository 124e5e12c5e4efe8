using System.Globalization;
using BankInsight.Common;

namespace BankInsight.Results;

/// <summary>
/// A monthly check of a churn model against a new month (Test-ChurnModelDrift,
/// <c>bankinsight churn monitor --json</c>): how far each feature and the score moved from the
/// training month (population stability index, missing shares), and — given last month's warning
/// list and the outcomes — the precision and recall the list realised. Scalar properties, plus the
/// per-feature rows in <see cref="Features"/>, which export as "feature PSI … (shift)" text in one
/// cell and come as objects of their own with -PerFeature.
/// </summary>
public sealed class ModelDriftReport
{
    /// <summary>The model file checked, or "(in memory)".</summary>
    public required string Model { get; init; }

    /// <summary>The month compared (its file).</summary>
    public required string Data { get; init; }

    /// <summary>What the model's probabilities are of: "churn by 2026-11" or "churn in 2026-10".</summary>
    public string? Predicts { get; init; }

    /// <summary>Customers of the training month profiled.</summary>
    public int TrainingRows { get; init; }

    /// <summary>Customers of the month compared.</summary>
    public int Rows { get; init; }

    /// <summary>PSI of the month's scores against the held-out scores of training.</summary>
    public double ScorePsi { get; init; }

    /// <summary>None, Moderate or Major, by <see cref="ScorePsi"/>.</summary>
    public DriftShift ScoreShift { get; init; }

    /// <summary>Features with a major shift (PSI ≥ 0.25).</summary>
    public int MajorShifts { get; init; }

    /// <summary>Features with a moderate shift (0.1 ≤ PSI &lt; 0.25).</summary>
    public int ModerateShifts { get; init; }

    /// <summary>The features that shifted (moderate or major), highest PSI first; a list that reads as "a;b" in a cell.</summary>
    public TextList<string> ShiftedFeatures { get; init; } = TextCollections.Create<string>([]);

    /// <summary>Every feature, highest PSI first.</summary>
    public TextList<FeatureDrift> Features { get; init; } = TextCollections.Create<FeatureDrift>([]);

    /// <summary>The warning list checked (null when none was given).</summary>
    public string? WarningsFile { get; init; }

    /// <summary>Where the outcomes came from: the next month's file (a next-month model) or the month itself.</summary>
    public string? OutcomesFrom { get; init; }

    /// <summary>Customers on the warning list (each once).</summary>
    public int? Warned { get; init; }

    /// <summary>Warned ids that are not customers of the month (left out; a warning names up to five).</summary>
    public int? WarnedNotInData { get; init; }

    /// <summary>Warned customers of the month whose outcome is unknown (left out).</summary>
    public int? WarnedUnlabelled { get; init; }

    /// <summary>Warned customers who churned.</summary>
    public int? WarnedChurned { get; init; }

    /// <summary>Customers of the month who churned, warned or not.</summary>
    public int? Churned { get; init; }

    /// <summary>Churners among the month's customers with an outcome, 0 to 1: the precision of a list drawn at random.</summary>
    public double? ChurnRate { get; init; }

    /// <summary>Warned customers who churned over warned customers with an outcome, 0 to 1 (NaN when none has one).</summary>
    public double? RealisedPrecision { get; init; }

    /// <summary>Warned customers who churned over all who churned, 0 to 1 (NaN when nobody churned).</summary>
    public double? RealisedRecall { get; init; }

    /// <summary>The precision training measured on held-out customers, to compare with.</summary>
    public double? TrainingPrecision { get; init; }

    /// <summary>The recall training measured on held-out customers, to compare with.</summary>
    public double? TrainingRecall { get; init; }

    /// <summary>"score PSI 0.0123 (None), 2 major and 1 moderate shift(s) on month.del": what a cell shows.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"score PSI {ScorePsi:0.0000} ({ScoreShift}), {MajorShifts} major and {ModerateShifts} moderate shift(s) on {Data}");
}
