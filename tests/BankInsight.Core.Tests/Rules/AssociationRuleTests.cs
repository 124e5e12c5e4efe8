using BankInsight.Common;
using BankInsight.Rules;
using static BankInsight.Tests.Rules.BruteForceMining;

namespace BankInsight.Tests.Rules;

public class AssociationRuleTests
{
    [Theory]
    [InlineData(21, 800, 8, 0.05, 0.3, 1.0)]
    [InlineData(22, 400, 10, 0.03, 0.0, 0.0)]
    [InlineData(23, 1500, 6, 0.1, 0.6, 1.1)]
    public void Every_rule_and_measure_equals_the_brute_force_reference(int seed, int n, int itemCount, double minSupport, double minConfidence, double minLift)
    {
        var masks = RandomBaskets(seed, n, itemCount);
        var counts = CountAll(masks, itemCount);
        // Expected rules: every split of every frequent itemset that passes the filters.
        var expected = new Dictionary<(int, int), (double, double, double, double)>();
        foreach (var (items, _) in Frequent(counts, n, minSupport))
        {
            int all = Mask(items);
            for (int a = (all - 1) & all; a > 0; a = (a - 1) & all)
            {
                var m = Measures(counts, n, a, all & ~a);
                if (m.Confidence >= minConfidence - 1e-12 && m.Lift >= minLift - 1e-12) expected[(a, all & ~a)] = m;
            }
        }
        Assert.NotEmpty(expected);
        var transactions = ToTransactions(masks, itemCount);
        foreach (var algorithm in new[] { MiningAlgorithm.FPGrowth, MiningAlgorithm.Apriori })
        {
            var rules = RuleGenerator.Generate(FrequentItemsets.Mine(transactions, minSupport, algorithm), n,
                new RuleFilter(MinConfidence: minConfidence, MinLift: minLift));
            Assert.Equal(expected.Count, rules.Count);
            foreach (var rule in rules)
            {
                int a = Mask(rule.Antecedent), c = Mask(rule.Consequent);
                var (confidence, lift, leverage, conviction) = expected[(a, c)];
                Assert.Equal(confidence, rule.Confidence, 1e-9);
                Assert.Equal(lift, rule.Lift, 1e-9);
                Assert.Equal(leverage, rule.Leverage, 1e-9);
                if (double.IsPositiveInfinity(conviction)) Assert.Equal(double.PositiveInfinity, rule.Conviction);
                else Assert.Equal(conviction, rule.Conviction, 1e-9);
                Assert.Equal((double)counts[a] / n, rule.AntecedentSupport, 1e-12);
                Assert.Equal((double)counts[c] / n, rule.ConsequentSupport, 1e-12);
                Assert.Equal((double)counts[a | c] / n, rule.Support, 1e-12);
                double kulczynski = ((double)counts[a | c] / counts[a] + (double)counts[a | c] / counts[c]) / 2;
                Assert.Equal(kulczynski, rule.Kulczynski, 1e-9);
                double jaccard = (double)counts[a | c] / (counts[a] + counts[c] - counts[a | c]);
                Assert.Equal(jaccard, rule.Jaccard, 1e-9);
            }
        }
    }

    [Fact]
    public void Hand_computed_rule_measures()
    {
        // 10 baskets: A in 5, B in 4, A and B together in 3; C alone in 2 (and with A in 1).
        var baskets = new List<string[]>();
        for (int i = 0; i < 3; i++) baskets.Add(["A", "B"]);
        baskets.Add(["A"]);
        baskets.Add(["A", "C"]);
        baskets.Add(["B"]);
        baskets.Add(["C"]);
        for (int i = 0; i < 3; i++) baskets.Add(["D"]);
        var t = TransactionSet.FromLists(baskets);
        var rules = RuleGenerator.Generate(FrequentItemsets.Mine(t, 0.3), t.Count, new RuleFilter());
        string Name(int[] ids) => string.Join(",", ids.Select(i => t.ItemNames[i]));
        var aToB = rules.Single(r => Name(r.Antecedent) == "A" && Name(r.Consequent) == "B");
        Assert.Equal(0.5, aToB.AntecedentSupport);
        Assert.Equal(0.4, aToB.ConsequentSupport);
        Assert.Equal(0.3, aToB.Support);
        Assert.Equal(0.6, aToB.Confidence, 1e-15);
        Assert.Equal(1.5, aToB.Lift, 1e-15);
        Assert.Equal(0.1, aToB.Leverage, 1e-15);
        Assert.Equal(1.5, aToB.Conviction, 1e-12);           // (1 − 0.4) / (1 − 0.6)
        Assert.Equal(0.5, aToB.Jaccard, 1e-15);              // 0.3 / (0.5 + 0.4 − 0.3)
        Assert.Equal(0.675, aToB.Kulczynski, 1e-15);         // (0.6 + 0.75) / 2
        Assert.Equal(1.0 / 3, aToB.Certainty, 1e-12);        // (0.6 − 0.4) / 0.6
        Assert.Equal(0.1 / Math.Max(0.3 * 0.5, 0.5 * 0.1), aToB.ZhangsMetric, 1e-12);
        var bToA = rules.Single(r => Name(r.Antecedent) == "B");
        Assert.Equal(0.75, bToA.Confidence, 1e-15);
        Assert.Equal(2, rules.Count);                        // C and D are below 0.3 with anything
        Assert.Same(bToA, rules[0]);                         // sorted by confidence descending
    }

    [Fact]
    public void Confidence_one_gives_infinite_conviction()
    {
        var t = TransactionSet.FromLists([["A", "B"], ["A", "B"], ["B"], ["C"]]);
        var rule = RuleGenerator.Generate(FrequentItemsets.Mine(t, 0.5), t.Count, new RuleFilter())
            .Single(r => r.Antecedent.Length == 1 && t.ItemNames[r.Antecedent[0]] == "A");
        Assert.Equal(1.0, rule.Confidence);
        Assert.Equal(double.PositiveInfinity, rule.Conviction);
    }

    [Fact]
    public void Filters_apply_to_antecedent_and_consequent_support_separately()
    {
        var masks = RandomBaskets(31, 1000, 7);
        var t = ToTransactions(masks, 7);
        var itemsets = FrequentItemsets.Mine(t, 0.02);
        var all = RuleGenerator.Generate(itemsets, t.Count, new RuleFilter());
        var filtered = RuleGenerator.Generate(itemsets, t.Count, new RuleFilter(MinAntecedentSupport: 0.3, MinConsequentSupport: 0.2));
        Assert.Equal(all.Count(r => r.AntecedentSupport >= 0.3 && r.ConsequentSupport >= 0.2), filtered.Count);
        Assert.True(filtered.Count < all.Count);
    }

    [Fact]
    public void Rules_are_in_a_total_order_by_confidence_then_lift()
    {
        var t = ToTransactions(RandomBaskets(32, 600, 8), 8);
        var rules = RuleGenerator.Generate(FrequentItemsets.Mine(t, 0.05), t.Count, new RuleFilter());
        for (int i = 1; i < rules.Count; i++)
            Assert.True(rules[i - 1].Confidence > rules[i].Confidence
                || (rules[i - 1].Confidence == rules[i].Confidence && rules[i - 1].Lift >= rules[i].Lift));
    }

    [Theory]
    [InlineData(-0.1, 0, 0, 0, "MinAntecedentSupport")]
    [InlineData(0, 1.2, 0, 0, "MinConsequentSupport")]
    [InlineData(0, 0, 2, 0, "MinConfidence")]
    [InlineData(0, 0, 0, -1, "MinLift")]
    public void Filters_out_of_range_are_refused_by_name(double a, double c, double confidence, double lift, string name)
    {
        var e = Assert.Throws<BankInsightException>(() => RuleGenerator.Generate([], 10, new RuleFilter(a, c, confidence, lift)));
        Assert.Contains(name, e.Message);
    }
}
