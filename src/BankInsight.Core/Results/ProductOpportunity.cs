using BankInsight.ResultFiles;

namespace BankInsight.Results;

/// <summary>
/// A customer who does not hold a product but is likely to take it. Its bank result line is
/// <c>"01","客户编号"</c> (two-digit product code, id).
/// </summary>
public sealed class ProductOpportunity : IBankResultRecord
{
    /// <summary>Two-digit product code: "01" deposit, "02" insurance, …</summary>
    public required string ProductCode { get; init; }

    /// <summary>Product name (存款, 保险, …).</summary>
    public required string Product { get; init; }

    /// <summary>Customer id, as written in the file.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Customer name.</summary>
    public string? CustomerName { get; init; }

    /// <summary>Likelihood of taking the product: the propensity model's probability, or the best matching rule's confidence.</summary>
    public double Score { get; init; }

    /// <summary>1 for the likeliest customer of this product, 2 for the next, …</summary>
    public int Rank { get; init; }

    /// <summary>"Propensity" or "Rules".</summary>
    public required string Method { get; init; }

    /// <summary>For the rules method: the rule behind the score.</summary>
    public string? Rule { get; init; }

    /// <summary>Products the customer holds, ';'-joined.</summary>
    public required string HeldProducts { get; init; }

    /// <summary>Line in the input file.</summary>
    public int Line { get; init; }

    /// <summary>The input file (or "pipeline input (N rows)"): with several files, which one <see cref="Line"/> is in.</summary>
    public string? File { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<ResultField> ToResultFields() => [ResultField.FromText(ProductCode), ResultField.FromText(CustomerId)];
}
