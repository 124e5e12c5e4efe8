namespace BankInsight.Monitoring;

/// <summary>
/// The bins a number is monitored in: the deciles of its training values. Edge k (k = 1…9) is the
/// smallest training value with at least k tenths of the values at or below it (the inverse of the
/// empirical distribution, so every edge is a value that occurred); equal edges collapse into one,
/// and an edge at the training maximum is dropped, since no training value lies above it. Bins are
/// closed on the right: (−∞, e₁], (e₁, e₂], …, (eₘ, +∞). A column that is 0 for 70% of customers
/// thus gets one bin for the zeros and deciles above them, instead of seven empty bins.
/// </summary>
/// <remarks>O(n log n) for the sort; deterministic (no sampling, ties by value).</remarks>
public static class DecileBins
{
    /// <summary>Most edges a number's bins have: 9 (ten bins, the missing bin aside).</summary>
    public const int MaxEdges = 9;

    /// <summary>The decile edges of the values that are not NaN (empty when there are none, or all are equal).</summary>
    public static double[] Edges(ReadOnlySpan<double> values)
    {
        var present = new List<double>(values.Length);
        foreach (double v in values)
            if (!double.IsNaN(v)) present.Add(v);
        int n = present.Count;
        if (n == 0) return [];
        present.Sort();
        double max = present[n - 1];
        var edges = new List<double>(MaxEdges);
        for (int k = 1; k <= MaxEdges; k++)
        {
            // ceil(k·n/10) values at or below the edge; in long, so 10⁹ rows do not overflow.
            int index = (int)((k * (long)n + 9) / 10) - 1;
            double edge = present[index];
            if (edge < max && (edges.Count == 0 || edge > edges[^1])) edges.Add(edge);
        }
        return [.. edges];
    }

    /// <summary>The bin of <paramref name="value"/> (not NaN): the number of edges below it, 0 to edges.Length.</summary>
    public static int Of(double value, ReadOnlySpan<double> edges)
    {
        int at = edges.BinarySearch(value);
        return at >= 0 ? at : ~at;
    }
}
