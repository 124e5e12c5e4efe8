namespace BankInsight.Results;

/// <summary>One measure of a segment beside the same measure over all customers.</summary>
/// <param name="Name">Column or product name.</param>
/// <param name="Kind">"Product" (share holding it), "Number" (mean, original units), "Flag" (share with 1), or "Category" (most common value and its share).</param>
/// <param name="Value">The segment's share or mean (for Category: the share of <paramref name="Category"/>); null when every value is missing.</param>
/// <param name="Overall">The same over all customers (for Category: that category's overall share).</param>
/// <param name="Category">For Category: the segment's most common value.</param>
/// <param name="Contrast">How far the segment stands from everyone on this measure, in standard deviations (signed).</param>
public sealed record ProfileMeasure(string Name, string Kind, double? Value, double? Overall, string? Category, double Contrast);

/// <summary>
/// What a segment looks like, so an analyst can name it: size, share of each product held, the
/// mean (or most common value) of each segmentation column in original units, and the handful of
/// measures that set it most apart, as text. <see cref="Columns"/> is the same as one wide row
/// (one column per product and per segmentation column), which is what cmdlets emit so that
/// <c>Export-Excel</c> gets a sheet with one row per segment.
/// </summary>
public sealed class ClusterProfile
{
    /// <summary>Segment number.</summary>
    public int Cluster { get; init; }

    /// <summary>Customers in it.</summary>
    public int Customers { get; init; }

    /// <summary>Its share of all customers.</summary>
    public double Share { get; init; }

    /// <summary>The measures that set it most apart, e.g. "理财 64% (all 20%); 年龄 52.3 (all 38.1)".</summary>
    public string Highlights { get; init; } = "";

    /// <summary>Share holding each product, in product-code order.</summary>
    public IReadOnlyList<ProfileMeasure> Products { get; init; } = [];

    /// <summary>Each segmentation column, in schema order.</summary>
    public IReadOnlyList<ProfileMeasure> Features { get; init; } = [];

    /// <summary>
    /// The profile as one wide row: Cluster, Customers, Share, Highlights, then "&lt;product&gt;持有率"
    /// per product, then per segmentation column its mean (numbers), share (flags) or most common value (categories).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Columns
    {
        get
        {
            var columns = new List<KeyValuePair<string, object?>>
            {
                new(nameof(Cluster), Cluster), new(nameof(Customers), Customers), new(nameof(Share), Share), new(nameof(Highlights), Highlights),
            };
            foreach (var p in Products) columns.Add(new(p.Name + "持有率", p.Value));
            foreach (var f in Features) columns.Add(new(f.Name, f.Kind == "Category" ? f.Category : f.Value));
            return columns;
        }
    }
}
