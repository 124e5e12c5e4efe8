using BankInsight.Common;
using BankInsight.Rules;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Rules;

public class TransactionSetTests
{
    [Fact]
    public void Lists_get_ordinal_item_ids_and_distinct_sorted_baskets()
    {
        var t = TransactionSet.FromLists([["milk", "bread", "milk"], [], ["apple"]]);
        Assert.Equal(["apple", "bread", "milk"], t.ItemNames);
        Assert.Equal(3, t.Count);
        Assert.Equal([1, 2], t[0].ToArray());
        Assert.Equal(0, t[1].Length);
        Assert.Equal([0], t[2].ToArray());
    }

    [Fact]
    public void Masks_become_weighted_baskets_of_their_bits()
    {
        var t = TransactionSet.FromMasks([0b101, 0, 0b010, 0b101, 0b101], ["a", "b", "c"]);
        Assert.Equal(5, t.Count);          // supports divide by every customer
        Assert.Equal(3, t.Baskets);        // stored once per distinct mask, ascending
        Assert.Equal(0, t[0].Length);
        Assert.Equal([1], t[1].ToArray());
        Assert.Equal([0, 2], t[2].ToArray());
        Assert.Equal([1, 1, 3], Enumerable.Range(0, 3).Select(t.Weight));
    }

    [Fact]
    public void Weighted_and_unweighted_baskets_mine_the_same_itemsets()
    {
        var masks = BruteForceMining.RandomBaskets(41, 3000, 8);
        var weighted = TransactionSet.FromMasks(masks.ToArray(), Enumerable.Range(0, 8).Select(i => $"i{i}").ToArray());
        var plain = TransactionSet.FromLists(masks.Select(m => BruteForceMining.Items(m).Select(i => $"i{i}")));
        Assert.True(weighted.Baskets < plain.Baskets);
        foreach (var algorithm in new[] { MiningAlgorithm.FPGrowth, MiningAlgorithm.Apriori })
        {
            var a = FrequentItemsets.Mine(weighted, 0.02, algorithm);
            var b = FrequentItemsets.Mine(plain, 0.02, algorithm);
            Assert.Equal(b.Select(f => (string.Join(",", f.Items.Select(i => plain.ItemNames[i])), f.Count)), a.Select(f => (string.Join(",", f.Items.Select(i => weighted.ItemNames[i])), f.Count)));
        }
    }

    [Fact]
    public void Fimi_and_csv_basket_files_read_with_their_separators()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("t.dat"), "1 2 3 \n3 4\n\n2\n");
        var fimi = TransactionSet.Read(folder.File("t.dat"), ' ');
        Assert.Equal(3, fimi.Count);                       // the blank line is not a basket
        Assert.Equal(["1", "2", "3", "4"], fimi.ItemNames);
        File.WriteAllText(folder.File("g.csv"), "whole milk, yogurt\nsoda\n");
        var csv = TransactionSet.Read(folder.File("g.csv"), ',');
        Assert.Equal(["soda", "whole milk", "yogurt"], csv.ItemNames);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<BankInsightException>(() => TransactionSet.Read("/no/such/baskets.dat", ' '));
        Assert.Contains("/no/such/baskets.dat", e.Message);
    }
}
