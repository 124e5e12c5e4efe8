using System.Runtime.InteropServices;

namespace BankInsight.Rules;

/// <summary>
/// FP-Growth (Han, Pei &amp; Yin, "Mining frequent patterns without candidate generation",
/// 2000): transactions become paths of a prefix tree with items in descending frequency, mined
/// bottom-up through conditional trees built from each item's prefix paths. With the FP-array of
/// FP-growth* (Grahne &amp; Zhu, 2005) at the top level, projected straight from the transactions.
/// </summary>
/// <remarks>
/// Nodes live in flat arrays; a node's child of a given rank is found through one open-addressing
/// table keyed by (parent, rank), so inserting a path costs one probe per item whatever the
/// tree's fan-out. Memory: one tree per recursion level. Deterministic: item order is
/// (count descending, id ascending) and nothing depends on hash iteration order.
/// </remarks>
internal static class FpGrowth
{
    /// <summary>A prefix tree over ranks (0 = most frequent) with node links per rank, in flat arrays.</summary>
    private sealed class Tree
    {
        public readonly int[] Rank;
        public readonly int[] Count;
        public readonly int[] Parent;
        public readonly int[] NextSameRank;
        public readonly int[] Head;
        public readonly int[] RankCount;
        private readonly long[] _keys;   // (parent << 32 | rank) + 1; 0 = empty
        private readonly int[] _children;
        private readonly int _mask;
        private readonly int _ranks;
        private int _nodes = 1;

        /// <summary>Builds the tree of weighted paths (ranks ascending within each path).</summary>
        public Tree(int ranks, PathList paths)
        {
            _ranks = ranks;
            Head = new int[ranks];
            Array.Fill(Head, -1);
            RankCount = new int[ranks];
            int capacity = paths.TotalLength + 1;
            Rank = new int[capacity];
            Count = new int[capacity];
            Parent = new int[capacity];
            NextSameRank = new int[capacity];
            Rank[0] = -1;
            Parent[0] = -1;
            int tableSize = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
            _keys = new long[tableSize];
            _children = new int[tableSize];
            _mask = tableSize - 1;
            for (int p = 0; p < paths.Count; p++) Insert(paths[p], paths.Weight(p));
        }

        private void Insert(ReadOnlySpan<int> ranks, int weight)
        {
            int node = 0;
            foreach (int r in ranks)
            {
                long key = ((long)node << 32 | (uint)r) + 1;
                int slot = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> 40) & _mask;
                while (_keys[slot] != 0 && _keys[slot] != key) slot = (slot + 1) & _mask;
                int child;
                if (_keys[slot] == 0)
                {
                    child = _nodes++;
                    Rank[child] = r;
                    Parent[child] = node;
                    NextSameRank[child] = Head[r];
                    Head[r] = child;
                    _keys[slot] = key;
                    _children[slot] = child;
                }
                else
                {
                    child = _children[slot];
                }
                Count[child] += weight;
                RankCount[r] += weight;
                node = child;
            }
        }
    }

    /// <summary>Weighted paths stored back to back.</summary>
    private sealed class PathList
    {
        private int[] _items = new int[64];
        private readonly List<int> _starts = [0];
        private readonly List<int> _weights = [];

        public int TotalLength => _starts[^1];
        public int Count => _weights.Count;

        public void Add(ReadOnlySpan<int> path, int weight)
        {
            if (path.IsEmpty) return;
            int end = TotalLength + path.Length;
            if (end > _items.Length) Array.Resize(ref _items, Math.Max(end, _items.Length * 2));
            path.CopyTo(_items.AsSpan(TotalLength));
            _starts.Add(end);
            _weights.Add(weight);
        }

        public ReadOnlySpan<int> this[int p] => _items.AsSpan(_starts[p], _starts[p + 1] - _starts[p]);

        public int Weight(int p) => _weights[p];
    }

    public static List<FrequentItemset> Mine(TransactionSet transactions, int minCount, int maxLength, CancellationToken cancel)
    {
        int items = transactions.ItemNames.Count;
        var counts = new int[items];
        for (int b = 0; b < transactions.Baskets; b++)
            foreach (int item in transactions[b]) counts[item] += transactions.Weight(b);
        // Frequent items ranked by count descending, id ascending.
        var frequent = Enumerable.Range(0, items).Where(i => counts[i] >= minCount).OrderByDescending(i => counts[i]).ThenBy(i => i).ToArray();
        var rankOf = new int[items];
        Array.Fill(rankOf, -1);
        for (int r = 0; r < frequent.Length; r++) rankOf[frequent[r]] = r;

        var paths = new PathList();
        var buffer = new List<int>();
        for (int b = 0; b < transactions.Baskets; b++)
        {
            buffer.Clear();
            foreach (int item in transactions[b]) if (rankOf[item] >= 0) buffer.Add(rankOf[item]);
            buffer.Sort();
            paths.Add(CollectionsMarshal.AsSpan(buffer), transactions.Weight(b));
        }

        // The top level is projected straight from the filtered transactions rather than from a
        // global FP-tree: the conditional pattern base of an item is the same set of prefixes
        // either way, and on sparse data the global tree barely compresses (T10I4D100K: ~1M
        // nodes) while costing most of the run to build. Trees start one level down.
        var pairs = PairCounts(frequent.Length, paths);
        var pathsOfRank = PathsByRank(frequent.Length, paths);
        var result = new List<FrequentItemset>();
        var suffix = new List<int>();
        var prefix = new List<int>();
        for (int r = frequent.Length - 1; r >= 0; r--)
        {
            cancel.ThrowIfCancellationRequested();
            suffix.Add(frequent[r]);
            result.Add(new FrequentItemset([frequent[r]], counts[frequent[r]], 0));
            if (maxLength != 1 && Conditional(pairs[r], frequent, minCount) is ({ } newRank, { } itemOfNewRank))
            {
                var conditionalPaths = new PathList();
                foreach (int p in pathsOfRank[r])
                {
                    prefix.Clear();
                    foreach (int q in paths[p])
                    {
                        if (q == r) break;
                        if (newRank[q] >= 0) prefix.Add(newRank[q]);
                    }
                    conditionalPaths.Add(CollectionsMarshal.AsSpan(prefix), paths.Weight(p));
                }
                Grow(new Tree(itemOfNewRank.Length, conditionalPaths), itemOfNewRank, suffix, minCount, maxLength, result, cancel);
            }
            suffix.RemoveAt(suffix.Count - 1);
        }
        return result;
    }

    /// <summary>
    /// The "FP-array" of Grahne &amp; Zhu (FP-growth*, 2005): co-occurrence counts of every rank pair,
    /// row r holding ranks below r — the conditional item counts of every item in one pass, so
    /// items with nothing frequent below them (on sparse data, most) cost nothing more.
    /// </summary>
    private static int[][] PairCounts(int ranks, PathList paths)
    {
        var pairs = new int[ranks][];
        for (int r = 0; r < ranks; r++) pairs[r] = new int[r];
        for (int p = 0; p < paths.Count; p++)
        {
            var path = paths[p];
            int weight = paths.Weight(p);
            for (int a = 1; a < path.Length; a++)
            {
                var row = pairs[path[a]];
                for (int b = 0; b < a; b++) row[path[b]] += weight;
            }
        }
        return pairs;
    }

    /// <summary>For each rank, the paths that contain it (an inverted index).</summary>
    private static int[][] PathsByRank(int ranks, PathList paths)
    {
        var sizes = new int[ranks];
        for (int p = 0; p < paths.Count; p++) foreach (int r in paths[p]) sizes[r]++;
        var index = new int[ranks][];
        for (int r = 0; r < ranks; r++) index[r] = new int[sizes[r]];
        Array.Clear(sizes);
        for (int p = 0; p < paths.Count; p++) foreach (int r in paths[p]) index[r][sizes[r]++] = p;
        return index;
    }

    /// <summary>
    /// From an item's conditional counts over the ranks above it: the new rank of each frequent one
    /// (−1 if infrequent) and the item of each new rank; null when none is frequent.
    /// </summary>
    private static (int[] NewRank, int[] ItemOfNewRank)? Conditional(int[] conditionalCounts, int[] itemOfRank, int minCount)
    {
        int kept = 0;
        var newRank = new int[conditionalCounts.Length];
        for (int q = 0; q < newRank.Length; q++) newRank[q] = conditionalCounts[q] >= minCount ? kept++ : -1;
        if (kept == 0) return null;
        var itemOfNewRank = new int[kept];
        for (int q = 0; q < newRank.Length; q++) if (newRank[q] >= 0) itemOfNewRank[newRank[q]] = itemOfRank[q];
        return (newRank, itemOfNewRank);
    }

    /// <summary>Emits every frequent itemset of <paramref name="tree"/> extended by <paramref name="suffix"/> (ranks mapped to items by <paramref name="itemOfRank"/>).</summary>
    private static void Grow(Tree tree, int[] itemOfRank, List<int> suffix, int minCount, int maxLength, List<FrequentItemset> result, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var path = new List<int>();
        for (int r = tree.Head.Length - 1; r >= 0; r--)
        {
            int support = tree.RankCount[r];
            if (support < minCount) continue;
            suffix.Add(itemOfRank[r]);
            result.Add(new FrequentItemset([.. suffix.Order()], support, 0));
            if (maxLength == 0 || suffix.Count < maxLength)
            {
                // Conditional pattern base of rank r: the prefix path of every r node, weighted by its count.
                var conditionalCounts = new int[r];
                for (int node = tree.Head[r]; node >= 0; node = tree.NextSameRank[node])
                    for (int p = tree.Parent[node]; p > 0; p = tree.Parent[p])
                        conditionalCounts[tree.Rank[p]] += tree.Count[node];
                if (Conditional(conditionalCounts, itemOfRank, minCount) is ({ } newRank, { } itemOfNewRank))
                {
                    var conditionalPaths = new PathList();
                    for (int node = tree.Head[r]; node >= 0; node = tree.NextSameRank[node])
                    {
                        path.Clear();
                        for (int p = tree.Parent[node]; p > 0; p = tree.Parent[p])
                            if (newRank[tree.Rank[p]] >= 0) path.Add(newRank[tree.Rank[p]]);
                        path.Reverse(); // root first = most frequent first
                        conditionalPaths.Add(CollectionsMarshal.AsSpan(path), tree.Count[node]);
                    }
                    Grow(new Tree(itemOfNewRank.Length, conditionalPaths), itemOfNewRank, suffix, minCount, maxLength, result, cancel);
                }
            }
            suffix.RemoveAt(suffix.Count - 1);
        }
    }
}
