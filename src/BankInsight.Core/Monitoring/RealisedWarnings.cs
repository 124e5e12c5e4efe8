using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;

namespace BankInsight.Monitoring;

/// <summary>What last month's warnings came to, counted over the month they were issued for.</summary>
/// <param name="Warned">Customers on the list (each once).</param>
/// <param name="NotInData">Of them, not customers of the month (matched by id as month files are joined).</param>
/// <param name="NotInDataExamples">Up to five such ids, as the list wrote them.</param>
/// <param name="Unlabelled">Warned customers of the month whose outcome is unknown (no label).</param>
/// <param name="WarnedChurned">Warned customers who churned: the true positives.</param>
/// <param name="WarnedStayed">Warned customers who did not: the false alarms.</param>
/// <param name="Labelled">Customers of the month with an outcome.</param>
/// <param name="Churned">Of them, those who churned, warned or not.</param>
public sealed record RealisedCounts(int Warned, int NotInData, IReadOnlyList<string> NotInDataExamples, int Unlabelled,
    int WarnedChurned, int WarnedStayed, int Labelled, int Churned)
{
    /// <summary>Warned customers who churned, over warned customers with an outcome; NaN when none has one.</summary>
    public double Precision => WarnedChurned + WarnedStayed == 0 ? double.NaN : (double)WarnedChurned / (WarnedChurned + WarnedStayed);

    /// <summary>Warned customers who churned, over every customer of the month who churned; NaN when nobody did.</summary>
    public double Recall => Churned == 0 ? double.NaN : (double)WarnedChurned / Churned;

    /// <summary>Churners among the month's customers with an outcome: what a list picked at random would hit.</summary>
    public double ChurnRate => Labelled == 0 ? double.NaN : (double)Churned / Labelled;
}

/// <summary>
/// Realised precision and recall of a warning list: the list against the outcomes of the customers
/// of the month it was issued for. Precision needs only the warned; recall needs the whole month,
/// since it asks how many of all who left were warned. Customers without an outcome (e.g. a zero
/// three-month average) count on neither side; ids not in the month are counted and left out.
/// </summary>
/// <remarks>O(customers + warnings); ids matched as <see cref="Jobs.Churn.MonthJoin"/> matches months.</remarks>
public static class RealisedWarnings
{
    /// <summary>Counts <paramref name="warnings"/> against <paramref name="labels"/> (per row of <paramref name="month"/>: churned, stayed, or unknown).</summary>
    public static RealisedCounts Count(WarningList warnings, CustomerDataSet month, IReadOnlyList<bool?> labels)
    {
        var ids = month.Ids?.Values ?? throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"{month.Source} has no customer id column.", month.Source);
        var exact = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        var byKey = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (int row = 0; row < ids.Count; row++)
        {
            if (ids[row] is not { } id) continue;
            exact.TryAdd(CustomerIds.Comparable(id), row);
            byKey.TryAdd(CustomerIds.JoinKey(id), row);
        }
        int notInData = 0, unlabelled = 0, churned = 0, stayed = 0;
        var missing = new List<string>();
        foreach (string id in warnings.Ids)
        {
            if (!exact.TryGetValue(id, out int row) && !byKey.TryGetValue(CustomerIds.JoinKey(id), out row))
            {
                notInData++;
                if (missing.Count < 5) missing.Add(id);
                continue;
            }
            switch (labels[row])
            {
                case null: unlabelled++; break;
                case true: churned++; break;
                case false: stayed++; break;
            }
        }
        int labelled = 0, all = 0;
        foreach (var label in labels)
        {
            if (label is null) continue;
            labelled++;
            if (label.Value) all++;
        }
        return new RealisedCounts(warnings.Ids.Count, notInData, missing, unlabelled, churned, stayed, labelled, all);
    }
}
