using BankInsight.Data.Schemas;
using BankInsight.Results;

namespace BankInsight.Jobs.Retail;

/// <summary>
/// Rules grouped by the segment they were mined in, with their product masks, and the lookup
/// table "holding pattern → ranked applicable rules" that recommendations and rule-based
/// product opportunities read.
/// </summary>
internal static class RuleSets
{
    /// <summary>The key of rules mined over all customers.</summary>
    public const int Overall = -1;

    public sealed record Entry(CrossSellRule Rule, int Antecedent, int Consequent, int Order);

    /// <summary>Rules by segment (<see cref="Overall"/> for Cluster null), masks from their product codes.</summary>
    public static Dictionary<int, List<Entry>> Build(IReadOnlyList<CrossSellRule> rules, IReadOnlyList<ProductDefinition> products)
    {
        var sets = new Dictionary<int, List<Entry>>();
        for (int i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            var entry = new Entry(r, ProductNames.MaskOfCodes(products, r.AntecedentCodes), ProductNames.MaskOfCodes(products, r.ConsequentCodes), i);
            int key = r.Cluster ?? Overall;
            if (!sets.TryGetValue(key, out var list)) sets[key] = list = [];
            list.Add(entry);
        }
        return sets;
    }

    /// <summary>Whether a customer holding <paramref name="mask"/> matches the rule.</summary>
    public static bool Applies(Entry e, int mask, RuleMatch match) =>
        match == RuleMatch.Exact ? e.Antecedent == mask : (e.Antecedent & ~mask) == 0 && (e.Consequent & mask) == 0;

    /// <summary>
    /// For every holding pattern, the applicable rules with lift at least <paramref name="minLift"/>,
    /// ranked by lift — how much the rule raises the chance of holding its products over the
    /// segment's base rate — then confidence (then the input order), at most <paramref name="top"/>;
    /// a rule whose products are all offered by a better rule already is skipped, since it would
    /// offer nothing new.
    /// </summary>
    /// <remarks>
    /// Confidence alone favours the products most customers hold anyway: 存款 → 贷款和信用卡 has high
    /// confidence because half the segment has a loan or card, and lift 1.007 says the deposit
    /// makes no difference. Lift ranks what the customer is likelier than others to want.
    /// </remarks>
    public static Entry[][] Table(List<Entry> rules, int products, RuleMatch match, int top, double minLift)
    {
        var ranked = rules.Where(e => e.Rule.Lift >= minLift)
            .OrderByDescending(e => e.Rule.Lift).ThenByDescending(e => e.Rule.Confidence).ThenBy(e => e.Order).ToArray();
        var table = new Entry[1 << products][];
        for (int mask = 0; mask < table.Length; mask++)
        {
            var chosen = new List<Entry>();
            int offered = 0;
            foreach (var e in ranked)
            {
                if (chosen.Count == top) break;
                if (!Applies(e, mask, match)) continue;
                if ((e.Consequent & ~offered) == 0) continue;
                chosen.Add(e);
                offered |= e.Consequent;
            }
            table[mask] = chosen.ToArray();
        }
        return table;
    }
}
