using BankInsight.Features;
using BankInsight.Learners.Trees;

namespace BankInsight.Explain;

/// <summary>
/// Exact SHAP values of one tree for one row, in O(leaves × depth) rather than the classic
/// O(leaves × depth²).
/// </summary>
/// <remarks>
/// For a leaf l reached through the unique features P (merged over repeated splits), with
/// zero fractions z_k (share of training cover that follows the path at feature k's nodes) and
/// one fractions o_k ∈ {0, 1} (whether the row follows them), the classic TreeSHAP weight sum
/// equals a Beta integral (Lundberg et al. 2018; Yu et al., "Linear TreeShap", 2022):
/// <code>φ_i += v_l (o_i − z_i) ∫₀¹ Π_{k∈P, k≠i} (z_k + (o_k − z_k) t) dt</code>
/// The integrand is a polynomial of degree &lt; depth, so Gauss–Legendre quadrature with
/// ⌈depth/2⌉ + 1 points is exact. The products F(t) are carried down the tree at those points;
/// the leaf sums v·F(t) come back up, and a split on feature k takes its share from the leaves
/// below it for which it is the deepest split on k (deeper splits on k claim their own leaves).
/// Additivity holds exactly: Σφ + E[tree] = tree(x). Covers are training row counts.
/// </remarks>
internal sealed class TreeShap
{
    private readonly RegressionTree _tree;
    private readonly int _points;
    private readonly double[] _t;
    private readonly double[] _w;
    private readonly int[] _splitFeatures; // the features this tree splits on: the only claims a row can touch

    public TreeShap(RegressionTree tree)
    {
        _tree = tree;
        Depth = tree.MaxDepth();
        _points = Depth / 2 + 1;
        (_t, _w) = GaussLegendre.UnitInterval(_points);
        _splitFeatures = tree.SplitFeature.Distinct().ToArray();
    }

    /// <summary>Depth of the deepest leaf.</summary>
    public int Depth { get; }

    /// <summary>
    /// One thread's scratch for explaining the trees of a model one after another: sized for the
    /// deepest tree, so memory is O(depth² + features × depth) per thread, not per tree.
    /// </summary>
    public sealed class Workspace
    {
        public Workspace(IReadOnlyList<TreeShap> trees, int featureCount)
        {
            int depth = trees.Count == 0 ? 0 : trees.Max(t => t.Depth);
            Stride = depth / 2 + 1;
            F = Jagged(depth + 2, Stride);
            H = Jagged(depth + 2, Stride);
            Saved = Jagged(depth + 2, Stride);
            Below = Jagged(depth + 2, Stride);
            Claimed = new double[featureCount * Stride];
            Z = new double[featureCount];
            O = new double[featureCount];
            OnPath = new bool[featureCount];
        }

        public int Stride { get; }
        public double[][] F { get; }       // per depth: F at the quadrature points
        public double[][] H { get; }       // per depth: Σ v·F of the subtree below
        public double[][] Saved { get; }   // per depth: the feature's claimed sums on entry
        public double[][] Below { get; }   // per depth: Σ v·F of the child being processed
        public double[] Claimed { get; }   // per feature × point: sums claimed by deeper splits on the feature
        public double[] Z { get; }         // per feature: merged fractions on the current path
        public double[] O { get; }
        public bool[] OnPath { get; }

        private static double[][] Jagged(int n, int m) => Enumerable.Range(0, n).Select(_ => new double[m]).ToArray();
    }

    /// <summary>Adds the tree's contributions for <paramref name="row"/> to <paramref name="phi"/> (one slot per feature).</summary>
    public void Add(IReadOnlyList<FeatureColumn> columns, int row, Span<double> phi, Workspace workspace)
    {
        if (_tree.NodeCount == 0) return; // a single leaf explains nothing
        // Claims start from zero for every row. Left as the previous row ended, they made the
        // differences taken in Visit round differently depending on which rows came before —
        // so a row's values depended on the thread that happened to explain it.
        foreach (int k in _splitFeatures) workspace.Claimed.AsSpan(k * workspace.Stride, _points).Clear();
        Array.Fill(workspace.F[0], 1.0);
        Visit(columns, row, phi, 0, 0, workspace);
    }

    /// <summary>Processes internal node <paramref name="node"/> at <paramref name="depth"/>; leaves Σ v·F of its subtree in _h[depth].</summary>
    private void Visit(IReadOnlyList<FeatureColumn> columns, int row, Span<double> phi, int node, int depth, Workspace ws)
    {
        int k = _tree.SplitFeature[node];
        bool had = ws.OnPath[k];
        double zPrev = had ? ws.Z[k] : 1, oPrev = had ? ws.O[k] : 1;
        var f = ws.F[depth];
        var total = ws.H[depth];
        var saved = ws.Saved[depth];
        var claimed = ws.Claimed.AsSpan(k * ws.Stride, _points);
        claimed.CopyTo(saved);
        Array.Clear(total);
        bool goesLeft = _tree.GoesLeft(node, columns, row);
        double cover = _tree.NodeCover[node];
        var childF = ws.F[depth + 1];
        for (int side = 0; side < 2; side++)
        {
            int child = side == 0 ? _tree.Left[node] : _tree.Right[node];
            double z = zPrev * (child < 0 ? _tree.LeafCover[~child] : _tree.NodeCover[child]) / cover;
            double o = (side == 0) == goesLeft ? oPrev : 0;
            for (int q = 0; q < _points; q++)
            {
                double before = had ? zPrev + (oPrev - zPrev) * _t[q] : 1;
                childF[q] = f[q] / before * (z + (o - z) * _t[q]);
            }
            ws.OnPath[k] = true;
            ws.Z[k] = z;
            ws.O[k] = o;
            // The subtree's Σ v·F, and what deeper splits on k claimed of it.
            var below = ws.Below[depth];
            if (child < 0)
            {
                double value = _tree.LeafValue[~child];
                for (int q = 0; q < _points; q++) below[q] = value * childF[q];
            }
            else
            {
                Visit(columns, row, phi, child, depth + 1, ws);
                ws.H[depth + 1].AsSpan(0, _points).CopyTo(below);
            }
            double share = 0;
            for (int q = 0; q < _points; q++)
            {
                double unclaimed = below[q] - (claimed[q] - saved[q]);
                share += _w[q] * unclaimed / (z + (o - z) * _t[q]);
                total[q] += below[q];
            }
            phi[k] += (o - z) * share;
            saved.AsSpan(0, _points).CopyTo(claimed);
        }
        ws.OnPath[k] = had;
        ws.Z[k] = zPrev;
        ws.O[k] = oPrev;
        // This split claims its whole subtree from the splits on k above it.
        for (int q = 0; q < _points; q++) claimed[q] = saved[q] + total[q];
    }
}

/// <summary>Gauss–Legendre quadrature: exact for polynomials of degree ≤ 2n − 1.</summary>
internal static class GaussLegendre
{
    /// <summary>The <paramref name="n"/> nodes and weights on [0, 1] (weights sum to 1).</summary>
    public static (double[] Nodes, double[] Weights) UnitInterval(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Newton's method on the Legendre polynomial P_n from the Chebyshev-like first guess.
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (int j = 2; j <= n; j++)
                {
                    double p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = n * (x * p1 - p0) / (x * x - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-15) break;
            }
            nodes[i] = (1 - x) / 2;
            weights[i] = 1 / ((1 - x * x) * derivative * derivative);
        }
        return (nodes, weights);
    }
}
