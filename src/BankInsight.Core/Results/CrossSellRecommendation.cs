using BankInsight.ResultFiles;

namespace BankInsight.Results;

/// <summary>
/// Products to offer a customer, from the best rules whose antecedents match what the customer
/// holds. Its bank result line is <c>"客户编号","3,4"</c> (id, recommended product codes).
/// </summary>
public sealed class CrossSellRecommendation : IBankResultRecord
{
    /// <summary>Customer id, as written in the file.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Customer name.</summary>
    public string? CustomerName { get; init; }

    /// <summary>The customer's segment, when rules were mined per segment.</summary>
    public int? Cluster { get; init; }

    /// <summary>1 for the best recommendation, 2 for the next, …</summary>
    public int Rank { get; init; }

    /// <summary>Products held, ';'-joined, product-code order.</summary>
    public required string HeldProducts { get; init; }

    /// <summary>Products recommended (the rule's consequents), ';'-joined.</summary>
    public required string RecommendedProducts { get; init; }

    /// <summary>Their product codes, "3,4".</summary>
    public required string ProductCodes { get; init; }

    /// <summary>The rule's confidence: the share of similar holders who hold the recommended products.</summary>
    public double Confidence { get; init; }

    /// <summary>The rule's lift.</summary>
    public double Lift { get; init; }

    /// <summary>The rule, "存款;理财 → 基金和积利宝".</summary>
    public required string Rule { get; init; }

    /// <summary>Line in the input file.</summary>
    public int Line { get; init; }

    /// <summary>The input file (or "pipeline input (N rows)"): with several files, which one <see cref="Line"/> is in.</summary>
    public string? File { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<ResultField> ToResultFields() => [ResultField.FromText(CustomerId), ResultField.FromText(ProductCodes)];
}
