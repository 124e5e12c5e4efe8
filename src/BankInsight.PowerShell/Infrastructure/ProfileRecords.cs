using System.Runtime.CompilerServices;
using BankInsight.Results;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Get-CustomerCluster -Profile emits each segment as a wide record (one column per measure, for
/// Export-Excel), not as the <see cref="ClusterProfile"/> it came from. The report needs the
/// profile itself (its z-scores), so each record remembers it here — invisibly: a hidden property
/// would still be a column to Export-Csv. Records that did not come from the cmdlet have none.
/// </summary>
internal static class ProfileRecords
{
    private static readonly ConditionalWeakTable<object, ClusterProfile> Profiles = new();

    public static void Remember(object record, ClusterProfile profile) => Profiles.AddOrUpdate(record, profile);

    public static ClusterProfile? Find(object? record) => record is not null && Profiles.TryGetValue(record, out var profile) ? profile : null;
}
