namespace BankInsight.Jobs.Prospects;

/// <summary>
/// The output filter on region: a customer passes when its registered or its business address
/// contains the keyword (ordinal, e.g. "广东"). An empty keyword turns the filter off.
/// </summary>
public static class RegionFilter
{
    /// <summary>The old delivery's region.</summary>
    public const string DefaultRegion = "广东";

    /// <summary>True when the customer is in the region (or there is no filter).</summary>
    public static bool Matches(string? registered, string? business, string? keyword) =>
        string.IsNullOrEmpty(keyword)
        || (registered?.Contains(keyword, StringComparison.Ordinal) ?? false)
        || (business?.Contains(keyword, StringComparison.Ordinal) ?? false);
}
