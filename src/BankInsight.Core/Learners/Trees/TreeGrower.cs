using BankInsight.Features;

namespace BankInsight.Learners.Trees;

/// <summary>
/// Grows one regression tree on gradients and hessians, from binned features.
/// </summary>
/// <remarks>
/// Rows of each leaf are kept as a contiguous segment of one index array, stably partitioned
/// at every split (so every leaf's rows stay in ascending order and every histogram sum runs in
/// the same order). Leaf-wise growth repeatedly splits the leaf with the largest gain; depth-wise
/// splits every splittable leaf of a level before the next. Only the smaller child of a split is
/// scanned; the larger child's histogram is the parent's minus the smaller's.
/// Cost per tree: O(rows × features × depth) bin increments for the smaller children, plus
/// O(bins × features) per split evaluation. Deterministic: no step depends on thread timing.
/// </remarks>
internal sealed class TreeGrower
{
    private readonly BinnedFeatures _data;
    private readonly GbdtOptions _options;
    private readonly ParallelOptions _parallel;
    private readonly SplitFinder _finder;
    private readonly Stack<Histogram> _pool = new();
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly double[] _orderedGradients;
    private readonly double[] _orderedHessians;

    private sealed class Leaf
    {
        public int Start, Count, Depth;
        public double G, H;
        public Histogram? Histogram;
        public readonly SplitCandidate Best = new();
        public int ParentNode = -1;
        public bool IsLeftChild;
    }

    public TreeGrower(BinnedFeatures data, GbdtOptions options, ParallelOptions parallel)
    {
        _data = data;
        _options = options;
        _parallel = parallel;
        _finder = new SplitFinder(options);
        _rows = new int[data.RowCount];
        _scratch = new int[data.RowCount];
        _orderedGradients = new double[data.RowCount];
        _orderedHessians = new double[data.RowCount];
    }

    /// <summary>The grown tree, plus each leaf's segment of <see cref="LeafRows"/> for updating scores.</summary>
    public sealed record Result(RegressionTree Tree, int[] LeafStart, int[] LeafCount, int[] SplitBin, bool[]?[] SplitBins);

    /// <summary>Rows of the last grown tree's leaves (see <see cref="Result.LeafStart"/>).</summary>
    public int[] LeafRows => _rows;

    /// <summary>
    /// Grows a tree on <paramref name="sample"/> (ascending row indexes, length
    /// <paramref name="sampleCount"/>) considering only <paramref name="features"/>.
    /// </summary>
    public Result Grow(double[] gradients, double[] hessians, int[] sample, int sampleCount, int[] features, CancellationToken cancel)
    {
        Array.Copy(sample, _rows, sampleCount);
        var leaves = new List<Leaf>();
        var splitFeature = new List<int>();
        var threshold = new List<double>();
        var defaultLeft = new List<bool>();
        var routes = new List<sbyte[]?>();
        var splitBin = new List<int>();
        var splitBins = new List<bool[]?>();
        var left = new List<int>();
        var right = new List<int>();
        var gain = new List<double>();
        var cover = new List<double>();

        var root = new Leaf { Start = 0, Count = sampleCount, Depth = 0 };
        double g = 0, h = 0;
        for (int i = 0; i < sampleCount; i++)
        {
            g += gradients[_rows[i]];
            h += hessians[_rows[i]];
        }
        root.G = g;
        root.H = h;
        root.Histogram = Rent();
        BuildHistogram(root, gradients, hessians, features);
        Evaluate(root, features);
        leaves.Add(root);

        // Never deeper than a model file may hold (reading refuses deeper trees); 0 means "no option limit".
        int maxDepth = _options.EffectiveMaxDepth is > 0 and var depth ? Math.Min(depth, Serialization.ModelLimits.MaxTreeDepth) : Serialization.ModelLimits.MaxTreeDepth;
        int maxLeaves = _options.EffectiveMaxLeaves;

        while (leaves.Count < maxLeaves)
        {
            cancel.ThrowIfCancellationRequested();
            int chosen = Choose(leaves);
            if (chosen < 0) break;
            var parent = leaves[chosen];
            var split = parent.Best;

            // Record the internal node; the parent leaf keeps its index as the left child.
            int node = splitFeature.Count;
            var mapper = _data.Mappers[split.Feature];
            splitFeature.Add(split.Feature);
            threshold.Add(split.LeftBins is null ? mapper.Edges[split.Bin - 1] : 0);
            defaultLeft.Add(split.DefaultLeft);
            routes.Add(split.LeftBins is null ? null : CategoryRoutes(mapper, split.LeftBins));
            splitBin.Add(split.Bin);
            splitBins.Add(split.LeftBins);
            left.Add(~chosen);
            right.Add(~leaves.Count);
            gain.Add(split.Gain);
            cover.Add(parent.Count);
            if (parent.ParentNode >= 0)
            {
                if (parent.IsLeftChild) left[parent.ParentNode] = node;
                else right[parent.ParentNode] = node;
            }

            int leftCount = Partition(parent.Start, parent.Count, split);
            var l = new Leaf { Start = parent.Start, Count = leftCount, Depth = parent.Depth + 1, G = split.LeftGradient, H = split.LeftHessian, ParentNode = node, IsLeftChild = true };
            var r = new Leaf { Start = parent.Start + leftCount, Count = parent.Count - leftCount, Depth = parent.Depth + 1, G = split.RightGradient, H = split.RightHessian, ParentNode = node, IsLeftChild = false };

            // Scan the smaller child; the larger one is parent − smaller, in the parent's buffer.
            var (small, large) = l.Count <= r.Count ? (l, r) : (r, l);
            small.Histogram = Rent();
            BuildHistogram(small, gradients, hessians, features);
            large.Histogram = parent.Histogram;
            large.Histogram!.SetDifference(large.Histogram, small.Histogram, _data, features);
            parent.Histogram = null;

            leaves[chosen] = l;
            leaves.Add(r);
            foreach (var child in new[] { l, r })
            {
                if ((maxDepth > 0 && child.Depth >= maxDepth) || child.Count < 2 * _options.MinSamplesLeaf)
                {
                    child.Best.Feature = -1;
                    Return(child);
                }
                else
                {
                    Evaluate(child, features);
                    if (!child.Best.IsValid) Return(child);
                }
            }
        }
        foreach (var leaf in leaves) Return(leaf);

        double lambda = _options.L2, rate = _options.LearningRate;
        var leafValue = new double[leaves.Count];
        var leafCover = new double[leaves.Count];
        var leafStart = new int[leaves.Count];
        var leafCount = new int[leaves.Count];
        for (int j = 0; j < leaves.Count; j++)
        {
            var leaf = leaves[j];
            leafValue[j] = leaf.H + lambda > 0 ? -leaf.G / (leaf.H + lambda) * rate : 0;
            leafCover[j] = leaf.Count;
            leafStart[j] = leaf.Start;
            leafCount[j] = leaf.Count;
        }
        var tree = new RegressionTree([.. splitFeature], [.. threshold], [.. defaultLeft], [.. routes], [.. left], [.. right], [.. gain], [.. cover], leafValue, leafCover);
        return new Result(tree, leafStart, leafCount, [.. splitBin], [.. splitBins]);
    }

    /// <summary>Leaf-wise: the best gain anywhere; depth-wise: the first splittable leaf of the shallowest level.</summary>
    private int Choose(List<Leaf> leaves)
    {
        int chosen = -1;
        for (int j = 0; j < leaves.Count; j++)
        {
            var leaf = leaves[j];
            if (!leaf.Best.IsValid) continue;
            if (chosen < 0) { chosen = j; continue; }
            var best = leaves[chosen];
            bool better = _options.Growth == TreeGrowth.Leafwise
                ? leaf.Best.Gain > best.Best.Gain
                : leaf.Depth < best.Depth;
            if (better) chosen = j;
        }
        return chosen;
    }

    private void Evaluate(Leaf leaf, int[] features) =>
        _finder.FindBest(leaf.Histogram!, _data, features, leaf.G, leaf.H, leaf.Count, leaf.Best);

    private void BuildHistogram(Leaf leaf, double[] gradients, double[] hessians, int[] features)
    {
        for (int i = 0; i < leaf.Count; i++)
        {
            int row = _rows[leaf.Start + i];
            _orderedGradients[i] = gradients[row];
            _orderedHessians[i] = hessians[row];
        }
        leaf.Histogram!.Build(_data, features, _rows, leaf.Start, leaf.Count, _orderedGradients, _orderedHessians, _parallel);
    }

    /// <summary>Stable partition of a leaf's rows: left rows first, both halves in ascending order.</summary>
    private int Partition(int start, int count, SplitCandidate split)
    {
        var column = _data.Columns[split.Feature];
        int nl = 0, nr = 0;
        for (int i = start; i < start + count; i++)
        {
            int row = _rows[i];
            if (GoesLeft(column[row], split)) _rows[start + nl++] = row;
            else _scratch[nr++] = row;
        }
        Array.Copy(_scratch, 0, _rows, start + nl, nr);
        return nl;
    }

    internal static bool GoesLeft(byte bin, SplitCandidate split) =>
        bin == BinMapper.MissingBin ? split.DefaultLeft : split.LeftBins is null ? bin <= split.Bin : split.LeftBins[bin];

    private static sbyte[] CategoryRoutes(BinMapper mapper, bool[] leftBins)
    {
        var routes = new sbyte[mapper.CodeToBin.Length];
        for (int c = 0; c < routes.Length; c++)
            routes[c] = !mapper.CategorySeen[c] ? (sbyte)-1 : leftBins[mapper.CodeToBin[c]] ? (sbyte)1 : (sbyte)0;
        return routes;
    }

    private Histogram Rent() => _pool.Count > 0 ? _pool.Pop() : new Histogram(_data.TotalBins);

    private void Return(Leaf leaf)
    {
        if (leaf.Histogram is null) return;
        _pool.Push(leaf.Histogram);
        leaf.Histogram = null;
    }
}
