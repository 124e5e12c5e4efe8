using BankInsight.ResultFiles;

namespace BankInsight.Results;

/// <summary>
/// Products to offer a customer, from the best rules whose antecedents match what the customer
/// holds. Its bank result lines are the old delivery's: one <c>"客户编号","代码"</c> pair per
/// product (<c>"a","3"</c>, <c>"a","4"</c>); the joined <c>"a","3,4"</c> only when asked for.
/// </summary>
public sealed class CrossSellRecommendation : IBankResultLines
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

    /// <summary>Products recommended, ';'-joined: the rule's consequents not already offered at a better rank.</summary>
    public required string RecommendedProducts { get; init; }

    /// <summary>Their product codes, "3,4", in code order.</summary>
    public required string ProductCodes { get; init; }

    /// <summary>The rule's confidence: the share of customers holding its antecedents who hold its consequents too.</summary>
    public double Confidence { get; init; }

    /// <summary>The rule's base rate: the share of the segment (or of all customers) holding its consequents.</summary>
    public double BaseRate { get; init; }

    /// <summary>The rule's lift, confidence ÷ base rate: how many times likelier than the segment as a whole.</summary>
    public double Lift { get; init; }

    /// <summary>The rule's support: the share of customers holding antecedents and consequents together.</summary>
    public double Support { get; init; }

    /// <summary>The rule, "存款;理财 → 基金和积利宝".</summary>
    public required string Rule { get; init; }

    /// <summary>Line in the input file.</summary>
    public int Line { get; init; }

    /// <summary>The input file (or "pipeline input (N rows)"): with several files, which one <see cref="Line"/> is in.</summary>
    public string? File { get; init; }

    /// <summary>The joined line, <c>"客户编号","3,4"</c> (Export-BankResult -JoinProductCodes, --join_product_codes).</summary>
    public IReadOnlyList<ResultField> ToResultFields() => [ResultField.FromText(CustomerId), ResultField.FromText(ProductCodes)];

    /// <summary>One <c>"客户编号","代码"</c> line per product, in code order: the old delivery's layout.</summary>
    public IEnumerable<IReadOnlyList<ResultField>> ToResultLines()
    {
        foreach (string code in ProductCodes.Split(',', StringSplitOptions.RemoveEmptyEntries))
            yield return [ResultField.FromText(CustomerId), ResultField.FromText(code)];
    }
}
