using BankInsight.Common;

namespace BankInsight.Rules;

/// <summary>The filters a rule must pass (SPEC defaults for retail: 0.1 / 0.1 / 0.3 / 1.0).</summary>
/// <param name="MinAntecedentSupport">Share of transactions holding the antecedent.</param>
/// <param name="MinConsequentSupport">Share of transactions holding the consequent.</param>
/// <param name="MinConfidence">support(A ∪ C) / support(A).</param>
/// <param name="MinLift">confidence / support(C).</param>
public sealed record RuleFilter(double MinAntecedentSupport = 0, double MinConsequentSupport = 0, double MinConfidence = 0, double MinLift = 0)
{
    /// <summary>The SPEC's retail defaults.</summary>
    public static RuleFilter RetailDefaults { get; } = new(0.1, 0.1, 0.3, 1.0);

    /// <summary>Throws naming a filter out of range.</summary>
    public void Validate()
    {
        void Check(double v, string name, double max)
        {
            if (!(v >= 0 && v <= max))
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"{name} must be between 0 and {max} (got {v}).", v);
        }
        Check(MinAntecedentSupport, nameof(MinAntecedentSupport), 1);
        Check(MinConsequentSupport, nameof(MinConsequentSupport), 1);
        Check(MinConfidence, nameof(MinConfidence), 1);
        Check(MinLift, nameof(MinLift), double.MaxValue);
    }
}

/// <summary>
/// One association rule A → C with the measures mlxtend 0.25's association_rules reports,
/// computed with the same floating-point formulas so that rules at a threshold's boundary are
/// kept or dropped alike: confidence = s(AC)·N / (s(A)·N) (N transactions); lift = conf / s(C);
/// leverage = s(AC) − s(A)s(C); conviction = (1 − s(C)) / (1 − conf), +∞ when confidence is 1;
/// Zhang's metric = leverage / max(s(AC)(1 − s(A)), s(A)(s(C) − s(AC))), 0 when that is 0;
/// Jaccard = s(AC) / (s(A) + s(C) − s(AC)); certainty = (conf − s(C)) / (1 − s(C)), 0 when
/// s(C) = 1; Kulczynski = (conf(A→C) + conf(C→A)) / 2.
/// </summary>
public sealed record AssociationRule(int[] Antecedent, int[] Consequent, double AntecedentSupport, double ConsequentSupport,
    double Support, double Confidence, double Lift, double Leverage, double Conviction, double ZhangsMetric,
    double Jaccard, double Certainty, double Kulczynski);

/// <summary>
/// Rules from frequent itemsets: for each itemset of two or more items, every non-empty proper
/// subset as antecedent and the rest as consequent (as mlxtend does), measured from the
/// supports of the itemsets — which are all frequent by downward closure — and filtered.
/// Sorted by confidence, lift (descending), then antecedent and consequent ids: a total order.
/// </summary>
public static class RuleGenerator
{
    /// <summary>Generates and filters the rules of <paramref name="itemsets"/>, mined from <paramref name="transactions"/> transactions.</summary>
    public static IReadOnlyList<AssociationRule> Generate(IReadOnlyList<FrequentItemset> itemsets, int transactions, RuleFilter filter, CancellationToken cancellationToken = default)
    {
        filter.Validate();
        double n = transactions;
        var support = new Dictionary<ItemsetKey, double>(itemsets.Count);
        foreach (var f in itemsets) support[new ItemsetKey(f.Items)] = f.Support;
        var rules = new List<AssociationRule>();
        foreach (var itemset in itemsets)
        {
            int k = itemset.Items.Length;
            if (k < 2) continue;
            cancellationToken.ThrowIfCancellationRequested();
            double sAC = itemset.Support;
            // Every non-empty proper subset, by bit mask over the itemset's positions.
            for (int mask = 1; mask < (1 << k) - 1; mask++)
            {
                var antecedent = new int[System.Numerics.BitOperations.PopCount((uint)mask)];
                var consequent = new int[k - antecedent.Length];
                for (int i = 0, a = 0, c = 0; i < k; i++)
                    if ((mask & (1 << i)) != 0) antecedent[a++] = itemset.Items[i];
                    else consequent[c++] = itemset.Items[i];
                if (!support.TryGetValue(new ItemsetKey(antecedent), out double sA) || !support.TryGetValue(new ItemsetKey(consequent), out double sC))
                    throw new InvalidOperationException("Itemsets are not downward closed; rules need every subset's support.");
                if (sA < filter.MinAntecedentSupport || sC < filter.MinConsequentSupport) continue;
                double confidence = sAC * n / (sA * n);
                if (confidence < filter.MinConfidence) continue;
                double lift = confidence / sC;
                if (lift < filter.MinLift) continue;
                double leverage = sAC - sA * sC;
                double conviction = confidence >= 1 ? double.PositiveInfinity : (1 - sC) / (1 - confidence);
                double denominator = Math.Max(sAC * (1 - sA), sA * (sC - sAC));
                double zhang = denominator == 0 ? 0 : leverage / denominator;
                double jaccard = sAC / (sA + sC - sAC);
                double certainty = 1 - sC == 0 ? 0 : (confidence - sC) / (1 - sC);
                double kulczynski = (confidence + sAC * n / (sC * n)) / 2;
                rules.Add(new AssociationRule(antecedent, consequent, sA, sC, sAC, confidence, lift, leverage, conviction, zhang, jaccard, certainty, kulczynski));
            }
        }
        rules.Sort(static (x, y) =>
        {
            int c = y.Confidence.CompareTo(x.Confidence);
            if (c != 0) return c;
            c = y.Lift.CompareTo(x.Lift);
            if (c != 0) return c;
            c = x.Antecedent.AsSpan().SequenceCompareTo(y.Antecedent);
            return c != 0 ? c : x.Consequent.AsSpan().SequenceCompareTo(y.Consequent);
        });
        return rules;
    }
}
