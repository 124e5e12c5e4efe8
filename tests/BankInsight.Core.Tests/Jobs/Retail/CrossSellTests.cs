using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Jobs.Retail;
using BankInsight.ResultFiles;
using BankInsight.Results;
using BankInsight.Rules;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs.Retail;

public class CrossSellTests
{
    private static readonly Lazy<CustomerDataSet> Synthetic = new(() =>
        SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("Retail", 4_000) { Seed = 12 }, NullSink.Instance));

    private static CrossSellRule Rule(string antecedentCodes, string consequentCodes, double confidence, double lift, int? cluster = null)
    {
        var products = RetailRows.Schema.Products;
        TextList<string> Names(string codes) => codes.Split(',').Select(c => products[ProductNames.Resolve(products, c)].Name).ToTextList();
        return new CrossSellRule
        {
            Cluster = cluster, Antecedents = Names(antecedentCodes), Consequents = Names(consequentCodes),
            AntecedentCodes = antecedentCodes, ConsequentCodes = consequentCodes, Confidence = confidence, Lift = lift,
        };
    }

    // c1 holds 存款 (1); c2 holds 存款 + 理财 (1, 5); c3 holds 存款 + 基金和积利宝 (1, 3); c4 holds nothing.
    private static CustomerDataSet Four() => RetailRows.Load([
        RetailRows.Holding("存款余额"),
        RetailRows.Holding("存款余额", "理财余额"),
        RetailRows.Holding("存款余额", "基金余额"),
        new Dictionary<string, string>(),
    ]);

    private static readonly CrossSellRule[] HandRules =
    [
        Rule("1", "3", 0.40, 1.2),      // 存款 → 基金和积利宝
        Rule("1", "2", 0.40, 1.5),      // 存款 → 保险: same confidence, higher lift: ranks first
        Rule("1,5", "3,4", 0.70, 2.0),  // 存款 + 理财 → 基金 + 积存金
        Rule("5", "1", 0.90, 1.1),      // 理财 → 存款
    ];

    [Fact]
    public void Subset_match_recommends_the_best_rule_whose_products_are_held_and_whose_offer_is_not()
    {
        var recs = CrossSellJob.Recommend(new CrossSellRecommendationRequest(Four()) { Rules = HandRules, Top = 2 }, NullSink.Instance).ToList();
        var byCustomer = recs.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
        // c1 (存款): 存款→保险 (lift 1.5) before 存款→基金 (lift 1.2).
        Assert.Equal(["2", "3"], byCustomer["c1"].Select(r => r.ProductCodes));
        Assert.Equal([1, 2], byCustomer["c1"].Select(r => r.Rank));
        // c2 (存款, 理财): 存款+理财→基金+积存金 (0.70) first; 理财→存款 is out (存款 already held).
        Assert.Equal(["3,4", "2"], byCustomer["c2"].Select(r => r.ProductCodes));
        Assert.Equal("基金和积利宝;积存金", byCustomer["c2"][0].RecommendedProducts);
        Assert.Equal("存款;理财", byCustomer["c2"][0].HeldProducts);
        Assert.Equal("存款;理财 → 基金和积利宝;积存金", byCustomer["c2"][0].Rule);
        // c3 (存款, 基金): 存款→基金 is out (held); 存款→保险 remains.
        Assert.Equal(["2"], byCustomer["c3"].Select(r => r.ProductCodes));
        Assert.False(byCustomer.ContainsKey("c4"));
        Assert.Equal(["\"c2\"", "\"3,4\""], recs.First(r => r.CustomerId == "c2").ToResultFields().Select(f => f.ToString()));
    }

    [Fact]
    public void Exact_match_needs_the_holdings_to_equal_the_antecedents()
    {
        var recs = CrossSellJob.Recommend(new CrossSellRecommendationRequest(Four()) { Rules = HandRules, Match = RuleMatch.Exact, Top = 5 }, NullSink.Instance).ToList();
        Assert.Equal(["c1", "c1", "c2"], recs.Select(r => r.CustomerId));
        Assert.Equal("3,4", recs[2].ProductCodes);   // only 存款+理财 → … matches c2 exactly
    }

    [Fact]
    public void A_consequent_already_offered_by_a_better_rule_is_not_offered_twice()
    {
        CrossSellRule[] rules = [Rule("1", "3", 0.8, 1.1), Rule("1,5", "3", 0.7, 1.3), Rule("5", "6", 0.5, 1.0)];
        var recs = CrossSellJob.Recommend(new CrossSellRecommendationRequest(Four()) { Rules = rules, Top = 3 }, NullSink.Instance).Where(r => r.CustomerId == "c2").ToList();
        Assert.Equal(["3", "6"], recs.Select(r => r.ProductCodes));
    }

    [Fact]
    public void Per_segment_rules_equal_rules_mined_on_each_segment_alone()
    {
        var data = Synthetic.Value;
        var model = SegmentationModel.LoadShipped();
        var (clusters, _) = model.Assign(data, NullSink.Instance);
        var mining = new RuleMiningSettings { MinSupport = 0.05, Filter = new RuleFilter(0.05, 0.05, 0.3, 1.0) };
        var rules = CrossSellJob.Rules(new CrossSellRuleRequest(data) { PerCluster = true, Model = model, Mining = mining }, NullSink.Instance);
        var holdings = ProductHoldings.FromData(data, NullSink.Instance);
        for (int c = 1; c <= model.ClusterCount; c++)
        {
            var rows = Enumerable.Range(0, data.RowCount).Where(i => clusters[i] == c).ToArray();
            var t = holdings.ToTransactions(rows);
            var expected = RuleGenerator.Generate(FrequentItemsets.Mine(t, 0.05), t.Count, mining.Filter);
            var mine = rules.Where(r => r.Cluster == c).ToList();
            Assert.Equal(expected.Count, mine.Count);
            Assert.All(mine, r => Assert.Equal(rows.Length, r.Customers));
            for (int i = 0; i < mine.Count; i++)
            {
                Assert.Equal(expected[i].Confidence, mine[i].Confidence, 12);
                Assert.Equal(string.Join(";", expected[i].Antecedent.Select(a => holdings.ProductNames[a])), mine[i].Antecedents.ToString());
            }
        }
        Assert.True(rules.Select(r => r.Cluster).Distinct().Count() >= 3, "rules differ by segment");
    }

    [Fact]
    public void Fpgrowth_and_apriori_give_the_same_rules_on_holdings()
    {
        var data = Synthetic.Value;
        var fp = CrossSellJob.Rules(new CrossSellRuleRequest(data), NullSink.Instance);
        var ap = CrossSellJob.Rules(new CrossSellRuleRequest(data) { Mining = new RuleMiningSettings { Algorithm = MiningAlgorithm.Apriori } }, NullSink.Instance);
        Assert.NotEmpty(fp);
        Assert.Equal(fp.Select(r => (r.AntecedentCodes, r.ConsequentCodes, r.Confidence, r.Lift, r.Conviction)), ap.Select(r => (r.AntecedentCodes, r.ConsequentCodes, r.Confidence, r.Lift, r.Conviction)));
        Assert.All(fp, r => Assert.True(r.Confidence >= 0.3 && r.Lift >= 1.0 && r.AntecedentSupport >= 0.1 && r.ConsequentSupport >= 0.1 && r.Support >= 0.1));
    }

    [Fact]
    public void Recommendations_from_mined_rules_use_each_customers_segment()
    {
        var data = Synthetic.Value;
        var model = SegmentationModel.LoadShipped();
        var request = new CrossSellRecommendationRequest(data) { PerCluster = true, Model = model };
        var recs = CrossSellJob.Recommend(request, NullSink.Instance).ToList();
        Assert.NotEmpty(recs);
        var (clusters, _) = model.Assign(data, NullSink.Instance);
        var ids = data.Ids!;
        var rowOf = Enumerable.Range(0, data.RowCount).ToDictionary(i => ids[i]!);
        Assert.All(recs, r => Assert.Equal(clusters[rowOf[r.CustomerId]], r.Cluster));
        Assert.Equal(recs.Count, recs.Select(r => r.CustomerId).Distinct().Count());   // Top 1
    }

    [Fact]
    public void Top_below_one_is_refused()
    {
        var e = Assert.Throws<BankInsightException>(() => CrossSellJob.Recommend(new CrossSellRecommendationRequest(Four()) { Rules = HandRules, Top = 0 }, NullSink.Instance).ToList());
        Assert.Contains("Top", e.Message);
    }
}
