using System.Globalization;
using System.Text.Json.Serialization;
using BankInsight.Features;

namespace BankInsight.Results;

/// <summary>How far a distribution moved from training, by the banking convention for the population stability index.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DriftShift>))]
public enum DriftShift
{
    /// <summary>PSI below 0.1: no shift worth acting on.</summary>
    None,
    /// <summary>PSI 0.1 to below 0.25: a moderate shift; look at the feature.</summary>
    Moderate,
    /// <summary>PSI 0.25 or more: a major shift; the model sees a population it was not trained on.</summary>
    Major,
}

/// <summary>
/// One feature of a model compared between its training month and a new month: the population
/// stability index over the training bins and the share of missing values. Flat and scalar, so
/// rows export to CSV/Excel as they are (Test-ChurnModelDrift -PerFeature emits these).
/// </summary>
public sealed class FeatureDrift
{
    /// <summary>The feature, as the model names it (a column name, or "column:months" for a date).</summary>
    public required string Feature { get; init; }

    /// <summary>Population stability index of the new month against training (0 = same distribution; see <see cref="Shift"/>).</summary>
    public double Psi { get; init; }

    /// <summary>None (PSI &lt; 0.1), Moderate (≥ 0.1) or Major (≥ 0.25).</summary>
    public DriftShift Shift { get; init; }

    /// <summary>Share of the training month's customers with no value for the feature, 0 to 1.</summary>
    public double TrainingMissingShare { get; init; }

    /// <summary>Share of the new month's customers with no value for the feature, 0 to 1.</summary>
    public double MissingShare { get; init; }

    /// <summary>This month's missing share minus training's, −1 to 1 (positive: more gaps than in training).</summary>
    public double MissingShareChange { get; init; }

    /// <summary>Categories only: share of this month's customers whose category the model never saw (null for numbers).</summary>
    public double? UnseenShare { get; init; }

    /// <summary>Numeric (decile bins of training) or Categorical (one bin per training category).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<FeatureKind>))]
    public FeatureKind Kind { get; init; }

    /// <summary>Bins the PSI was summed over, the missing bin (and for categories the unseen bin) included.</summary>
    public int Bins { get; init; }

    /// <summary>The month compared (its file).</summary>
    public required string Data { get; init; }

    /// <summary>"金融资产月日均 PSI 2.3510 (Major)": what a list cell shows.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Feature} PSI {Psi:0.0000} ({Shift})");
}
