using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Features;

namespace BankInsight.Monitoring;

/// <summary>
/// How one feature was distributed over the training month: its bins and how many customers fell
/// in each. A number has its decile bins (<see cref="DecileBins"/>) then a missing bin; a category
/// has one bin per training category (in the plan's order), then "unseen" (a category the model
/// never saw), then missing.
/// </summary>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Edges">Decile edges of a number, ascending (empty for a category, or a number with one value).</param>
/// <param name="Counts">Customers per bin, in bin order, the missing bin last.</param>
public sealed record FeatureProfile(FeatureKind Kind, IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    /// <summary>Customers counted.</summary>
    public long Rows => Counts.Sum(c => (long)c);

    /// <summary>Share of customers with no value.</summary>
    public double MissingShare => Rows == 0 ? 0 : (double)Counts[^1] / Rows;

    /// <summary>Share of customers per bin.</summary>
    public double[] Shares() => Share(Counts);

    internal static double[] Share(IReadOnlyList<int> counts)
    {
        long rows = counts.Sum(c => (long)c);
        var shares = new double[counts.Count];
        if (rows > 0) for (int i = 0; i < shares.Length; i++) shares[i] = counts[i] / (double)rows;
        return shares;
    }

    /// <summary>Bins a training feature: edges from its own values (numbers), counts per bin.</summary>
    public static FeatureProfile Train(FeatureSpec spec, FeatureColumn column, CustomerDataSet data) =>
        column.Kind == FeatureKind.Numeric
            ? Count(column, DecileBins.Edges(column.Values), null)
            : Count(column, [], data.Find(spec.Column) as CategoricalColumn);

    /// <summary>
    /// Counts <paramref name="column"/> (a new month's feature) in this profile's bins.
    /// <paramref name="raw"/>, the month's own category column, tells a category the model never saw
    /// (which scoring reads as missing) from a missing one.
    /// </summary>
    public int[] CountIn(FeatureColumn column, CategoricalColumn? raw) => Count(column, Edges, raw).Counts.ToArray();

    private static FeatureProfile Count(FeatureColumn column, IReadOnlyList<double> edges, CategoricalColumn? raw)
    {
        if (column.Kind == FeatureKind.Numeric)
        {
            var bounds = edges as double[] ?? edges.ToArray();
            var counts = new int[bounds.Length + 2];
            foreach (double v in column.Values) counts[double.IsNaN(v) ? bounds.Length + 1 : DecileBins.Of(v, bounds)]++;
            return new FeatureProfile(FeatureKind.Numeric, bounds, counts);
        }
        int categories = column.Categories.Count;
        var byCategory = new int[categories + 2];
        var codes = column.Codes;
        var rawCodes = raw is null ? default : raw.Codes;
        for (int r = 0; r < codes.Length; r++)
        {
            int code = codes[r];
            // Scoring reads an unseen category as missing; the month's own column says which it was.
            byCategory[code >= 0 ? code : raw is not null && rawCodes[r] >= 0 ? categories : categories + 1]++;
        }
        return new FeatureProfile(FeatureKind.Categorical, [], byCategory);
    }
}
