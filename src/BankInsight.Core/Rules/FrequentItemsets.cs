using BankInsight.Common;

namespace BankInsight.Rules;

/// <summary>Which frequent-itemset algorithm to run; both give identical itemsets.</summary>
public enum MiningAlgorithm
{
    /// <summary>FP-Growth (Han, Pei &amp; Yin, 2000): no candidate generation (default).</summary>
    FPGrowth,
    /// <summary>Apriori (Agrawal &amp; Srikant, 1994): level-wise candidates, counted on bitsets.</summary>
    Apriori,
}

/// <summary>An itemset whose support reaches the minimum.</summary>
/// <param name="Items">Item ids, ascending.</param>
/// <param name="Count">Transactions containing every item.</param>
/// <param name="Support">Count / transactions.</param>
public sealed record FrequentItemset(int[] Items, int Count, double Support);

/// <summary>
/// Frequent itemsets: every itemset whose support (share of transactions containing it) is at
/// least the minimum — compared as <c>count / n ≥ minSupport</c> in doubles, as mlxtend does, so
/// the same itemsets come out. Results are sorted by length, then item ids (a total order).
/// </summary>
public static class FrequentItemsets
{
    /// <summary>Mines <paramref name="transactions"/>; <paramref name="maxLength"/> 0 means no limit.</summary>
    public static IReadOnlyList<FrequentItemset> Mine(TransactionSet transactions, double minSupport, MiningAlgorithm algorithm = MiningAlgorithm.FPGrowth,
        int maxLength = 0, CancellationToken cancellationToken = default)
    {
        if (!(minSupport > 0 && minSupport <= 1))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"MinSupport must be in (0, 1] (got {minSupport}).", minSupport);
        if (maxLength < 0)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"MaxLength must be 0 (no limit) or more (got {maxLength}).", maxLength);
        int n = transactions.Count;
        if (n == 0) return [];
        int minCount = MinimumCount(minSupport, n);
        var found = algorithm == MiningAlgorithm.FPGrowth
            ? FpGrowth.Mine(transactions, minCount, maxLength, cancellationToken)
            : Apriori.Mine(transactions, minCount, maxLength, cancellationToken);
        found.Sort(static (a, b) =>
        {
            if (a.Items.Length != b.Items.Length) return a.Items.Length.CompareTo(b.Items.Length);
            return a.Items.AsSpan().SequenceCompareTo(b.Items);
        });
        return found.Select(f => f with { Support = (double)f.Count / n }).ToList();
    }

    /// <summary>The smallest count c with c / n ≥ minSupport in double arithmetic.</summary>
    internal static int MinimumCount(double minSupport, int n)
    {
        int c = Math.Max(1, (int)Math.Floor(minSupport * n) - 1);
        while ((double)c / n < minSupport) c++;
        while (c > 1 && (double)(c - 1) / n >= minSupport) c--;
        return c;
    }
}
