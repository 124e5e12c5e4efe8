using BankInsight.Common;
using BankInsight.Rules;
using static BankInsight.Tests.Rules.BruteForceMining;

namespace BankInsight.Tests.Rules;

public class FrequentItemsetTests
{
    public static TheoryData<int, int, int, double> RandomCases() => new()
    {
        // seed, transactions, items, min support
        { 1, 200, 6, 0.1 },
        { 2, 1000, 8, 0.05 },
        { 3, 500, 10, 0.02 },
        { 4, 300, 12, 0.15 },
        { 5, 50, 9, 0.01 },  // tiny: minimum count 1, every held itemset frequent
        { 6, 2000, 8, 0.3 },
        { 7, 700, 14, 0.08 },
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Both_algorithms_find_exactly_the_brute_force_itemsets(int seed, int n, int itemCount, double minSupport)
    {
        var masks = RandomBaskets(seed, n, itemCount);
        var expected = Frequent(CountAll(masks, itemCount), n, minSupport);
        Assert.NotEmpty(expected);
        var transactions = ToTransactions(masks, itemCount);
        foreach (var algorithm in new[] { MiningAlgorithm.FPGrowth, MiningAlgorithm.Apriori })
        {
            var found = FrequentItemsets.Mine(transactions, minSupport, algorithm);
            Assert.Equal(expected.Count, found.Count);
            var byMask = found.ToDictionary(f => Mask(f.Items));
            foreach (var (items, count) in expected)
            {
                var f = byMask[Mask(items)];
                Assert.Equal(items, f.Items);
                Assert.Equal(count, f.Count);
                Assert.Equal((double)count / n, f.Support, 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Max_length_cuts_both_algorithms_alike(int maxLength)
    {
        var masks = RandomBaskets(11, 600, 9);
        var expected = Frequent(CountAll(masks, 9), 600, 0.05, maxLength);
        var transactions = ToTransactions(masks, 9);
        var fp = FrequentItemsets.Mine(transactions, 0.05, MiningAlgorithm.FPGrowth, maxLength);
        var ap = FrequentItemsets.Mine(transactions, 0.05, MiningAlgorithm.Apriori, maxLength);
        Assert.Equal(expected.Count, fp.Count);
        Assert.Equal(fp.Select(f => (Mask(f.Items), f.Count)), ap.Select(f => (Mask(f.Items), f.Count)));
        Assert.All(fp, f => Assert.True(f.Items.Length <= maxLength));
    }

    [Fact]
    public void Results_are_sorted_by_length_then_items()
    {
        var found = FrequentItemsets.Mine(ToTransactions(RandomBaskets(8, 400, 7), 7), 0.05);
        for (int i = 1; i < found.Count; i++)
        {
            var (a, b) = (found[i - 1].Items, found[i].Items);
            Assert.True(a.Length < b.Length || (a.Length == b.Length && a.AsSpan().SequenceCompareTo(b) < 0));
        }
    }

    [Fact]
    public void Textbook_example_gives_hand_counted_supports()
    {
        // Han & Kamber's nine transactions (I1..I5), minimum count 2.
        var baskets = new[]
        {
            new[] { "I1", "I2", "I5" }, ["I2", "I4"], ["I2", "I3"], ["I1", "I2", "I4"], ["I1", "I3"],
            ["I2", "I3"], ["I1", "I3"], ["I1", "I2", "I3", "I5"], ["I1", "I2", "I3"],
        };
        var transactions = TransactionSet.FromLists(baskets);
        foreach (var algorithm in new[] { MiningAlgorithm.FPGrowth, MiningAlgorithm.Apriori })
        {
            var found = FrequentItemsets.Mine(transactions, 2.0 / 9, algorithm)
                .ToDictionary(f => string.Join(",", f.Items.Select(i => transactions.ItemNames[i])), f => f.Count);
            Assert.Equal(13, found.Count);
            Assert.Equal(6, found["I1"]);
            Assert.Equal(7, found["I2"]);
            Assert.Equal(4, found["I1,I2"]);
            Assert.Equal(2, found["I1,I2,I5"]);
            Assert.Equal(2, found["I1,I2,I3"]);
            Assert.False(found.ContainsKey("I3,I5"));   // count 1
            Assert.False(found.ContainsKey("I4,I5"));   // count 0
        }
    }

    [Theory]
    [InlineData(0.1, 10, 1)]
    [InlineData(0.3, 10, 3)]
    [InlineData(0.7, 10, 7)]     // 0.7 * 10 is 6.999… in doubles; mlxtend keeps 7/10 ≥ 0.7
    [InlineData(0.005, 9835, 50)]
    [InlineData(0.002, 100000, 200)]
    [InlineData(1.0, 3, 3)]
    public void Minimum_count_matches_a_support_comparison_in_doubles(double minSupport, int n, int expected)
    {
        int c = FrequentItemsets.MinimumCount(minSupport, n);
        Assert.Equal(expected, c);
        Assert.True((double)c / n >= minSupport);
        Assert.True(c == 1 || (double)(c - 1) / n < minSupport);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Support_out_of_range_is_refused_with_the_value(double minSupport)
    {
        var e = Assert.Throws<BankInsightException>(() => FrequentItemsets.Mine(ToTransactions([1, 3], 2), minSupport));
        Assert.Contains("MinSupport", e.Message);
    }

    [Fact]
    public void Empty_transactions_and_empty_baskets_mine_nothing_but_count()
    {
        Assert.Empty(FrequentItemsets.Mine(ToTransactions([], 3), 0.1));
        // Empty baskets count in N: one of four baskets holds item 0, support 0.25.
        var found = FrequentItemsets.Mine(ToTransactions([0, 1, 0, 0], 2), 0.25);
        Assert.Equal(0.25, Assert.Single(found).Support);
    }

    [Fact]
    public void Cancellation_stops_mining()
    {
        var transactions = ToTransactions(RandomBaskets(9, 1000, 12), 12);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        foreach (var algorithm in new[] { MiningAlgorithm.FPGrowth, MiningAlgorithm.Apriori })
            Assert.ThrowsAny<OperationCanceledException>(() => FrequentItemsets.Mine(transactions, 0.01, algorithm, 0, cancel.Token));
    }
}
