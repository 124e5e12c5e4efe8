using BankInsight.ResultFiles;

namespace BankInsight.Results;

/// <summary>A customer's segment. Its bank result line is <c>"客户编号",3</c> (id, cluster).</summary>
public sealed class ClusterAssignment : IBankResultRecord
{
    /// <summary>Customer id, as written in the file.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Customer name.</summary>
    public string? CustomerName { get; init; }

    /// <summary>Segment number, 1 … k (1 was the largest when the model was trained).</summary>
    public int Cluster { get; init; }

    /// <summary>Euclidean distance to the segment's centre in standardized units: 0 is the centre; larger is less typical.</summary>
    public double Distance { get; init; }

    /// <summary>Products held, as names joined with ';' in product-code order.</summary>
    public string? HeldProducts { get; init; }

    /// <summary>Line in the input file.</summary>
    public int Line { get; init; }

    /// <summary>The input file (or "pipeline input (N rows)"): with several files, which one <see cref="Line"/> is in.</summary>
    public string? File { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<ResultField> ToResultFields() => [ResultField.FromText(CustomerId), ResultField.FromNumber(Cluster)];
}
