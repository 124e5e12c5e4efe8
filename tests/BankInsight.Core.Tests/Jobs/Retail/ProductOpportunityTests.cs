using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Jobs.Retail;
using BankInsight.Results;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs.Retail;

public class ProductOpportunityTests
{
    private static readonly Lazy<CustomerDataSet> Synthetic = new(() =>
        SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("Retail", 5_000) { Seed = 13 }, NullSink.Instance));

    [Fact]
    public void Propensity_lists_each_non_holder_once_best_first_with_two_digit_codes()
    {
        var data = Synthetic.Value;
        var sink = new CollectingSink();
        var found = ProductOpportunityJob.Find(new ProductOpportunityRequest(data), sink).ToList();
        var holdings = ProductHoldings.FromData(data, NullSink.Instance);
        var rowOf = Enumerable.Range(0, data.RowCount).ToDictionary(i => data.Ids![i]!);
        Assert.Equal(["01", "02"], found.Select(o => o.ProductCode).Distinct());
        Assert.Equal(found.Count, found.Select(o => (o.ProductCode, o.CustomerId)).Distinct().Count());
        foreach (var group in found.GroupBy(o => o.ProductCode))
        {
            int bit = group.Key == "01" ? 1 : 2;
            Assert.All(group, o => Assert.Equal(0, holdings.Masks[rowOf[o.CustomerId]] & bit));
            var scores = group.Select(o => o.Score).ToArray();
            Assert.True(scores.Zip(scores.Skip(1)).All(p => p.First >= p.Second));
            Assert.Equal(Enumerable.Range(1, scores.Length), group.Select(o => o.Rank));
        }
        Assert.Equal(["\"02\"", $"\"{found.Last().CustomerId}\""], found.Last().ToResultFields().Select(f => f.ToString()));
        // The product's own columns were left out of its model.
        Assert.Contains(sink.VerboseMessages, m => m.Contains("left out: 存款余额, 存款月日均"));
    }

    [Fact]
    public void Scores_rank_holders_above_non_holders_and_every_non_holder_is_eligible()
    {
        var data = Synthetic.Value;
        var all = ProductOpportunityJob.Find(new ProductOpportunityRequest(data) { Products = ["Insurance"], MinScore = 0 }, NullSink.Instance).ToList();
        var holdings = ProductHoldings.FromData(data, NullSink.Instance);
        int nonHolders = holdings.Masks.Count(m => (m & 2) == 0);
        Assert.Equal(nonHolders, all.Count);   // first customer of the file included, nobody skipped
        int firstNonHolder = Enumerable.Range(0, data.RowCount).First(i => (holdings.Masks[i] & 2) == 0);
        Assert.Contains(all, o => o.CustomerId == data.Ids![firstNonHolder]);
        var top = ProductOpportunityJob.Find(new ProductOpportunityRequest(data) { Products = ["保险"], Top = 10 }, NullSink.Instance).ToList();
        Assert.Equal(10, top.Count);
        Assert.Equal(all.Take(10).Select(o => o.CustomerId), top.Select(o => o.CustomerId));
    }

    [Fact]
    public void Rules_method_scores_by_the_best_matching_rule()
    {
        // c1 holds 理财; c2 存款 + 理财; c3 国债. Rules 理财 → 存款 (0.9) and 理财 → 存款 + 保险 (0.5):
        // deposit — c1 at 0.9 (the better rule); insurance — c1 and c2 at 0.5 (tie: file order); c3 nothing.
        var data = RetailRows.Load([RetailRows.Holding("理财余额"), RetailRows.Holding("存款余额", "理财余额"), RetailRows.Holding("国债余额")]);
        CrossSellRule[] rules =
        [
            new() { Antecedents = ["理财"], Consequents = ["存款"], AntecedentCodes = "5", ConsequentCodes = "1", Confidence = 0.9, Lift = 1.1 },
            new() { Antecedents = ["理财"], Consequents = ["存款", "保险"], AntecedentCodes = "5", ConsequentCodes = "1,2", Confidence = 0.5, Lift = 1.4 },
        ];
        var found = ProductOpportunityJob.Find(new ProductOpportunityRequest(data) { Method = OpportunityMethod.Rules, Rules = rules }, NullSink.Instance).ToList();
        Assert.Equal(3, found.Count);
        Assert.Equal(("01", "c1", 0.9), (found[0].ProductCode, found[0].CustomerId, found[0].Score));
        Assert.Equal("理财 → 存款", found[0].Rule);
        Assert.Equal(("02", "c1", 0.5), (found[1].ProductCode, found[1].CustomerId, found[1].Score));
        Assert.Equal(("02", "c2", 0.5, 2), (found[2].ProductCode, found[2].CustomerId, found[2].Score, found[2].Rank));
    }

    [Fact]
    public void Naming_a_product_twice_does_not_duplicate_pairs()
    {
        var data = Synthetic.Value;
        var once = ProductOpportunityJob.Find(new ProductOpportunityRequest(data) { Products = ["Deposit"], Method = OpportunityMethod.Rules }, NullSink.Instance).Count();
        var twice = ProductOpportunityJob.Find(new ProductOpportunityRequest(data) { Products = ["Deposit", "存款", "01"], Method = OpportunityMethod.Rules }, NullSink.Instance).Count();
        Assert.Equal(once, twice);
    }
}
