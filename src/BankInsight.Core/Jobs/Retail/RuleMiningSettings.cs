using BankInsight.Rules;

namespace BankInsight.Jobs.Retail;

/// <summary>How product rules are mined (SPEC defaults: support 0.1; antecedent 0.1, consequent 0.1, confidence 0.3, lift 1.0).</summary>
public sealed record RuleMiningSettings
{
    /// <summary>Minimum share of customers holding an itemset.</summary>
    public double MinSupport { get; init; } = 0.1;

    /// <summary>The four rule filters.</summary>
    public RuleFilter Filter { get; init; } = RuleFilter.RetailDefaults;

    /// <summary>FP-Growth (default) or Apriori; the rules are identical.</summary>
    public MiningAlgorithm Algorithm { get; init; } = MiningAlgorithm.FPGrowth;

    /// <summary>Largest itemset mined (0 = no limit).</summary>
    public int MaxLength { get; init; }
}
