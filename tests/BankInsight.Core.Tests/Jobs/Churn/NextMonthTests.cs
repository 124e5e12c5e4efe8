using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Churn;
using BankInsight.Metrics;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs.Churn;

/// <summary>
/// Next-month labels and their join: month t's customers labelled from month t+1's figures, the
/// absent counted as churned (or not), new and re-formatted ids reported, months in order.
/// Built from one generated month copied with edits, so every expected label is known.
/// </summary>
public class NextMonthTests
{
    private static readonly BankSchema Schema = BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn);
    private static int Field(string column) => Schema.Get(column).Position;

    private static string[] Month(int rows, DateOnly asOf, int seed = 5)
    {
        using var temp = new TempFolder();
        string path = temp.File("m.del");
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest(BuiltInSchemas.CorporateChurn, rows) { Seed = seed, AsOf = asOf }, path, NullSink.Instance);
        return File.ReadAllLines(path);
    }

    private static CustomerDataSet Load(IEnumerable<string> lines, string name) =>
        TestFiles.LoadText(string.Join('\n', lines) + "\n", Schema, new CollectingSink(), name: name);

    private static string Set(string line, string column, string value)
    {
        var fields = line.Split(',');
        fields[Field(column)] = value;
        return string.Join(',', fields);
    }

    private static string Id(string line) => line.Split(',')[0].Trim('"');

    [Fact]
    public void Labels_come_from_the_next_months_figures_and_the_absent_count_as_churned()
    {
        var t = Month(300, new DateOnly(2026, 9, 30));
        var next = Month(300, new DateOnly(2026, 10, 31)).ToList();
        // Rows 0-9 are gone next month; rows 10-19 halve their assets next month; rows 20-29 keep them.
        for (int i = 10; i < 30; i++)
            next[i] = Set(Set(next[i], ChurnColumns.ThreeMonthAssets, "1000"), ChurnColumns.CurrentAssets, i < 20 ? "300" : "1100");
        next.RemoveRange(0, 10);
        next.Add(Set(next[0], ChurnColumns.Id, "\"219999999999999\"")); // a new customer there
        var month = Load(t, "m-09.del");
        var following = Load(next, "m-10.del");
        var sink = new CollectingSink();
        var set = NextMonthLabels.Make(month, following, 0.5, absentIsChurn: true, sink);

        // Customers already over the line this month have gone, not are about to: no label.
        var now = ChurnLabels.Make(month, 0.5, NullSink.Instance).Labels;
        var own = ChurnLabels.Make(following, 0.5, NullSink.Instance).Labels;
        bool?[] expected = new bool?[300];
        for (int i = 0; i < 300; i++)
            expected[i] = now[i] == true ? null : i < 20 ? true : i < 30 ? false : own[i - 10];
        Assert.Equal(expected, set.Labels);
        int already = now.Count(l => l == true);
        Assert.True(already > 0);
        Assert.Equal((10, 1, 0, already), (set.Join.OnlyHere, set.Join.OnlyThere, set.Join.ChangedForm, set.AlreadyChurned));
        Assert.Equal(Enumerable.Range(0, 10).Count(i => now[i] != true), set.Absent);
        Assert.Contains(sink.VerboseMessages, v => v.Contains($"290 of 300 customers found in m-10.del; {set.Absent} absent (counted churned); 1 new there; {already} already churned this month (left out)"));

        var kept = NextMonthLabels.Make(month, following, 0.5, absentIsChurn: false, NullSink.Instance);
        for (int i = 0; i < 10; i++) Assert.Null(kept.Labels[i]);
        Assert.Equal(set.Unlabelled + set.Absent, kept.Unlabelled);
    }

    [Fact]
    public void Ids_whose_form_changed_are_joined_with_a_warning_naming_one()
    {
        var t = Month(100, new DateOnly(2026, 9, 30));
        var next = Month(100, new DateOnly(2026, 10, 31));
        for (int i = 0; i < 3; i++) next[i] = Set(next[i], ChurnColumns.Id, $"\"{Id(next[i])}.0\"");
        var sink = new CollectingSink();
        var set = NextMonthLabels.Make(Load(t, "a.del"), Load(next, "b.del"), 0.5, true, sink);
        Assert.Equal((0, 0, 3), (set.Join.OnlyHere, set.Join.OnlyThere, set.Join.ChangedForm));
        Assert.Equal(Id(t[0]), set.Join.ChangedExample);
        Assert.Contains(sink.Warnings, w => w.StartsWith("3 customer id(s) of a.del match b.del only after reading '…19.0' as '…19'"));
    }

    [Fact]
    public void Files_that_do_not_belong_together_are_refused()
    {
        var t = Load(Month(100, new DateOnly(2026, 9, 30)), "a.del");
        var other = Load(Month(100, new DateOnly(2026, 10, 31), seed: 77), "b.del"); // another bank's month: other ids
        var e = Assert.Throws<BankInsightException>(() => NextMonthLabels.Make(t, other, 0.5, true, NullSink.Instance));
        Assert.Equal(ErrorIds.TrainingDataInvalid, e.ErrorId);
        Assert.Contains("are not in b.del: are the two files consecutive months", e.Message);
    }

    [Fact]
    public void Months_out_of_order_are_refused_naming_the_months()
    {
        // Enough customers that each file's dates show its month (a few dozen may end earlier).
        var september = Load(Month(1500, new DateOnly(2026, 9, 30)), "m-09.del");
        var october = Load(Month(1500, new DateOnly(2026, 10, 31)), "m-10.del");
        var august = Load(Month(1500, new DateOnly(2026, 8, 31)), "m-08.del");
        var e = Assert.Throws<BankInsightException>(() => ChurnMonths.Check(october, new DateOnly(2026, 10, 31), september, [], NullSink.Instance));
        Assert.Equal("The next month's file m-09.del describes 2026-09, not a month after m-10.del (2026-10): were the files given in the wrong order?", e.Message);

        var history = Assert.Throws<BankInsightException>(() => ChurnMonths.Check(october, new DateOnly(2026, 10, 31), null, [august, september], NullSink.Instance));
        Assert.StartsWith("Earlier month 1 (m-08.del) describes 2026-08; it should be 2026-09, the month before m-10.del.", history.Message);
        ChurnMonths.Check(october, new DateOnly(2026, 10, 31), null, [september, august], NullSink.Instance); // newest first: fine

        var sink = new CollectingSink();
        ChurnMonths.Check(august, new DateOnly(2026, 8, 31), october, [], sink);
        Assert.Contains(sink.Warnings, w => w.Contains("2 months after m-08.del (2026-08): the labels mean churn within 2 months"));
    }

    [Fact]
    public void Trend_features_are_this_months_ratio_and_the_change_from_earlier_months()
    {
        var earlier = Month(50, new DateOnly(2026, 9, 30)).ToList();
        var now = Month(50, new DateOnly(2026, 10, 31));
        earlier[0] = Set(earlier[0], ChurnColumns.CurrentAssets, "1000");
        now[0] = Set(Set(now[0], ChurnColumns.CurrentAssets, "400"), ChurnColumns.ThreeMonthAssets, "800");
        earlier.RemoveAt(1); // customer 1 is new this month
        var values = ChurnTrends.Compute(Load(now, "now.del"), [Load(earlier, "before.del")], NullSink.Instance);
        Assert.Equal(0.5, values[ChurnTrends.AssetRatio][0]);
        Assert.Equal(-600, values[$"{ChurnColumns.CurrentAssets}:change_1m"][0]);
        Assert.Equal(0.4, values[$"{ChurnColumns.CurrentAssets}:ratio_1m"][0]);
        Assert.True(double.IsNaN(values[$"{ChurnColumns.CurrentAssets}:change_1m"][1])); // unknown, not "no change"
        Assert.Equal(3 + 2 * ChurnTrends.Tracked.Count, values.Count);
        // The sums: every transaction count of the row, and every signing date it has.
        var row = Load(now, "now.del");
        double transactions = row.Columns.OfType<Data.Columns.NumericColumn>().Where(c => c.Name.EndsWith("笔数") || c.Name.EndsWith("次数")).Sum(c => double.IsNaN(c[2]) ? 0 : c[2]);
        Assert.Equal(transactions, values[ChurnTrends.Transactions][2]);
        Assert.Equal(row.Columns.OfType<Data.Columns.DateColumn>().Count(c => c[2] is not null), values[ChurnTrends.Services][2]);
        Assert.Equal(values.Keys.Order(), ChurnTrends.Specs(1).Select(s => s.Name).Order());
    }

    [Fact]
    public void Lift_is_the_churn_rate_at_the_top_over_the_rate_overall()
    {
        // 20 rows, 4 churners; the top 10% (2 rows) holds 1 churner: 0.5 / 0.2 = 2.5.
        double[] scores = [.. Enumerable.Range(0, 20).Select(i => 1 - i / 20.0)];
        bool[] labels = new bool[20];
        labels[0] = labels[5] = labels[9] = labels[15] = true;
        Assert.Equal(2.5, Lift.AtTop(scores, labels, 0.10), 12); // rows 0 and 1: one churner, 0.5 against 0.2
        Assert.Equal(5.0, Lift.AtTop(scores, labels, 0.05), 12); // row 0 alone: a churner
        Assert.True(double.IsNaN(Lift.AtTop(scores, new bool[20], 0.10)));
    }

    [Fact]
    public void Calibration_by_deciles_cuts_the_ranked_rows_into_equal_bands()
    {
        // 20 rows, predictions 0.01 … 0.20; the churners are the 4 highest: the top two bands are all churn.
        double[] p = [.. Enumerable.Range(1, 20).Select(i => i / 100.0)];
        bool[] y = [.. Enumerable.Range(1, 20).Select(i => i > 16)];
        var table = Calibration.Quantiles(p, y);
        Assert.Equal(10, table.Count);
        Assert.All(table, b => Assert.Equal(2, b.Count));
        Assert.Equal((0.01, 0.02, 0.015, 0.0), (table[0].Lower, table[0].Upper, table[0].MeanPredicted, table[0].ObservedRate));
        Assert.Equal((0.19, 0.20, 1.0), (table[9].Lower, table[9].Upper, table[9].ObservedRate));
        Assert.Equal((0.0, 1.0), (table[7].ObservedRate, table[8].ObservedRate)); // 0.15-0.16 none; 0.17-0.18 all
    }
}
