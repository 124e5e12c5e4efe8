using System.Globalization;
using BankInsight.Data;
using BankInsight.Data.Columns;

namespace BankInsight.Features;

/// <summary>
/// The month a file describes, read from its dates when nobody gives it: dates become "months
/// since signing" measured to its end, so a wrong month shifts every customer's features.
/// </summary>
/// <remarks>
/// One date must not decide it. Sentinel dates never count: 9999-12-31 ("no end date") and the
/// year 9999, 1900-01-01 and anything earlier ("unknown"); nor do dates after the month the job
/// runs in (a file cannot describe a month that has not happened: 2099-12-31 used as "no end
/// date", or 2062 typed for 2026). Each date column ends in the latest month that enough of its
/// rows share — in a column of more than 100 dated rows at least 2 rows and 1 in 1,000 — so a lone
/// typo such as 2025-12-31 in a 2025-10 file is not a month of data. The file's month is the one
/// most date columns end in (ties go to the later month). Seen before this rule: one 99991231 made
/// 9999-12 the data month of a 20,000-row file and changed its warning list by 437 customers,
/// silently; two rows dated 2099-12-31 in 2,000 changed it by 41.
/// </remarks>
/// <param name="MonthEnd">Last day of the data month.</param>
/// <param name="Columns">Date columns that end in that month.</param>
/// <param name="OfColumns">Date columns with any usable date.</param>
/// <param name="SentinelDates">Dates ignored as sentinels.</param>
/// <param name="LoneLaterDates">Dates later than their column's month, ignored as too few to be a month of data.</param>
public sealed record DataMonth(DateOnly MonthEnd, int Columns, int OfColumns, int SentinelDates, int LoneLaterDates)
{
    private static readonly int LatestPlausible = new DateOnly(9998, 12, 31).DayNumber;
    private static readonly int EarliestPlausible = new DateOnly(1900, 1, 2).DayNumber;

    /// <summary>Dates after the month the job runs in, ignored.</summary>
    public int FutureDates { get; init; }

    /// <summary>One of the sentinel dates, as the file had it (for the message).</summary>
    public DateOnly? SentinelExample { get; init; }

    /// <summary>One of the future dates (for the message).</summary>
    public DateOnly? FutureExample { get; init; }

    /// <summary>
    /// The data month of <paramref name="data"/>, or null when it has no usable date.
    /// <paramref name="today"/>: the day the job runs (default: the machine's date); dates after
    /// its month are not a month of data.
    /// </summary>
    public static DataMonth? Of(CustomerDataSet data, DateOnly? today = null)
    {
        var now = today ?? DateOnly.FromDateTime(DateTime.Today);
        int latest = Math.Min(LatestPlausible, new DateOnly(now.Year, now.Month, DateTime.DaysInMonth(now.Year, now.Month)).DayNumber);
        var ends = new Dictionary<int, int>(); // month index (year * 12 + month) → columns ending there
        int columns = 0, sentinels = 0, future = 0, lonely = 0;
        int? sentinelExample = null, futureExample = null;
        foreach (var column in data.Columns.OfType<DateColumn>())
        {
            var perMonth = new SortedDictionary<int, int>();
            int dated = 0;
            foreach (int day in column.DayNumbers)
            {
                if (day == DateColumn.Missing) continue;
                if (day > LatestPlausible || day < EarliestPlausible)
                {
                    sentinels++;
                    sentinelExample ??= day;
                    continue;
                }
                if (day > latest)
                {
                    future++;
                    futureExample ??= day;
                    continue;
                }
                var date = DateOnly.FromDayNumber(day);
                int month = date.Year * 12 + date.Month - 1;
                perMonth[month] = perMonth.GetValueOrDefault(month) + 1;
                dated++;
            }
            if (dated == 0) continue;
            int support = dated < 100 ? 1 : Math.Max(2, dated / 1000);
            int end = -1;
            foreach (var (month, count) in perMonth.Reverse())
            {
                if (count >= support)
                {
                    end = month;
                    break;
                }
                lonely += count;
            }
            if (end < 0) continue;
            columns++;
            ends[end] = ends.GetValueOrDefault(end) + 1;
        }
        if (ends.Count == 0) return null;
        var (best, votes) = ends.OrderByDescending(e => e.Value).ThenByDescending(e => e.Key).First();
        int year = best / 12, monthOfYear = best % 12 + 1;
        return new DataMonth(new DateOnly(year, monthOfYear, DateTime.DaysInMonth(year, monthOfYear)), votes, columns, sentinels, lonely)
        {
            FutureDates = future,
            SentinelExample = sentinelExample is { } s ? DateOnly.FromDayNumber(s) : null,
            FutureExample = futureExample is { } f ? DateOnly.FromDayNumber(f) : null,
        };
    }

    /// <summary>"2026-10-31: the month 12 of 14 date columns end in (3 sentinel dates such as 9999-12-31 ignored)".</summary>
    public override string ToString()
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"{MonthEnd:yyyy-MM-dd}: the month {Columns} of {OfColumns} date columns end in");
        var ignored = new List<string>();
        if (SentinelDates > 0) ignored.Add(string.Create(CultureInfo.InvariantCulture, $"{Count(SentinelDates, "sentinel date")} such as {SentinelExample:yyyy-MM-dd}"));
        if (FutureDates > 0) ignored.Add(string.Create(CultureInfo.InvariantCulture, $"{Count(FutureDates, "date")} after this month such as {FutureExample:yyyy-MM-dd}"));
        if (LoneLaterDates > 0) ignored.Add($"{Count(LoneLaterDates, "later date")} too few to be a month of data");
        return ignored.Count == 0 ? text : $"{text} ({string.Join("; ", ignored)} ignored)";
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");
}
