using BankInsight.Common;
using BankInsight.Data;

namespace BankInsight.Jobs.Churn;

/// <summary>Next-month churn labels of a month's customers, and how the two files met.</summary>
/// <param name="Labels">Per row of month t: churned by t+1 (true), not (false), or no label (null).</param>
/// <param name="Join">How month t's customers were found in month t+1.</param>
/// <param name="Absent">Customers of month t missing from t+1 (labelled churned when <paramref name="AbsentIsChurn"/>, else unlabelled).</param>
/// <param name="AbsentIsChurn">Whether a customer gone from t+1's file counts as churned.</param>
/// <param name="Unlabelled">Rows without a label: already churned in month t, t+1's asset figures missing or a zero three-month average there, or absent when that is not churn.</param>
/// <param name="AlreadyChurned">Customers over the churn line in month t itself: gone already, not about to go, so not labelled.</param>
public sealed record NextMonthLabelSet(bool?[] Labels, MonthJoin Join, int Absent, bool AbsentIsChurn, int Unlabelled, int AlreadyChurned)
{
    /// <summary>"1,850 of 2,000 customers found in churn-2026-10.del; 90 absent (counted churned); 120 new there; 80 already churned this month (left out)".</summary>
    public string Describe(string nextSource) =>
        $"{Labels.Length - Join.OnlyHere:N0} of {Labels.Length:N0} customers found in {nextSource}; {Absent:N0} absent ({(AbsentIsChurn ? "counted churned" : "left unlabelled")}); {Join.OnlyThere:N0} new there; {AlreadyChurned:N0} already churned this month (left out)"
        + (Join.ChangedForm > 0 ? $"; {Join.ChangedForm:N0} matched only after reading '…19.0' as '…19' (e.g. '{Join.ChangedExample}')" : "");
}

/// <summary>
/// The next-month label (issue 11): a customer of month t has churned by t+1 when t+1's own
/// figures meet the churn rule — t+1's average daily financial assets fell by more than the
/// decline threshold against t+1's three-month average (<see cref="ChurnLabels"/>) — or, when
/// <c>absentIsChurn</c>, when the customer is no longer in t+1's file (an account closed is the
/// plainest churn of all). Features come from month t, so a model learns what a month looks like
/// before the money leaves, not the leaving itself. A customer already over the line in month t
/// has no label: it has gone, not is about to, and counting it would teach the model to find
/// money that left already (in generated months it nearly doubles the positives, all of them easy).
/// </summary>
public static class NextMonthLabels
{
    /// <summary>Labels every row of <paramref name="month"/> from <paramref name="next"/>, reporting the join.</summary>
    public static NextMonthLabelSet Make(CustomerDataSet month, CustomerDataSet next, double declineThreshold, bool absentIsChurn, IOperationSink sink)
    {
        var join = MonthJoin.Of(month, next);
        var nextLabels = ChurnLabels.Make(next, declineThreshold, sink);
        var nowLabels = ChurnLabels.Make(month, declineThreshold, NullSink.Instance); // its unlabelled rows are still labelled from t+1
        var labels = new bool?[month.RowCount];
        int absent = 0, unlabelled = 0, already = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (nowLabels.Labels[i] == true)
            {
                already++;
                unlabelled++;
                continue;
            }
            int j = join.RowInOther[i];
            if (j < 0)
            {
                absent++;
                if (absentIsChurn) labels[i] = true;
                else unlabelled++;
                continue;
            }
            labels[i] = nextLabels.Labels[j];
            if (labels[i] is null) unlabelled++;
        }
        var set = new NextMonthLabelSet(labels, join, absent, absentIsChurn, unlabelled, already);
        sink.Verbose($"Churn labels from the next month: {set.Describe(next.Source)}.");
        if (join.ChangedForm > 0)
            sink.Warning($"{join.ChangedForm:N0} customer id(s) of {month.Source} match {next.Source} only after reading '…19.0' as '…19' (e.g. '{join.ChangedExample}'): the export changed how it writes ids between the months. They are joined; check the exports.");
        // Half the customers gone in a month is not churn; it is two files that do not belong together.
        if (absent * 2 > labels.Length)
            throw new BankInsightException(ErrorIds.TrainingDataInvalid, ErrorKind.InvalidData,
                $"{absent:N0} of {labels.Length:N0} customers of {month.Source} are not in {next.Source}: are the two files consecutive months of the same bank's export?", next.Source);
        return set;
    }
}
