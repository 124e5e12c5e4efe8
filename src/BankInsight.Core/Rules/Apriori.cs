using System.Numerics;

namespace BankInsight.Rules;

/// <summary>
/// Apriori (Agrawal &amp; Srikant, "Fast algorithms for mining association rules", 1994):
/// level by level, candidates of size k join two frequent (k−1)-itemsets sharing their first
/// k−2 items, are pruned unless every (k−1)-subset is frequent, and are counted. Counting uses
/// a triangular array for pairs, then vertical bitsets (one bit per stored basket): a candidate's
/// baskets are the AND of its two parents', its support the population count (or the summed
/// weights, when identical baskets are stored once) — far faster
/// than scanning baskets; the memory is one bitset per frequent itemset of the current level.
/// </summary>
internal static class Apriori
{
    public static List<FrequentItemset> Mine(TransactionSet transactions, int minCount, int maxLength, CancellationToken cancel)
    {
        int n = transactions.Baskets, words = (n + 63) >> 6;
        var weights = transactions.Weights;
        int itemCount = transactions.ItemNames.Count;
        var counts = new int[itemCount];
        for (int b = 0; b < n; b++)
            foreach (int item in transactions[b]) counts[item] += transactions.Weight(b);
        var level = new List<(int[] Items, ulong[] Bits)>();
        var bitsOf = new Dictionary<int, ulong[]>();
        for (int i = 0; i < itemCount; i++) if (counts[i] >= minCount) bitsOf[i] = new ulong[words];
        for (int t = 0; t < n; t++)
            foreach (int item in transactions[t])
                if (bitsOf.TryGetValue(item, out var bits)) bits[t >> 6] |= 1UL << t;
        var result = new List<FrequentItemset>();
        foreach (var (item, bits) in bitsOf.OrderBy(p => p.Key))
        {
            level.Add(([item], bits));
            result.Add(new FrequentItemset([item], counts[item], 0));
        }

        // Level 2 by direct pair counting (a triangular array over the frequent items): far cheaper
        // than one bitset AND per candidate pair when there are hundreds of frequent items.
        if (level.Count > 1 && (maxLength == 0 || maxLength >= 2))
            level = FrequentPairs(transactions, level, bitsOf, minCount, words, result);

        for (int k = 3; level.Count > 1 && (maxLength == 0 || k <= maxLength); k++)
        {
            cancel.ThrowIfCancellationRequested();
            var frequentPrevious = new HashSet<ItemsetKey>(level.Select(l => new ItemsetKey(l.Items)));
            var next = new List<(int[] Items, ulong[] Bits)>();
            // The level is sorted lexicographically, so joinable itemsets (same k−2 prefix) are adjacent.
            for (int a = 0; a < level.Count; a++)
            {
                var left = level[a];
                for (int b = a + 1; b < level.Count; b++)
                {
                    var right = level[b];
                    if (!left.Items.AsSpan(0, k - 2).SequenceEqual(right.Items.AsSpan(0, k - 2))) break;
                    var candidate = new int[k];
                    left.Items.CopyTo(candidate, 0);
                    candidate[k - 1] = right.Items[k - 2];
                    if (!AllSubsetsFrequent(candidate, frequentPrevious)) continue;
                    var bits = new ulong[words];
                    int count = 0;
                    for (int w = 0; w < words; w++)
                    {
                        ulong x = left.Bits[w] & right.Bits[w];
                        bits[w] = x;
                        count += weights is null ? BitOperations.PopCount(x) : WeightOf(x, w, weights);
                    }
                    if (count < minCount) continue;
                    next.Add((candidate, bits));
                    result.Add(new FrequentItemset(candidate, count, 0));
                }
            }
            level = next;
        }
        return result;
    }

    private static List<(int[] Items, ulong[] Bits)> FrequentPairs(TransactionSet transactions, List<(int[] Items, ulong[] Bits)> singles,
        Dictionary<int, ulong[]> bitsOf, int minCount, int words, List<FrequentItemset> result)
    {
        int m = singles.Count;
        var index = new Dictionary<int, int>(m);
        for (int i = 0; i < m; i++) index[singles[i].Items[0]] = i;
        var pairCounts = new int[m * (m - 1) / 2];
        var local = new List<int>();
        for (int t = 0; t < transactions.Baskets; t++)
        {
            local.Clear();
            foreach (int item in transactions[t]) if (index.TryGetValue(item, out int i)) local.Add(i);
            int weight = transactions.Weight(t);
            // Items are ascending, and so are their indexes among the frequent items.
            for (int x = 0; x < local.Count; x++)
            {
                int i = local[x], row = i * (2 * m - i - 1) / 2 - i - 1;
                for (int y = x + 1; y < local.Count; y++) pairCounts[row + local[y]] += weight;
            }
        }
        var level = new List<(int[] Items, ulong[] Bits)>();
        for (int i = 0; i < m; i++)
        {
            int row = i * (2 * m - i - 1) / 2 - i - 1;
            for (int j = i + 1; j < m; j++)
            {
                int count = pairCounts[row + j];
                if (count < minCount) continue;
                int a = singles[i].Items[0], b = singles[j].Items[0];
                var bits = new ulong[words];
                var bitsA = bitsOf[a];
                var bitsB = bitsOf[b];
                for (int w = 0; w < words; w++) bits[w] = bitsA[w] & bitsB[w];
                level.Add(([a, b], bits));
                result.Add(new FrequentItemset([a, b], count, 0));
            }
        }
        return level;
    }

    /// <summary>The summed weights of the baskets whose bits are set in word <paramref name="w"/>.</summary>
    private static int WeightOf(ulong bits, int w, int[] weights)
    {
        int total = 0;
        while (bits != 0)
        {
            total += weights[(w << 6) + BitOperations.TrailingZeroCount(bits)];
            bits &= bits - 1;
        }
        return total;
    }

    private static bool AllSubsetsFrequent(int[] candidate, HashSet<ItemsetKey> frequent)
    {
        // The two subsets dropping the last or second-to-last item are the parents: already frequent.
        for (int drop = 0; drop < candidate.Length - 2; drop++)
        {
            var subset = new int[candidate.Length - 1];
            for (int i = 0, j = 0; i < candidate.Length; i++) if (i != drop) subset[j++] = candidate[i];
            if (!frequent.Contains(new ItemsetKey(subset))) return false;
        }
        return true;
    }
}

/// <summary>An itemset as a hash key (sequence equality).</summary>
internal readonly struct ItemsetKey : IEquatable<ItemsetKey>
{
    private readonly int[] _items;
    private readonly int _hash;

    public ItemsetKey(int[] items)
    {
        _items = items;
        var h = new HashCode();
        foreach (int i in items) h.Add(i);
        _hash = h.ToHashCode();
    }

    public bool Equals(ItemsetKey other) => _items.AsSpan().SequenceEqual(other._items);

    public override bool Equals(object? obj) => obj is ItemsetKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
