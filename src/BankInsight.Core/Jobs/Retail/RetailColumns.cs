using BankInsight.Data.Schemas;

namespace BankInsight.Jobs.Retail;

/// <summary>
/// The columns of a Retail file a job reads, so the loader keeps only those in memory
/// (<see cref="Data.Reading.DataLoadOptions.Columns"/>): product holdings need the balances that
/// define the 8 products; segments need the model's segmentation columns. Of 134 columns, rules and
/// recommendations per segment read about 40. The id is always kept; callers that show names add
/// the name column (<see cref="WithName"/>).
/// </summary>
public static class RetailColumns
{
    /// <summary>What mining rules or recommending reads: the product balances, and with segments the segmentation columns.</summary>
    public static IReadOnlySet<string> ForHoldings(BankSchema schema, SegmentationModel? segments)
    {
        var set = new HashSet<string>(schema.Products.SelectMany(p => p.BalanceColumns), StringComparer.Ordinal);
        if (segments is not null) set.UnionWith(ForSegments(segments));
        return set;
    }

    /// <summary><paramref name="columns"/> and the schema's name column: for results that carry the customer's name.</summary>
    public static IReadOnlySet<string> WithName(BankSchema schema, IReadOnlySet<string> columns)
    {
        var set = new HashSet<string>(columns, StringComparer.Ordinal);
        if (schema.Columns.FirstOrDefault(c => c.Role == "name") is { } name) set.Add(name.Name);
        return set;
    }

    /// <summary>What assigning segments reads: the model's segmentation columns.</summary>
    public static IReadOnlySet<string> ForSegments(SegmentationModel segments) =>
        new HashSet<string>(segments.Features.Features.Select(f => f.Name), StringComparer.Ordinal);

    /// <summary>What a segment profile reads: the segmentation columns and the product balances.</summary>
    public static IReadOnlySet<string> ForProfiles(BankSchema schema, SegmentationModel segments) => ForHoldings(schema, segments);
}
