using BankInsight.Common;

namespace BankInsight.Clustering;

/// <summary>
/// k-means++ seeding (Arthur &amp; Vassilvitskii, 2007) in its greedy form, as scikit-learn does:
/// the first centre is a uniformly drawn point; each next one is the best of 2 + ⌊ln k⌋ points
/// drawn with probability proportional to their squared distance to the nearest centre so far —
/// best meaning the lowest resulting potential (sum of squared distances).
/// </summary>
/// <remarks>
/// O(n·d·k·(2 + ln k)). Deterministic for a given generator: draws happen on the calling
/// thread, distances per fixed chunk, sums combined in chunk order.
/// </remarks>
internal static class KMeansPlusPlus
{
    /// <summary>The per-point arrays <see cref="Seed"/> works in, for <paramref name="n"/> points and k = <paramref name="k"/>.</summary>
    public static float[][] Scratch(int n, int k)
    {
        int trials = 2 + (int)Math.Log(k);
        var arrays = new float[1 + trials][];
        for (int t = 0; t < arrays.Length; t++) arrays[t] = new float[n];
        return arrays;
    }

    /// <summary>k initial centres (k × d, row-major).</summary>
    public static double[] Seed(PointMatrix points, int k, SeededRandom random, ParallelOptions parallel, float[][]? scratch = null)
    {
        int n = points.Rows, d = points.Dimensions, trials = 2 + (int)Math.Log(k);
        int chunks = RowChunks.Count(n);
        var centres = new double[k * d];
        var row = new float[d];
        void Place(int j, int point)
        {
            points.CopyRow(point, row);
            for (int f = 0; f < d; f++) centres[j * d + f] = row[f];
        }

        Place(0, random.NextInt(n));
        // Per-point distances: 1 + trials arrays of n. A trainer seeding ten times lends the same ones
        // each time (at a million points, 16 MB an initialisation that would otherwise wait for a full GC).
        scratch ??= Scratch(n, k);
        var closest = scratch[0];
        var chunkSums = new double[chunks];
        var first = new CentroidKernel(centres.AsSpan(0, d), 1, d);
        RowChunks.For(n, parallel, (c, start, end) =>
        {
            first.All(points, start, end, closest.AsSpan(start, end - start));
            chunkSums[c] = Sum(closest.AsSpan(start, end - start));
        });
        double potential = chunkSums.Sum();

        var candidateDistances = scratch[1..];
        var candidatePotentials = new double[chunks, trials];
        var candidateRows = new int[trials];
        var candidateCentres = new double[trials * d];
        for (int j = 1; j < k; j++)
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            for (int t = 0; t < trials; t++)
                candidateRows[t] = Draw(closest, chunkSums, random.NextDouble() * potential);
            for (int t = 0; t < trials; t++)
            {
                points.CopyRow(candidateRows[t], row);
                for (int f = 0; f < d; f++) candidateCentres[t * d + f] = row[f];
            }
            var kernel = new CentroidKernel(candidateCentres, trials, d);
            RowChunks.For(n, parallel, (c, start, end) =>
            {
                int length = end - start;
                var rented = System.Buffers.ArrayPool<float>.Shared.Rent(trials * length);
                var all = rented.AsSpan(0, trials * length);
                kernel.All(points, start, end, all);
                for (int t = 0; t < trials; t++)
                {
                    var target = candidateDistances[t].AsSpan(start, length);
                    var mine = all.Slice(t * length, length);
                    var current = closest.AsSpan(start, length);
                    System.Numerics.Tensors.TensorPrimitives.Min(current, mine, target);
                    candidatePotentials[c, t] = Sum(target);
                }
                System.Buffers.ArrayPool<float>.Shared.Return(rented);
            });
            int best = 0;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                double p = 0;
                for (int c = 0; c < chunks; c++) p += candidatePotentials[c, t];
                if (p < bestPotential) (best, bestPotential) = (t, p);
            }
            potential = bestPotential;
            (closest, candidateDistances[best]) = (candidateDistances[best], closest);
            for (int c = 0; c < chunks; c++) chunkSums[c] = candidatePotentials[c, best];
            Place(j, candidateRows[best]);
        }
        return centres;
    }

    /// <summary>
    /// The first row whose running sum of <paramref name="weights"/> reaches <paramref name="target"/>
    /// (numpy's searchsorted on the cumulative sum), clipped to the last row.
    /// </summary>
    private static int Draw(float[] weights, double[] chunkSums, double target)
    {
        double running = 0;
        int chunks = chunkSums.Length;
        int c = 0;
        while (c < chunks - 1 && running + chunkSums[c] < target) running += chunkSums[c++];
        var (start, end) = RowChunks.Bounds(c, weights.Length);
        for (int i = start; i < end; i++)
        {
            running += weights[i];
            if (running >= target) return i;
        }
        return end - 1;
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        double s = 0;
        foreach (float v in values) s += v;
        return s;
    }
}
