namespace BankInsight.Jobs.Prospects;

/// <summary>
/// The output filter on region: a customer passes when its registered or its business address
/// contains the keyword (ordinal, e.g. "广东"). An empty keyword turns the filter off.
/// </summary>
public static class RegionFilter
{
    /// <summary>The old delivery's region.</summary>
    public const string DefaultRegion = "广东";

    /// <summary>
    /// The address that puts the customer in the region — the registered one if it contains the
    /// keyword, else the business one — or, without a filter, the registered address (else the
    /// business one). Null when neither matches.
    /// </summary>
    public static string? MatchingAddress(string? registered, string? business, string? keyword)
    {
        if (string.IsNullOrEmpty(keyword)) return registered ?? business;
        if (registered?.Contains(keyword, StringComparison.Ordinal) == true) return registered;
        return business?.Contains(keyword, StringComparison.Ordinal) == true ? business : null;
    }

    /// <summary>True when the customer is in the region (or there is no filter).</summary>
    public static bool Matches(string? registered, string? business, string? keyword) =>
        string.IsNullOrEmpty(keyword) || MatchingAddress(registered, business, keyword) is not null;
}
