using BankInsight.Common;

namespace BankInsight.Results;

/// <summary>
/// An association rule between products — customers holding the antecedents tend to hold the
/// consequents — mined over all customers (Cluster null) or within one segment, with mlxtend's
/// measures. Item lists are lists in PowerShell and ';'-joined text in Export-Csv/Export-Excel
/// (<see cref="TextList{T}"/>), and come as product codes too ("1,5").
/// </summary>
public sealed class CrossSellRule
{
    /// <summary>The segment mined, or null for all customers.</summary>
    public int? Cluster { get; init; }

    /// <summary>Customers the rule was mined over (the segment's size, or everyone).</summary>
    public int Customers { get; init; }

    /// <summary>Products held (the "if" side), product-code order.</summary>
    public required TextList<string> Antecedents { get; init; }

    /// <summary>Products also held (the "then" side), product-code order.</summary>
    public required TextList<string> Consequents { get; init; }

    /// <summary>Antecedent product codes, "1,5".</summary>
    public required string AntecedentCodes { get; init; }

    /// <summary>Consequent product codes, "3".</summary>
    public required string ConsequentCodes { get; init; }

    /// <summary>Share of customers holding the antecedents.</summary>
    public double AntecedentSupport { get; init; }

    /// <summary>Share holding the consequents.</summary>
    public double ConsequentSupport { get; init; }

    /// <summary>Share holding both.</summary>
    public double Support { get; init; }

    /// <summary>Of those holding the antecedents, the share that also hold the consequents.</summary>
    public double Confidence { get; init; }

    /// <summary>Confidence ÷ consequent support: how much more likely than for anyone (&gt; 1 is a positive association).</summary>
    public double Lift { get; init; }

    /// <summary>Support − antecedent support × consequent support.</summary>
    public double Leverage { get; init; }

    /// <summary>(1 − consequent support) ÷ (1 − confidence); null when the confidence is 1 (infinite).</summary>
    public double? Conviction { get; init; }

    /// <summary>Zhang's metric, −1 … 1.</summary>
    public double ZhangsMetric { get; init; }

    /// <summary>Support ÷ (antecedent support + consequent support − support).</summary>
    public double Jaccard { get; init; }

    /// <summary>(Confidence − consequent support) ÷ (1 − consequent support).</summary>
    public double Certainty { get; init; }

    /// <summary>Mean of the confidences in both directions.</summary>
    public double Kulczynski { get; init; }

    /// <summary>The rule as result objects quote it: "存款;理财 → 基金和积利宝". A method, so it is not one more exported column.</summary>
    internal string Text() => $"{Antecedents} → {Consequents}";

    /// <inheritdoc />
    public override string ToString() => $"{(Cluster is { } c ? $"[{c}] " : "")}{Text()} (confidence {Confidence:F3}, lift {Lift:F2})";
}
