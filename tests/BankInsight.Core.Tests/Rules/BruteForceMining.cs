using BankInsight.Rules;

namespace BankInsight.Tests.Rules;

/// <summary>
/// The test oracle: every itemset of a small item universe counted by scanning every basket, and
/// every rule's measures computed straight from those counts — no shared code with the miners.
/// </summary>
internal static class BruteForceMining
{
    /// <summary>Counts of every non-empty itemset (as a mask over ≤ 16 items) in the baskets.</summary>
    public static int[] CountAll(IReadOnlyList<int> basketMasks, int itemCount)
    {
        var counts = new int[1 << itemCount];
        foreach (int basket in basketMasks)
            for (int subset = basket; subset > 0; subset = (subset - 1) & basket)
                counts[subset]++;
        return counts;
    }

    public static int[] Items(int mask) => Enumerable.Range(0, 32).Where(i => (mask & (1 << i)) != 0).ToArray();

    public static int Mask(IEnumerable<int> items) => items.Aggregate(0, (m, i) => m | 1 << i);

    public static List<(int[] Items, int Count)> Frequent(int[] counts, int n, double minSupport, int maxLength = 0)
    {
        var found = new List<(int[], int)>();
        for (int mask = 1; mask < counts.Length; mask++)
        {
            int length = System.Numerics.BitOperations.PopCount((uint)mask);
            if ((double)counts[mask] / n >= minSupport && (maxLength == 0 || length <= maxLength)) found.Add((Items(mask), counts[mask]));
        }
        return found;
    }

    /// <summary>Rule measures from counts, by their textbook definitions.</summary>
    public static (double Confidence, double Lift, double Leverage, double Conviction) Measures(int[] counts, int n, int antecedent, int consequent)
    {
        double sA = (double)counts[antecedent] / n, sC = (double)counts[consequent] / n, sAC = (double)counts[antecedent | consequent] / n;
        double confidence = (double)counts[antecedent | consequent] / counts[antecedent];
        return (confidence, confidence / sC, sAC - sA * sC, confidence == 1 ? double.PositiveInfinity : (1 - sC) / (1 - confidence));
    }

    /// <summary>Random baskets over <paramref name="itemCount"/> items, each item held with its own rate, some pairs correlated.</summary>
    public static List<int> RandomBaskets(int seed, int n, int itemCount)
    {
        var random = new Random(seed);
        var rates = Enumerable.Range(0, itemCount).Select(_ => 0.05 + 0.6 * random.NextDouble()).ToArray();
        var baskets = new List<int>(n);
        for (int t = 0; t < n; t++)
        {
            int mask = 0;
            for (int i = 0; i < itemCount; i++)
            {
                // Item i is likelier when item i−1 is held: real associations, not just independence.
                double rate = i > 0 && (mask & (1 << (i - 1))) != 0 ? Math.Min(0.95, rates[i] * 1.5) : rates[i];
                if (random.NextDouble() < rate) mask |= 1 << i;
            }
            baskets.Add(mask);
        }
        return baskets;
    }

    public static TransactionSet ToTransactions(IReadOnlyList<int> masks, int itemCount) =>
        TransactionSet.FromMasks(masks.ToArray(), Enumerable.Range(0, itemCount).Select(i => $"i{i:D2}").ToArray());
}
