using BankInsight.Data.Columns;
using BankInsight.Data.Reading;

namespace BankInsight.Jobs.Retail;

/// <summary>
/// What the retail jobs keep of every customer while they stream a file: id (and name when asked),
/// source line, product holdings and segment — about 40 bytes a customer instead of the 1–2 KB of a
/// loaded 134-column row. Rows are the rows the first pass loaded, in file order.
/// </summary>
public sealed class RetailCustomers
{
    internal RetailCustomers(string source, PooledText ids, PooledText? names, int[] lines, ProductHoldings holdings, int[]? segments, LoadSummary summary)
    {
        Source = source;
        Ids = ids;
        Names = names;
        Lines = lines;
        Holdings = holdings;
        Segments = segments;
        Summary = summary;
    }

    /// <summary>The file.</summary>
    public string Source { get; }

    /// <summary>Customers (rows loaded).</summary>
    public int Count => Lines.Length;

    /// <summary>Customer ids, pooled.</summary>
    public PooledText Ids { get; }

    /// <summary>Customer names, pooled, or null when not asked for.</summary>
    public PooledText? Names { get; }

    /// <summary>Each row's line in the file (ascending).</summary>
    public int[] Lines { get; }

    /// <summary>Which products each customer holds.</summary>
    public ProductHoldings Holdings { get; }

    /// <summary>Each customer's segment (1..k), or null when the pass assigned none.</summary>
    public int[]? Segments { get; internal set; }

    /// <summary>Each customer's distance to the centre of its segment, when the first pass assigned segments.</summary>
    public float[]? Distances { get; internal init; }

    /// <summary>What reading the file found (rows, rejections, dropped columns).</summary>
    public LoadSummary Summary { get; }
}
