using BankInsight.Features;
using BankInsight.Learners.Trees;

namespace BankInsight.Tests.Support;

/// <summary>
/// Test oracle: the classic exact TreeSHAP (Lundberg, Erion &amp; Lee, "Consistent
/// individualized feature attribution for tree ensembles", 2018, Algorithm 2), as XGBoost
/// implements it: one recursive pass that tracks, for every unique feature on the path, the
/// share of all feature subsets that reach the current node. Expectations use the training
/// covers (row counts) of the nodes, so Σ φ + E[tree] = tree(x) exactly.
/// Cost: O(leaves × depth²) per tree and row. The product explainer (Explain/TreeShap) must match it.
/// </summary>
internal sealed class ReferenceTreeShap
{
    private struct PathElement
    {
        public int Feature;
        public double ZeroFraction;
        public double OneFraction;
        public double Weight;
    }

    private readonly RegressionTree _tree;
    private readonly PathElement[] _path;

    public ReferenceTreeShap(RegressionTree tree)
    {
        _tree = tree;
        int depth = tree.MaxDepth() + 2;
        _path = new PathElement[(depth + 1) * (depth + 2) / 2 + depth + 2];
    }

    /// <summary>Adds the tree's contributions for <paramref name="row"/> to <paramref name="phi"/> (one slot per feature).</summary>
    public void Add(IReadOnlyList<FeatureColumn> columns, int row, Span<double> phi)
    {
        if (_tree.NodeCount == 0) return; // a single leaf explains nothing
        Recurse(columns, row, phi, 0, 0, 0, 1, 1, -1);
    }

    private double Cover(int child) => child < 0 ? _tree.LeafCover[~child] : _tree.NodeCover[child];

    private void Recurse(IReadOnlyList<FeatureColumn> columns, int row, Span<double> phi, int child, int depth, int parentOffset,
        double parentZero, double parentOne, int parentFeature)
    {
        // Each level works on its own copy of the path, placed after the parent's (as XGBoost lays it out).
        int offset = parentOffset + depth + 1;
        Array.Copy(_path, parentOffset, _path, offset, depth + 1);
        Extend(offset, depth, parentZero, parentOne, parentFeature);

        if (child < 0)
        {
            double value = _tree.LeafValue[~child];
            for (int i = 1; i <= depth; i++)
            {
                double w = UnwoundSum(offset, depth, i);
                ref var e = ref _path[offset + i];
                phi[e.Feature] += w * (e.OneFraction - e.ZeroFraction) * value;
            }
            return;
        }

        int node = child;
        int feature = _tree.SplitFeature[node];
        bool goesLeft = _tree.GoesLeft(node, columns, row);
        int hot = goesLeft ? _tree.Left[node] : _tree.Right[node];
        int cold = goesLeft ? _tree.Right[node] : _tree.Left[node];
        double cover = _tree.NodeCover[node];
        double hotZero = Cover(hot) / cover, coldZero = Cover(cold) / cover;
        double incomingZero = 1, incomingOne = 1;

        // A feature already on the path is undone here and redone with this node's fractions.
        int pathIndex = 0;
        for (; pathIndex <= depth; pathIndex++) if (_path[offset + pathIndex].Feature == feature) break;
        if (pathIndex != depth + 1)
        {
            incomingZero = _path[offset + pathIndex].ZeroFraction;
            incomingOne = _path[offset + pathIndex].OneFraction;
            Unwind(offset, depth, pathIndex);
            depth--;
        }
        Recurse(columns, row, phi, hot, depth + 1, offset, hotZero * incomingZero, incomingOne, feature);
        Recurse(columns, row, phi, cold, depth + 1, offset, coldZero * incomingZero, 0, feature);
    }

    private void Extend(int offset, int depth, double zero, double one, int feature)
    {
        ref var last = ref _path[offset + depth];
        last.Feature = feature;
        last.ZeroFraction = zero;
        last.OneFraction = one;
        last.Weight = depth == 0 ? 1 : 0;
        for (int i = depth - 1; i >= 0; i--)
        {
            _path[offset + i + 1].Weight += one * _path[offset + i].Weight * (i + 1) / (depth + 1);
            _path[offset + i].Weight = zero * _path[offset + i].Weight * (depth - i) / (depth + 1);
        }
    }

    private void Unwind(int offset, int depth, int pathIndex)
    {
        double one = _path[offset + pathIndex].OneFraction;
        double zero = _path[offset + pathIndex].ZeroFraction;
        double nextOne = _path[offset + depth].Weight;
        for (int i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                double tmp = _path[offset + i].Weight;
                _path[offset + i].Weight = nextOne * (depth + 1) / ((i + 1) * one);
                nextOne = tmp - _path[offset + i].Weight * zero * (depth - i) / (depth + 1);
            }
            else
            {
                _path[offset + i].Weight = _path[offset + i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }
        for (int i = pathIndex; i < depth; i++)
        {
            _path[offset + i].Feature = _path[offset + i + 1].Feature;
            _path[offset + i].ZeroFraction = _path[offset + i + 1].ZeroFraction;
            _path[offset + i].OneFraction = _path[offset + i + 1].OneFraction;
        }
    }

    private double UnwoundSum(int offset, int depth, int pathIndex)
    {
        double one = _path[offset + pathIndex].OneFraction;
        double zero = _path[offset + pathIndex].ZeroFraction;
        double nextOne = _path[offset + depth].Weight;
        double total = 0;
        for (int i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                double tmp = nextOne * (depth + 1) / ((i + 1) * one);
                total += tmp;
                nextOne = _path[offset + i].Weight - tmp * zero * (depth - i) / (depth + 1);
            }
            else
            {
                total += _path[offset + i].Weight / zero / ((double)(depth - i) / (depth + 1));
            }
        }
        return total;
    }
}
