using BankInsight.Common;

namespace BankInsight.Clustering;

/// <summary>A fitted model with the training points' assignments.</summary>
/// <param name="Model">The centres of the best initialisation.</param>
/// <param name="Labels">Each training point's cluster.</param>
/// <param name="SquaredDistances">Each training point's squared distance to its centre.</param>
public sealed record KMeansFit(KMeansModel Model, int[] Labels, float[] SquaredDistances);

/// <summary>
/// k-means by Lloyd's algorithm from k-means++ seeds, best of <see cref="KMeansOptions.InitCount"/>
/// initialisations by inertia — the procedure of scikit-learn's KMeans (algorithm "lloyd"), including
/// its stopping rule (no label changes, or squared centre shift ≤ tol × mean variance) and its
/// repair of empty clusters (the points farthest from their centres become the empty clusters' centres).
/// </summary>
/// <remarks>
/// Each iteration is O(n·k·d) SIMD multiply-adds (<see cref="CentroidKernel"/>) plus O(n·d) for the
/// new centres, in parallel over fixed row chunks whose partial sums are combined in chunk order:
/// the result is identical for any thread count. Initialisation i draws from its own generator
/// (seed, i), so a fit is reproducible and adding initialisations keeps the earlier ones.
/// </remarks>
public sealed class KMeansTrainer(KMeansOptions options)
{
    private const ulong InitStream = 0x6B6D65616E73; // "kmeans"

    /// <summary>The options this trainer fits with.</summary>
    public KMeansOptions Options { get; } = options;

    /// <summary>Fits k centres to <paramref name="points"/>.</summary>
    public KMeansFit Fit(PointMatrix points, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var o = Options;
        o.Validate();
        if (points.Rows < o.ClusterCount)
            throw new BankInsightException(ErrorIds.TrainingDataInvalid, ErrorKind.InvalidOperation,
                $"k-means needs at least as many points as clusters: {points.Rows:N0} points for ClusterCount {o.ClusterCount}.", o.ClusterCount);
        var parallel = RowChunks.Options(o.Threads, cancellationToken);
        double tolerance = o.Tolerance * MeanVariance(points);
        KMeansFit? best = null;
        // Two sets of per-point arrays serve every initialisation: the best so far and the current one.
        var workspace = new Workspace(points.Rows);
        Workspace? kept = null;
        float[][]? scratch = null;
        for (int init = 0; init < o.InitCount; init++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sink.Progress(new OperationProgress("k-means", $"initialisation {init + 1} of {o.InitCount} (k = {o.ClusterCount})", (double)init / o.InitCount));
            var random = SeededRandom.ForStream((ulong)o.Seed, InitStream, (ulong)init);
            var seeds = KMeansPlusPlus.Seed(points, o.ClusterCount, random, parallel, scratch ??= KMeansPlusPlus.Scratch(points.Rows, o.ClusterCount));
            var fit = Lloyd(points, seeds, o.ClusterCount, o.MaxIterations, tolerance, parallel, workspace);
            if (best is null || fit.Model.Inertia < best.Model.Inertia)
            {
                best = fit;
                (kept, workspace) = (workspace, kept ?? new Workspace(points.Rows));
            }
        }
        sink.Progress(new OperationProgress("k-means", $"k = {o.ClusterCount}, inertia {best!.Model.Inertia:G6}", 1, Completed: true));
        return best;
    }

    /// <summary>Per-point arrays of one initialisation.</summary>
    internal sealed class Workspace(int rows)
    {
        public int[] Labels = new int[rows];
        public int[] Previous = new int[rows];
        public readonly float[] Distances = new float[rows];

        /// <summary>This iteration's labels become the previous ones; the old previous array is reused.</summary>
        public void Swap() => (Labels, Previous) = (Previous, Labels);
    }

    internal static KMeansFit Lloyd(PointMatrix points, double[] centres, int k, int maxIterations, double tolerance, ParallelOptions parallel, Workspace? workspace = null)
    {
        int n = points.Rows, d = points.Dimensions, chunks = RowChunks.Count(n);
        workspace ??= new Workspace(n);
        Array.Fill(workspace.Previous, -1);
        var distances = workspace.Distances;
        var partialSums = new double[chunks][];
        var partialCounts = new long[chunks][];
        var partialChanged = new int[chunks];
        var sums = new double[k * d];
        var counts = new long[k];
        bool strict = false;
        int iteration = 0;
        while (iteration < maxIterations)
        {
            iteration++;
            var (labels, previous) = (workspace.Labels, workspace.Previous);
            var kernel = new CentroidKernel(centres, k, d);
            RowChunks.For(n, parallel, (c, start, end) =>
            {
                var l = labels.AsSpan(start, end - start);
                kernel.Nearest(points, start, end, l, distances.AsSpan(start, end - start));
                var s = partialSums[c] ??= new double[k * d];
                var m = partialCounts[c] ??= new long[k];
                Array.Clear(s);
                Array.Clear(m);
                int changed = 0;
                for (int i = 0; i < l.Length; i++)
                {
                    m[l[i]]++;
                    if (l[i] != previous[start + i]) changed++;
                }
                partialChanged[c] = changed;
                for (int f = 0; f < d; f++)
                {
                    var column = points.Columns[f].AsSpan(start, end - start);
                    for (int i = 0; i < column.Length; i++) s[l[i] * d + f] += column[i];
                }
            });
            Array.Clear(sums);
            Array.Clear(counts);
            int totalChanged = 0;
            for (int c = 0; c < chunks; c++)
            {
                for (int i = 0; i < sums.Length; i++) sums[i] += partialSums[c][i];
                for (int j = 0; j < k; j++) counts[j] += partialCounts[c][j];
                totalChanged += partialChanged[c];
            }
            RelocateEmpty(points, labels, distances, sums, counts);
            double shift = 0;
            for (int j = 0; j < k; j++)
            {
                // As scikit-learn: a cluster left with no points keeps its (zero) sum.
                double scale = counts[j] > 0 ? 1.0 / counts[j] : 1.0;
                for (int f = 0; f < d; f++)
                {
                    double updated = sums[j * d + f] * scale;
                    double delta = updated - centres[j * d + f];
                    shift += delta * delta;
                    centres[j * d + f] = updated;
                }
            }
            if (totalChanged == 0)
            {
                strict = true;
                break;
            }
            if (shift <= tolerance) break;
            workspace.Swap();
        }
        var final = workspace.Labels;
        if (!strict)
        {
            // Labels were computed before the last centre update: assign again so they match the centres.
            var kernel = new CentroidKernel(centres, k, d);
            RowChunks.For(n, parallel, (_, start, end) =>
                kernel.Nearest(points, start, end, final.AsSpan(start, end - start), distances.AsSpan(start, end - start)));
        }
        var partialInertia = new double[chunks];
        RowChunks.For(n, parallel, (c, start, end) =>
        {
            double s = 0;
            foreach (float v in distances.AsSpan(start, end - start)) s += v;
            partialInertia[c] = s;
        });
        return new KMeansFit(new KMeansModel(centres, k, partialInertia.Sum(), iteration), final, distances);
    }

    /// <summary>
    /// Gives each empty cluster one of the points farthest from their centres (farthest first,
    /// ties to the lower row), moving that point's coordinates out of its cluster's sum.
    /// </summary>
    private static void RelocateEmpty(PointMatrix points, int[] labels, float[] distances, double[] sums, long[] counts)
    {
        var empty = Enumerable.Range(0, counts.Length).Where(j => counts[j] == 0).ToArray();
        if (empty.Length == 0) return;
        int d = points.Dimensions;
        var farthest = new PriorityQueue<int, (float, int)>(); // min-heap on (distance, −row): keeps the largest
        for (int i = 0; i < distances.Length; i++)
        {
            farthest.Enqueue(i, (distances[i], -i));
            if (farthest.Count > empty.Length) farthest.Dequeue();
        }
        var rows = new int[farthest.Count];
        for (int r = rows.Length - 1; r >= 0; r--) rows[r] = farthest.Dequeue();
        for (int e = 0; e < Math.Min(empty.Length, rows.Length); e++)
        {
            int row = rows[e], from = labels[row], to = empty[e];
            for (int f = 0; f < d; f++)
            {
                double x = points.Columns[f][row];
                sums[from * d + f] -= x;
                sums[to * d + f] = x;
            }
            counts[from]--;
            counts[to] = 1;
        }
    }

    /// <summary>Mean over dimensions of the population variance (scikit-learn scales its tolerance by it).</summary>
    internal static double MeanVariance(PointMatrix points)
    {
        double total = 0;
        foreach (var column in points.Columns)
        {
            double mean = 0;
            foreach (float v in column) mean += v;
            mean /= column.Length;
            double ss = 0;
            foreach (float v in column) ss += (v - mean) * (v - mean);
            total += ss / column.Length;
        }
        return total / points.Dimensions;
    }
}
