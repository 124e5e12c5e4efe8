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
        Assert.Equal(1, month.SentinelDates + month.LoneLaterDates); // the one date, ignored
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
