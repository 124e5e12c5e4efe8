namespace BankInsight.Clustering;

/// <summary>
/// Mean silhouette coefficient (Rousseeuw, 1987) with Euclidean distances: for each point,
/// a = mean distance to the other points of its cluster, b = the lowest mean distance to the
/// points of another cluster, s = (b − a) / max(a, b); s = 0 for a point alone in its cluster.
/// In [−1, 1]; higher means tighter, better separated clusters. Same definition as
/// scikit-learn's silhouette_score.
/// </summary>
/// <remarks>O(m²·d) for m points — callers pass a sample (a few thousand points). Deterministic: per-point sums in a fixed order.</remarks>
public static class Silhouette
{
    /// <summary>The mean silhouette of <paramref name="points"/> labelled <paramref name="labels"/> (0..k−1); 0 when fewer than two clusters are present.</summary>
    public static double Score(PointMatrix points, ReadOnlySpan<int> labels, int threads = 0, CancellationToken cancellationToken = default)
    {
        int m = points.Rows;
        if (labels.Length != m) throw new ArgumentException($"{labels.Length} labels for {m} points.", nameof(labels));
        int k = 0;
        foreach (int l in labels) k = Math.Max(k, l + 1);
        var sizes = new int[k];
        foreach (int l in labels) sizes[l]++;
        if (sizes.Count(s => s > 0) < 2) return 0;
        var label = labels.ToArray();
        var scores = new double[m];
        var parallel = RowChunks.Options(threads, cancellationToken);
        Parallel.For(0, m, parallel, () => (new double[k], new float[m], new double[points.Dimensions]), (i, _, state) =>
        {
            var (sums, squared, centre) = state;
            var row = new float[points.Dimensions];
            points.CopyRow(i, row);
            for (int f = 0; f < row.Length; f++) centre[f] = row[f];
            new CentroidKernel(centre, 1, points.Dimensions).All(points, 0, m, squared);
            Array.Clear(sums);
            for (int j = 0; j < m; j++) sums[label[j]] += Math.Sqrt(squared[j]);
            int own = label[i];
            if (sizes[own] == 1)
            {
                scores[i] = 0;
                return state;
            }
            double a = sums[own] / (sizes[own] - 1);
            double b = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
                if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
            double denominator = Math.Max(a, b);
            scores[i] = denominator > 0 ? (b - a) / denominator : 0;
            return state;
        }, _ => { });
        double total = 0;
        foreach (double s in scores) total += s;
        return total / m;
    }
}
