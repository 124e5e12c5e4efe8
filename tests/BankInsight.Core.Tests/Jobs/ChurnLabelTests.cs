using BankInsight.Common;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Churn;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs;

public class ChurnLabelTests
{
    // A tiny churn-like schema: id, name, the two asset columns.
    private static readonly BankSchema Schema = SchemaJson.Parse("""
        { "name": "MiniChurn", "key": "客户编号", "columns": [
          { "name": "客户编号", "type": "text" }, { "name": "客户名称", "type": "text" },
          { "name": "金融资产月日均", "type": "number" }, { "name": "近三个月金融资产月日均", "type": "number" } ] }
        """, "MiniChurn");

    private static (bool?[] Labels, ChurnLabelSet Set, CollectingSink Sink) Label(string rows, double threshold = 0.5)
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(rows, Schema, sink, name: "m.del");
        var set = ChurnLabels.Make(data, threshold, sink);
        return (set.Labels, set, sink);
    }

    [Fact]
    public void Assets_more_than_halved_is_churn_and_exactly_half_is_not()
    {
        // ratios: 0.4999, 0.5, 0.8, 1.2, 0 (everything gone)
        var (labels, _, sink) = Label("\"a\",\"A\",49.99,100\n\"b\",\"B\",50,100\n\"c\",\"C\",80,100\n\"d\",\"D\",120,100\n\"e\",\"E\",0,100\n");
        Assert.Equal(new bool?[] { true, false, false, false, true }, labels);
        Assert.Empty(sink.Warnings);
    }

    [Fact]
    public void The_decline_threshold_moves_the_boundary()
    {
        // Threshold 0.3: churn when current / average < 0.7.
        var (labels, _, _) = Label("\"a\",\"A\",69,100\n\"b\",\"B\",70,100\n\"c\",\"C\",71,100\n", threshold: 0.3);
        Assert.Equal(new bool?[] { true, false, false }, labels);
    }

    [Fact]
    public void Zero_negative_or_missing_figures_give_no_label_and_a_warning()
    {
        var (labels, set, sink) = Label("\"a\",\"A\",10,0\n\"b\",\"B\",10,-5\n\"c\",\"C\",,100\n\"d\",\"D\",10,\n\"e\",\"E\",60,100\n");
        Assert.Equal(new bool?[] { null, null, null, null, false }, labels);
        Assert.Equal((2, 2, 4), (set.ZeroAverage, set.MissingValues, set.Unlabelled));
        Assert.Contains(sink.Warnings, w => w == "4 row(s) of m.del have no churn label (2 with a zero three-month average, 2 with an empty asset figure); they are left out of training and evaluation.");
    }

    [Fact]
    public void An_always_empty_average_column_labels_nothing()
    {
        var (labels, set, _) = Label("\"a\",\"A\",10,\n\"b\",\"B\",20,\n");
        Assert.All(labels, l => Assert.Null(l));
        Assert.Equal(2, set.MissingValues);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    public void Thresholds_outside_zero_to_one_are_refused(double threshold)
    {
        var e = Assert.Throws<BankInsightException>(() => Label("\"a\",\"A\",1,2\n", threshold));
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
        Assert.Contains("DeclineThreshold must be between 0 and 1", e.Message);
    }

    [Fact]
    public void A_file_without_the_asset_columns_is_refused()
    {
        var data = TestFiles.LoadText("\"c1\",\"n\",1,1,1,\"1\",\"a\",20240101\n", TestSchemas.Small, new CollectingSink());
        var e = Assert.Throws<BankInsightException>(() => ChurnLabels.Make(data, 0.5, NullSink.Instance));
        Assert.Contains("no numeric column '金融资产月日均'", e.Message);
    }
}

public class ProspectLabelTests
{
    private static readonly BankInsight.Jobs.Prospects.ProspectDefinition Default = new();

    [Theory]
    [InlineData(4, 0, true)]          // count above 3
    [InlineData(3, 3_000_000, false)] // both exactly at the bar: not above
    [InlineData(0, 3_000_001, true)]  // amount above 3,000,000
    [InlineData(double.NaN, 3_000_001, true)]
    [InlineData(5, double.NaN, true)]
    [InlineData(double.NaN, 100, null)]
    [InlineData(2, double.NaN, null)]
    [InlineData(double.NaN, double.NaN, null)]
    public void Count_or_amount_above_its_bar(double count, double amount, bool? expected)
    {
        Assert.Equal(expected, BankInsight.Jobs.Prospects.ProspectLabels.Label(count, amount, Default));
    }

    [Fact]
    public void Both_bars_are_adjustable()
    {
        var strict = new BankInsight.Jobs.Prospects.ProspectDefinition(10, 5_000_000);
        Assert.False(BankInsight.Jobs.Prospects.ProspectLabels.Label(9, 4_000_000, strict));
        Assert.True(BankInsight.Jobs.Prospects.ProspectLabels.Label(11, 0, strict));
    }

    [Fact]
    public void Negative_bars_are_refused()
    {
        var e = Assert.Throws<BankInsightException>(() => new BankInsight.Jobs.Prospects.ProspectDefinition(-1, 0).Validate());
        Assert.Contains("MinMonthlyCount must be 0 or more", e.Message);
    }
}
