using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Features;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.Serialization;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Features;

/// <summary>The data month read from a file's dates: no single date decides it.</summary>
public class DataMonthTests
{
    private static readonly DateOnly AsOf = new(2026, 10, 31);

    // Field 23 (工资代发签约日期) is a date column of CorporateChurn.
    private static string WithDate(string line, string date)
    {
        var fields = line.Split(',');
        fields[22] = date;
        return string.Join(',', fields);
    }

    private static (Data.CustomerDataSet Clean, Data.CustomerDataSet Dirty) Files(TempFolder temp, int rows, params (int Row, string Date)[] edits)
    {
        string clean = temp.File("clean.del"), dirty = temp.File("dirty.del");
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest(BuiltInSchemas.CorporateChurn, rows) { Seed = 11, AsOf = AsOf }, clean, NullSink.Instance);
        var lines = File.ReadAllLines(clean);
        foreach (var (row, date) in edits) lines[row] = WithDate(lines[row], date);
        File.WriteAllLines(dirty, lines);
        var options = new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn));
        return (CustomerDataLoader.Load(clean, options, NullSink.Instance), CustomerDataLoader.Load(dirty, options, NullSink.Instance));
    }

    [Theory]
    [InlineData("99991231")]   // "no end date"
    [InlineData("19000101")]   // "unknown"
    [InlineData("20301231")]   // a typo, years ahead
    public void One_sentinel_or_stray_date_does_not_move_the_month_nor_the_warning_list(string date)
    {
        using var temp = new TempFolder();
        var (clean, dirty) = Files(temp, 20_000, (137, date));
        var month = DataMonth.Of(dirty)!;
        Assert.Equal(AsOf, month.MonthEnd);
        Assert.Equal(DataMonth.Of(clean)!.MonthEnd, month.MonthEnd);
        Assert.Equal(1, month.SentinelDates + month.FutureDates + month.LoneLaterDates); // the one date, ignored
        Assert.Contains("2026-10-31: the month", month.ToString());

        var model = TrainedModel.Load(ShippedModels.Locate(ShippedModels.Churn), ChurnJob.Purpose);
        string[] Flagged(Data.CustomerDataSet data) => ChurnJob.Predict(new ChurnPredictionRequest(data, model) { Drivers = 0 }, NullSink.Instance)
            .Where(p => p.CustomerId != data.Ids![137]).Select(p => p.CustomerId).ToArray();
        Assert.Equal(Flagged(clean), Flagged(dirty));
    }

    [Fact]
    public void Many_no_end_dates_are_still_sentinels_and_say_so()
    {
        using var temp = new TempFolder();
        var (_, dirty) = Files(temp, 3_000, Enumerable.Range(0, 500).Select(r => (r * 5, "99991231")).ToArray());
        var month = DataMonth.Of(dirty)!;
        Assert.Equal(AsOf, month.MonthEnd);
        Assert.Equal(500, month.SentinelDates);
        Assert.Contains("500 sentinel dates such as 9999-12-31 ignored", month.ToString());
    }

    [Theory]
    [InlineData("20991231", 2)]  // "no end date" written as 2099
    [InlineData("20621031", 40)] // 2026 mistyped as 2062 on 2% of rows
    public void Dates_after_the_month_the_job_runs_in_never_set_it(string date, int rows)
    {
        using var temp = new TempFolder();
        var (clean, dirty) = Files(temp, 2_000, Enumerable.Range(0, rows).Select(r => (r * 37 + 5, date)).ToArray());
        var month = DataMonth.Of(dirty, today: new DateOnly(2026, 11, 29))!;
        Assert.Equal(AsOf, month.MonthEnd);
        Assert.Equal(rows, month.FutureDates);
        var expected = DateOnly.ParseExact(date, "yyyyMMdd");
        Assert.Equal(expected, month.FutureExample);
        Assert.Contains($"{rows:N0} dates after this month such as {expected:yyyy-MM-dd}", month.ToString());

        // The warning list is the clean file's, but for the edited rows; and a warning says why.
        var model = TrainedModel.Load(ShippedModels.Locate(ShippedModels.Churn), ChurnJob.Purpose);
        var edited = Enumerable.Range(0, rows).Select(r => dirty.Ids![r * 37 + 5]).ToHashSet();
        var sink = new CollectingSink();
        string[] Flagged(Data.CustomerDataSet data, IOperationSink s) => ChurnJob.Predict(new ChurnPredictionRequest(data, model) { Drivers = 0 }, s)
            .Where(p => !edited.Contains(p.CustomerId)).Select(p => p.CustomerId).ToArray();
        Assert.Equal(Flagged(clean, NullSink.Instance), Flagged(dirty, sink));
        Assert.Contains(sink.Warnings, w => w.StartsWith($"{rows:N0} date(s) of ") && w.Contains($"(e.g. {expected:yyyy-MM-dd})") && w.Contains("which is 2026-10"));
    }

    [Fact]
    public void A_sentinel_is_shown_as_the_file_had_it()
    {
        using var temp = new TempFolder();
        var (_, dirty) = Files(temp, 500, (10, "19000101"));
        Assert.Contains("(1 sentinel date such as 1900-01-01;", DataMonth.Of(dirty)!.ToString());
    }

    [Fact]
    public void A_small_file_takes_its_latest_month()
    {
        using var temp = new TempFolder();
        var (clean, _) = Files(temp, 40);
        var latest = clean.Columns.OfType<Data.Columns.DateColumn>().SelectMany(c => c.DayNumbers.ToArray()).Where(d => d != Data.Columns.DateColumn.Missing).Max();
        var d = DateOnly.FromDayNumber(latest);
        Assert.Equal(new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month)), DataMonth.Of(clean)!.MonthEnd);
    }
}
