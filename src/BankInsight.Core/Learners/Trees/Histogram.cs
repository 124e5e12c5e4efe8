namespace BankInsight.Learners.Trees;

/// <summary>
/// Gradient, hessian and row count per bin of every feature, for the rows of one leaf.
/// Built feature by feature (in parallel across features, each summed in row order, so the
/// sums are bit-identical whatever the thread count); a sibling's histogram is the parent's
/// minus the smaller child's (LightGBM's subtraction trick), so only the smaller child of a
/// split is ever scanned.
/// </summary>
internal sealed class Histogram(int totalBins)
{
    public readonly double[] Gradients = new double[totalBins];
    public readonly double[] Hessians = new double[totalBins];
    public readonly int[] Counts = new int[totalBins];

    /// <summary>Rows × features below which building runs on the calling thread (parallel overhead dominates).</summary>
    private const long SequentialWork = 1 << 15;

    /// <summary>
    /// Fills the histogram from <paramref name="rows"/>; <paramref name="orderedGradients"/> and
    /// <paramref name="orderedHessians"/> hold the rows' gradients in the same order (gathered once per leaf).
    /// </summary>
    public void Build(BinnedFeatures data, int[] features, int[] rows, int start, int count,
        double[] orderedGradients, double[] orderedHessians, ParallelOptions parallel)
    {
        void One(int f)
        {
            int offset = data.Offsets[f];
            int bins = data.Offsets[f + 1] - offset;
            Array.Clear(Gradients, offset, bins);
            Array.Clear(Hessians, offset, bins);
            Array.Clear(Counts, offset, bins);
            var column = data.Columns[f];
            var g = Gradients.AsSpan(offset, bins);
            var h = Hessians.AsSpan(offset, bins);
            var n = Counts.AsSpan(offset, bins);
            for (int i = 0; i < count; i++)
            {
                int b = column[rows[start + i]];
                g[b] += orderedGradients[i];
                h[b] += orderedHessians[i];
                n[b]++;
            }
        }

        if ((long)count * features.Length < SequentialWork || parallel.MaxDegreeOfParallelism == 1)
        {
            foreach (int f in features) One(f);
        }
        else
        {
            Parallel.ForEach(features, parallel, One);
        }
    }

    /// <summary>this = parent − child, for the given features.</summary>
    public void SetDifference(Histogram parent, Histogram child, BinnedFeatures data, int[] features)
    {
        foreach (int f in features)
        {
            int from = data.Offsets[f], to = data.Offsets[f + 1];
            for (int b = from; b < to; b++)
            {
                Gradients[b] = parent.Gradients[b] - child.Gradients[b];
                Hessians[b] = parent.Hessians[b] - child.Hessians[b];
                Counts[b] = parent.Counts[b] - child.Counts[b];
            }
        }
    }
}
