using System.Globalization;
using BankInsight.Features;
using BankInsight.Learners;

namespace BankInsight.Explain;

/// <summary>A feature's mean absolute contribution to the log-odds over the rows explained.</summary>
public sealed record FeatureEffect(string Feature, double MeanAbsContribution)
{
    /// <summary>"本月日均存款余额 0.412": an effect as text, so a list exports as one CSV cell.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Feature} {MeanAbsContribution:0.000}");
}

/// <summary>
/// Which features drive a model's scores on a month: the mean |TreeSHAP| (or |coefficient × value|
/// for logistic regression) per feature. Unlike split gain it is measured on the month's customers
/// and in the log-odds the drivers of each warning are given in, so the two read alike.
/// </summary>
public static class FeatureEffects
{
    /// <summary>Rows explained at most: evenly spaced over the data, so the figure is deterministic and a million rows cost seconds, not minutes.</summary>
    public const int MaxRows = 2000;

    /// <summary>The <paramref name="top"/> features by mean |contribution| over up to <see cref="MaxRows"/> rows of <paramref name="features"/>.</summary>
    public static IReadOnlyList<FeatureEffect> Top(IBinaryModel model, FeatureMatrix features, int top = 15, CancellationToken cancellationToken = default)
    {
        int n = features.RowCount;
        if (n == 0) return [];
        int take = Math.Min(n, MaxRows);
        var rows = Enumerable.Range(0, take).Select(i => (int)((long)i * n / take)).ToArray();
        var explained = model.Explain(features, rows, cancellationToken);
        int f = explained.FeatureCount;
        var sums = new double[f];
        for (int r = 0; r < rows.Length; r++)
            for (int j = 0; j < f; j++) sums[j] += Math.Abs(explained.Values[r * f + j]);
        return Enumerable.Range(0, f)
            .Select(j => new FeatureEffect(explained.FeatureNames[j], sums[j] / rows.Length))
            .OrderByDescending(e => e.MeanAbsContribution).ThenBy(e => e.Feature, StringComparer.Ordinal)
            .Take(top).ToList();
    }
}
