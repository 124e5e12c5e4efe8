using BankInsight.Features;

namespace BankInsight.Learners.Trees;

/// <summary>
/// A fitted regression tree over raw feature values. Internal nodes are 0..NodeCount-1 (node
/// 0 is the root); a child index ≥ 0 is an internal node, a negative one is leaf ~index.
/// A numeric split sends v ≤ Threshold left; a categorical split sends the categories in its
/// route: left (1), right (0), or — for missing values and categories never seen in training
/// (-1) — the node's DefaultLeft.
/// Covers are training row counts, used by TreeSHAP for expectations.
/// </summary>
internal sealed class RegressionTree
{
    public RegressionTree(int[] splitFeature, double[] threshold, bool[] defaultLeft, sbyte[]?[] categoryRoutes,
        int[] left, int[] right, double[] gain, double[] nodeCover, double[] leafValue, double[] leafCover)
    {
        SplitFeature = splitFeature;
        Threshold = threshold;
        DefaultLeft = defaultLeft;
        CategoryRoutes = categoryRoutes;
        Left = left;
        Right = right;
        Gain = gain;
        NodeCover = nodeCover;
        LeafValue = leafValue;
        LeafCover = leafCover;
    }

    public int[] SplitFeature { get; }
    public double[] Threshold { get; }
    public bool[] DefaultLeft { get; }
    /// <summary>Per node: for categorical splits, each category code's route (1 left, 0 right, -1 default); null for numeric splits.</summary>
    public sbyte[]?[] CategoryRoutes { get; }
    public int[] Left { get; }
    public int[] Right { get; }
    public double[] Gain { get; }
    public double[] NodeCover { get; }
    public double[] LeafValue { get; }
    public double[] LeafCover { get; }

    public int NodeCount => SplitFeature.Length;
    public int LeafCount => LeafValue.Length;

    /// <summary>True when node <paramref name="node"/> sends row <paramref name="row"/> left.</summary>
    public bool GoesLeft(int node, IReadOnlyList<FeatureColumn> columns, int row)
    {
        var column = columns[SplitFeature[node]];
        var routes = CategoryRoutes[node];
        if (routes is null)
        {
            double v = column.NumericData![row];
            return double.IsNaN(v) ? DefaultLeft[node] : v <= Threshold[node];
        }
        int code = column.CodeData![row];
        int route = code < 0 || code >= routes.Length ? -1 : routes[code];
        return route < 0 ? DefaultLeft[node] : route == 1;
    }

    /// <summary>The leaf row <paramref name="row"/> lands in.</summary>
    public int LeafOf(IReadOnlyList<FeatureColumn> columns, int row)
    {
        if (NodeCount == 0) return 0;
        int node = 0;
        while (true)
        {
            int next = GoesLeft(node, columns, row) ? Left[node] : Right[node];
            if (next < 0) return ~next;
            node = next;
        }
    }

    /// <summary>Expected value of the tree under the training distribution (cover-weighted mean of leaves).</summary>
    public double ExpectedValue()
    {
        double total = 0, weight = 0;
        for (int l = 0; l < LeafCount; l++)
        {
            total += LeafValue[l] * LeafCover[l];
            weight += LeafCover[l];
        }
        return weight == 0 ? 0 : total / weight;
    }

    /// <summary>Depth of the deepest leaf (a single-leaf tree has depth 0).</summary>
    public int MaxDepth()
    {
        int Depth(int child) => child < 0 ? 0 : 1 + Math.Max(Depth(Left[child]), Depth(Right[child]));
        return NodeCount == 0 ? 0 : Depth(0);
    }
}
