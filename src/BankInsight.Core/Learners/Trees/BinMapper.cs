using BankInsight.Common;
using BankInsight.Features;

namespace BankInsight.Learners.Trees;

/// <summary>
/// Maps one feature's values to at most 255 byte bins; bin 0 is always "missing".
/// Numeric: bins are cut at quantiles of the (sampled) training values, at midpoints between
/// neighbouring distinct values, so a value v falls in bin 1 + |{edges &lt; v}| and a split
/// "bins ≤ k go left" is the raw rule "v ≤ edges[k-1] goes left" — trees keep raw thresholds
/// and predict on raw values. Categorical: one bin per category (the 253 most frequent when
/// there are more; the rest share the last bin).
/// Reference: scikit-learn's HistGradientBoosting binning (midpoint percentiles); LightGBM's
/// BinMapper (missing bin, categorical bins).
/// </summary>
internal sealed class BinMapper
{
    public const int MaxBins = 255;
    public const int MissingBin = 0;

    private BinMapper(FeatureKind kind, double[] edges, int[] codeToBin, int bins, bool[] categorySeen)
    {
        Kind = kind;
        Edges = edges;
        CodeToBin = codeToBin;
        BinCount = bins;
        CategorySeen = categorySeen;
    }

    public FeatureKind Kind { get; }

    /// <summary>Numeric: ascending cut points between value bins (BinCount - 2 of them).</summary>
    public double[] Edges { get; }

    /// <summary>Categorical: bin of each category code.</summary>
    public int[] CodeToBin { get; }

    /// <summary>Categorical: which codes occurred in training (others are treated as missing).</summary>
    public bool[] CategorySeen { get; }

    /// <summary>Bins including the missing bin.</summary>
    public int BinCount { get; }

    /// <summary>Bins a numeric feature: quantile cut points over a sample of at most <paramref name="sampleSize"/> values.</summary>
    public static BinMapper ForNumeric(ReadOnlySpan<double> values, int maxBins, int sampleSize, SeededRandom random)
    {
        int valueBins = Math.Min(maxBins, MaxBins) - 1;
        var present = new List<double>(values.Length);
        foreach (double v in values) if (!double.IsNaN(v)) present.Add(v);
        if (present.Count > sampleSize)
        {
            // Reservoir-free: a seeded partial shuffle picks the sample.
            var array = present.ToArray();
            for (int i = 0; i < sampleSize; i++)
            {
                int j = i + random.NextInt(array.Length - i);
                (array[i], array[j]) = (array[j], array[i]);
            }
            present = [.. array.AsSpan(0, sampleSize)];
        }
        present.Sort();
        var distinct = new List<double>();
        foreach (double v in present) if (distinct.Count == 0 || distinct[^1] != v) distinct.Add(v);

        var edges = new List<double>();
        if (distinct.Count <= valueBins)
        {
            for (int i = 1; i < distinct.Count; i++) edges.Add(Midpoint(distinct[i - 1], distinct[i]));
        }
        else
        {
            // Percentile cut points ("midpoint" interpolation), deduplicated.
            int n = present.Count;
            for (int k = 1; k < valueBins; k++)
            {
                double position = (double)k / valueBins * (n - 1);
                int lo = (int)Math.Floor(position), hi = (int)Math.Ceiling(position);
                double edge = Midpoint(present[lo], present[hi]);
                if (edges.Count == 0 || edge > edges[^1]) edges.Add(edge);
            }
            // An edge equal to the largest value would leave an empty top bin; fine, just harmless.
        }
        return new BinMapper(FeatureKind.Numeric, edges.ToArray(), [], edges.Count + 2, []);
    }

    /// <summary>Bins a categorical feature with <paramref name="categoryCount"/> categories.</summary>
    public static BinMapper ForCategorical(ReadOnlySpan<int> codes, int categoryCount, int maxBins)
    {
        var frequency = new int[categoryCount];
        foreach (int c in codes) if (c >= 0 && c < categoryCount) frequency[c]++;
        var seen = frequency.Select(f => f > 0).ToArray();
        int valueBins = Math.Min(maxBins, MaxBins) - 1;
        var codeToBin = new int[categoryCount];
        int seenCount = seen.Count(s => s);
        if (seenCount <= valueBins)
        {
            int bin = 1;
            for (int c = 0; c < categoryCount; c++) codeToBin[c] = seen[c] ? bin++ : MissingBin;
            return new BinMapper(FeatureKind.Categorical, [], codeToBin, bin, seen);
        }
        // Too many categories: the most frequent keep their own bin, the rest share the last one.
        var ranked = Enumerable.Range(0, categoryCount).Where(c => seen[c]).OrderByDescending(c => frequency[c]).ThenBy(c => c).ToArray();
        Array.Fill(codeToBin, MissingBin);
        for (int i = 0; i < ranked.Length; i++) codeToBin[ranked[i]] = i < valueBins - 1 ? i + 1 : valueBins;
        return new BinMapper(FeatureKind.Categorical, [], codeToBin, valueBins + 1, seen);
    }

    private static double Midpoint(double a, double b)
    {
        double m = a + (b - a) / 2;
        // Keep a < m ≤ b even when a and b are adjacent doubles.
        return m <= a ? b : m;
    }

    /// <summary>Bin of a numeric value.</summary>
    public byte NumericBin(double value)
    {
        if (double.IsNaN(value)) return MissingBin;
        // 1 + number of edges strictly below the value.
        int lo = 0, hi = Edges.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Edges[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return (byte)(lo + 1);
    }

    /// <summary>Bin of a category code.</summary>
    public byte CategoryBin(int code) => code < 0 || code >= CodeToBin.Length ? (byte)MissingBin : (byte)CodeToBin[code];
}
