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
    public void A_product_already_offered_at_a_better_rank_is_not_offered_again()
    {
        // c2 holds 存款 + 理财. By lift: {1,5}→3 (1.3) first; 1→3 then offers nothing new and is skipped;
        // {1,5}→{3,6} adds only 国债 (6) at rank 2, and says so in its codes and products.
        CrossSellRule[] rules = [Rule("1", "3", 0.8, 1.2), Rule("1,5", "3", 0.7, 1.3), Rule("1,5", "3,6", 0.5, 1.15)];
        var recs = CrossSellJob.Recommend(new CrossSellRecommendationRequest(Four()) { Rules = rules, Top = 3 }, NullSink.Instance).Where(r => r.CustomerId == "c2").ToList();
        Assert.Equal(["3", "6"], recs.Select(r => r.ProductCodes));
        Assert.Equal(["基金和积利宝", "国债"], recs.Select(r => r.RecommendedProducts));
        Assert.Equal("存款;理财 → 基金和积利宝;国债", recs[1].Rule);
        Assert.Equal([1, 2], recs.Select(r => r.Rank));
    }

    [Fact]
    public void Offers_rank_by_lift_and_leave_out_near_1_rules_unless_told()
    {
        // For c1 (存款): 存款→贷款和信用卡 is the likeliest (confidence 0.9) but no likelier than anyone (lift 1.007).
        CrossSellRule[] rules = [Rule("1", "8", 0.9, 1.007), Rule("1", "2", 0.35, 1.6), Rule("1", "5", 0.5, 1.25)];
        List<CrossSellRecommendation> For(double? minLift) => CrossSellJob.Recommend(new CrossSellRecommendationRequest(Four())
        {
            Rules = rules, Top = 3, MinLift = minLift ?? CrossSellJob.DefaultMinOfferLift,
        }, NullSink.Instance).Where(r => r.CustomerId == "c1").ToList();
        Assert.Equal(["2", "5"], For(null).Select(r => r.ProductCodes));
        Assert.Equal(["2", "5", "8"], For(1.0).Select(r => r.ProductCodes));
        Assert.Equal(["2"], For(1.5).Select(r => r.ProductCodes));
        Assert.Equal(1.1, CrossSellJob.DefaultMinOfferLift);
        var e = Assert.Throws<BankInsightException>(() => CrossSellJob.Recommend(new CrossSellRecommendationRequest(Four()) { Rules = rules, MinLift = double.NaN }, NullSink.Instance).ToList());
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
    }

    [Fact]
    public void Each_recommendation_shows_its_rule_with_support_confidence_base_rate_and_lift()
    {
        var rule = Rule("1", "2", 0.40, 1.6);
        var measured = new CrossSellRule
        {
            Antecedents = rule.Antecedents, Consequents = rule.Consequents, AntecedentCodes = "1", ConsequentCodes = "2",
            Support = 0.12, Confidence = 0.40, ConsequentSupport = 0.25, Lift = 1.6,
        };
        var rec = CrossSellJob.Recommend(new CrossSellRecommendationRequest(Four()) { Rules = [measured] }, NullSink.Instance).First(r => r.CustomerId == "c1");
        Assert.Equal((0.12, 0.40, 0.25, 1.6), (rec.Support, rec.Confidence, rec.BaseRate, rec.Lift));
        Assert.Equal("存款 → 保险", rec.Rule);
    }

    [Fact]
    public void The_bank_layout_is_one_id_and_code_pair_per_line_in_rank_order()
    {
        var recs = CrossSellJob.Recommend(new CrossSellRecommendationRequest(Four()) { Rules = HandRules, Top = 2 }, NullSink.Instance)
            .Where(r => r.CustomerId == "c2").ToList();
        var lines = recs.SelectMany(r => r.ToResultLines()).Select(l => string.Join(",", l.Select(f => f.ToString()))).ToList();
        Assert.Equal(["\"c2\",\"3\"", "\"c2\",\"4\"", "\"c2\",\"2\""], lines);
        // -JoinProductCodes / --join_product_codes: the recommendation's one line.
        Assert.Equal("\"c2\",\"3,4\"", string.Join(",", recs[0].ToResultFields().Select(f => f.ToString())));
        var all = ResultLines.AllFromObject(recs[0], null, _ => (false, null), joined: false).Select(l => string.Join(",", l.Select(f => f.ToString())));
        Assert.Equal(["\"c2\",\"3\"", "\"c2\",\"4\""], all);
        Assert.Single(ResultLines.AllFromObject(recs[0], null, _ => (false, null), joined: true));
    }

    [Theory]
    [InlineData(RuleMatch.Subset, false)]
    [InlineData(RuleMatch.Exact, false)]
    [InlineData(RuleMatch.Subset, true)]
    public void No_customer_is_offered_a_product_already_held_nor_a_rule_below_the_minimum_lift(RuleMatch match, bool perCluster)
    {
        var data = Synthetic.Value;
        var request = new CrossSellRecommendationRequest(data)
        {
            Match = match, PerCluster = perCluster, Top = 3,
            Mining = new RuleMiningSettings { MinSupport = 0.05, Filter = new RuleFilter(0.05, 0.05, 0.2, 1.0) },
        };
        var recs = CrossSellJob.Recommend(request, NullSink.Instance).ToList();
        Assert.True(recs.Count > 100, $"{recs.Count} recommendations");
        foreach (var r in recs)
        {
            var held = r.HeldProducts.Split(';', StringSplitOptions.RemoveEmptyEntries);
            Assert.Empty(r.RecommendedProducts.Split(';').Intersect(held));
            Assert.True(r.Lift >= CrossSellJob.DefaultMinOfferLift, r.Rule);
        }
        // Within a customer: ranks by lift, and no product twice.
        foreach (var customer in recs.GroupBy(r => r.CustomerId))
        {
            var codes = customer.SelectMany(r => r.ProductCodes.Split(',')).ToList();
            Assert.Equal(codes.Count, codes.Distinct().Count());
            var lifts = customer.Select(r => r.Lift).ToList();
            Assert.Equal(lifts.OrderByDescending(l => l), lifts);
        }
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
