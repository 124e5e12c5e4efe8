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
    /// For every holding pattern, the applicable rules ranked by confidence, then lift (then the
    /// input order), at most <paramref name="top"/>; with <paramref name="distinctConsequents"/>
    /// a consequent set already recommended by a better rule is skipped.
    /// </summary>
    public static Entry[][] Table(List<Entry> rules, int products, RuleMatch match, int top, bool distinctConsequents)
    {
        var ranked = rules.OrderByDescending(e => e.Rule.Confidence).ThenByDescending(e => e.Rule.Lift).ThenBy(e => e.Order).ToArray();
        var table = new Entry[1 << products][];
        for (int mask = 0; mask < table.Length; mask++)
        {
            var chosen = new List<Entry>();
            var seen = new HashSet<int>();
            foreach (var e in ranked)
            {
                if (chosen.Count == top) break;
                if (!Applies(e, mask, match)) continue;
                if (distinctConsequents && !seen.Add(e.Consequent)) continue;
                chosen.Add(e);
            }
            table[mask] = chosen.ToArray();
        }
        return table;
    }
}
