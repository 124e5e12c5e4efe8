using System.Globalization;
using BankInsight.Common;

namespace BankInsight.Synthetic;

/// <summary>What a file of a monthly synthetic sequence holds.</summary>
public enum SyntheticMonthFileKind
{
    /// <summary>The month's CorporateChurn data (.del).</summary>
    Data,

    /// <summary>The month's oracle: each customer's true probability of having churned by the next month (bank result format).</summary>
    Oracle,
}

/// <summary>
/// One file of a monthly sequence: which month, what it holds, where it goes. Callers plan the
/// whole sequence with <see cref="Plan"/>, check or confirm each target, and hand the ones to
/// write to <see cref="SyntheticMonths.GenerateFiles"/>.
/// </summary>
/// <param name="Month">The month's last day (the last month: the request's as-of date).</param>
/// <param name="Kind">Data or oracle.</param>
/// <param name="Target">The file, and whether a read-only file there may be replaced.</param>
public sealed record SyntheticMonthFile(DateOnly Month, SyntheticMonthFileKind Kind, OutputFile Target)
{
    /// <summary>The extension that marks an oracle file (<c>churn-2026-09.oracle.txt</c>).</summary>
    public const string OracleExtension = ".oracle.txt";

    /// <summary>
    /// Every file of <paramref name="request"/>'s sequence, month by month: the data file named
    /// after <paramref name="output"/> (its stem + <c>-yyyy-MM</c> + its extension, in its folder:
    /// <c>churn.del</c> → <c>churn-2026-08.del</c>) and, with <paramref name="oracle"/>, the month's
    /// oracle beside it for every month but the last (whose next month is not in the sequence).
    /// </summary>
    public static IReadOnlyList<SyntheticMonthFile> Plan(SyntheticDataRequest request, string output, bool oracle)
    {
        request.Validate();
        if (request.Months is not { } months)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, "A file sequence needs a number of months (--months, -Months).", request);
        var monthEnds = SyntheticMonths.MonthEnds(request.AsOf, months);
        var files = new List<SyntheticMonthFile>();
        for (int m = 0; m < monthEnds.Count; m++)
        {
            files.Add(new(monthEnds[m], SyntheticMonthFileKind.Data, NameFor(output, monthEnds[m], SyntheticMonthFileKind.Data)));
            if (oracle && m < monthEnds.Count - 1)
                files.Add(new(monthEnds[m], SyntheticMonthFileKind.Oracle, NameFor(output, monthEnds[m], SyntheticMonthFileKind.Oracle)));
        }
        return files;
    }

    /// <summary>The name of <paramref name="month"/>'s file of <paramref name="kind"/> for <paramref name="output"/>.</summary>
    public static string NameFor(string output, DateOnly month, SyntheticMonthFileKind kind)
    {
        string folder = Path.GetDirectoryName(output) ?? "";
        string stem = Path.GetFileNameWithoutExtension(output);
        // Invariant: a Thai or Japanese-calendar host must still write 2026, not 2569 or 令和8.
        string suffix = "-" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        string extension = kind == SyntheticMonthFileKind.Oracle ? OracleExtension : Path.GetExtension(output);
        return Path.Combine(folder, stem + suffix + extension);
    }
}
