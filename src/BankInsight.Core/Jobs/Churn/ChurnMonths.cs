using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Features;

namespace BankInsight.Jobs.Churn;

/// <summary>
/// Checks that monthly files given together are in the order they are used in: the next month
/// after the month, earlier months before it, newest first. A swapped pair would teach a model to
/// predict the past; it is refused, naming the months each file describes.
/// </summary>
public static class ChurnMonths
{
    /// <summary>Refuses files out of order; warns when the next month is not the very next one.</summary>
    public static void Check(CustomerDataSet month, DateOnly? monthEnd, CustomerDataSet? next, IReadOnlyList<CustomerDataSet> history, IOperationSink sink)
    {
        RequireSameSchema(month, next is null ? history : [next, .. history]);
        if (monthEnd is not { } t)
        {
            sink.Warning($"{month.Source} has no dates to tell its month by, so the order of the monthly files cannot be checked; give --data_month / -DataMonth.");
            return;
        }
        if (next is not null && DataMonth.Of(next)?.MonthEnd is { } n)
        {
            int gap = Months(t, n);
            if (gap <= 0)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                    $"The next month's file {next.Source} describes {n:yyyy-MM}, not a month after {month.Source} ({t:yyyy-MM}): were the files given in the wrong order?", next.Source);
            if (gap > 1)
                sink.Warning($"{next.Source} describes {n:yyyy-MM}, {gap} months after {month.Source} ({t:yyyy-MM}): the labels mean churn within {gap} months, not by next month.");
        }
        var later = t;
        string laterSource = month.Source;
        for (int k = 0; k < history.Count; k++)
        {
            if (DataMonth.Of(history[k])?.MonthEnd is not { } h) continue;
            if (Months(h, later) != 1)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                    $"Earlier month {k + 1} ({history[k].Source}) describes {h:yyyy-MM}; it should be {later.AddMonths(-1):yyyy-MM}, the month before {laterSource}. Give earlier months newest first, one per month.", history[k].Source);
            (later, laterSource) = (h, history[k].Source);
        }
    }

    private static int Months(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;

    private static void RequireSameSchema(CustomerDataSet month, IEnumerable<CustomerDataSet> others)
    {
        foreach (var other in others)
            if (other.Schema.Fingerprint != month.Schema.Fingerprint)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                    $"{other.Source} was read as {other.Schema.Name} and {month.Source} as {month.Schema.Name}: monthly files of one model must share a schema.", other.Source);
    }
}
