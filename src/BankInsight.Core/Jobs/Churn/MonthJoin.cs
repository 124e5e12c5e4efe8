using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;

namespace BankInsight.Jobs.Churn;

/// <summary>
/// Which row of another month's file holds each customer of a month: the join of two monthly
/// exports by customer id. Ids are matched as the loader compares them (without padding); an id
/// whose form changed between the exports ("…19.0" one month, "…19" the next) still matches, but
/// is counted and named, because it means the export changed, and a join on a changed form is
/// exactly what a bank's data team wants to hear about.
/// </summary>
/// <param name="RowInOther">Per row of the month: the row of the other month, or -1 when the customer is not there.</param>
/// <param name="OnlyHere">Customers of the month absent from the other.</param>
/// <param name="OnlyThere">Customers of the other month absent from this one (new, or gone before).</param>
/// <param name="ChangedForm">Customers matched only after reading '…19.0' as '…19'.</param>
/// <param name="ChangedExample">One such id, as this month wrote it.</param>
public sealed record MonthJoin(int[] RowInOther, int OnlyHere, int OnlyThere, int ChangedForm, string? ChangedExample)
{
    /// <summary>Joins <paramref name="month"/> to <paramref name="other"/> by customer id.</summary>
    public static MonthJoin Of(CustomerDataSet month, CustomerDataSet other)
    {
        var ids = Ids(month);
        var otherIds = Ids(other);
        var exact = new Dictionary<string, int>(otherIds.Count, StringComparer.Ordinal);
        var byKey = new Dictionary<string, int>(otherIds.Count, StringComparer.Ordinal);
        for (int j = 0; j < otherIds.Count; j++)
        {
            if (otherIds[j] is not { } id) continue;
            exact.TryAdd(CustomerIds.Comparable(id), j);
            byKey.TryAdd(CustomerIds.JoinKey(id), j);
        }
        var rows = new int[ids.Count];
        var used = new bool[otherIds.Count];
        int onlyHere = 0, changed = 0;
        string? example = null;
        for (int i = 0; i < ids.Count; i++)
        {
            rows[i] = -1;
            if (ids[i] is not { } id) { onlyHere++; continue; }
            if (!exact.TryGetValue(CustomerIds.Comparable(id), out int j))
            {
                if (!byKey.TryGetValue(CustomerIds.JoinKey(id), out j))
                {
                    onlyHere++;
                    continue;
                }
                changed++;
                example ??= id;
            }
            rows[i] = j;
            used[j] = true;
        }
        return new MonthJoin(rows, onlyHere, used.Count(u => !u), changed, example);
    }

    private static IReadOnlyList<string?> Ids(CustomerDataSet data) =>
        data.Ids?.Values ?? throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"{data.Source} has no customer id column.", data.Source);
}
