using BankInsight.Reporting;
using BankInsight.Reporting.Charts;

namespace BankInsight.Tests.Reporting;

public sealed class HistogramTests : ChartContract
{
    private static readonly double[] Scores = { 0.05, 0.15, 0.15, 0.3, 0.95, 1.0, double.NaN, 0.42, double.NaN };

    protected override Chart Draw(string label, string name = "sample-chart", string title = "样例 Sample") =>
        Histogram.Draw(name, title, label, "客户数 Customers", Scores, bins: 10, min: 0, max: 1,
            markers: new[] { new Marker(0.35, "阈值 Threshold") });

    protected override Chart DrawEmpty() => Histogram.Draw("empty", "空 Empty", "x", "y", Array.Empty<double>());

    protected override void DrawInfinite() => Histogram.Draw("h", "t", "x", "y", new[] { 0.1, double.PositiveInfinity });

    protected override string DataParameter => "values";

    private static int[] Counts(SvgDocument svg) => svg.Rects("bins").Select(r => (int)SvgDocument.Num(r, "data-count")).ToArray();

    [Fact]
    public void Bin_counts_equal_the_data()
    {
        var svg = new SvgDocument(Draw("x"));
        // [0,0.1): 0.05 | [0.1,0.2): 0.15 ×2 | [0.3,0.4): 0.3 (on an edge: the upper bin) | [0.4,0.5): 0.42 | [0.9,1]: 0.95 and 1.0 (max joins the last bin)
        Assert.Equal(new[] { 1, 2, 0, 1, 1, 0, 0, 0, 0, 2 }, Counts(svg));
        var bins = svg.Rects("bins");
        Assert.Equal("0.3", (string?)bins[3].Attribute("data-from"));
        Assert.Equal("0.4", (string?)bins[3].Attribute("data-to"));
        Assert.Equal("1", (string?)bins[9].Attribute("data-to"));
    }

    [Fact]
    public void Bar_heights_are_proportional_to_counts()
    {
        var bins = new SvgDocument(Draw("x")).Rects("bins");
        Assert.Equal(2.0, SvgDocument.Num(bins[1], "height") / SvgDocument.Num(bins[0], "height"), 2);
        Assert.Equal(0, SvgDocument.Num(bins[2], "height"));
        Assert.Equal(SvgDocument.Num(bins[0], "y") + SvgDocument.Num(bins[0], "height"), SvgDocument.Num(bins[1], "y") + SvgDocument.Num(bins[1], "height"), 2);
    }

    [Fact]
    public void Missing_values_are_skipped_and_counted_in_a_note()
    {
        var svg = new SvgDocument(Draw("x"));
        Assert.Equal(7, Counts(svg).Sum());
        Assert.Contains(svg.Texts, t => t.Contains("2 without a value", StringComparison.Ordinal) && t.Contains("n = 7", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_outside_the_given_range_are_left_out_and_counted()
    {
        var svg = new SvgDocument(Histogram.Draw("h", "t", "x", "y", new[] { -0.5, 0.2, 0.6, 1.5, 2.0 }, bins: 2, min: 0, max: 1));
        Assert.Equal(new[] { 1, 1 }, Counts(svg));
        Assert.Contains(svg.Texts, t => t.Contains("3 outside [0, 1]", StringComparison.Ordinal));
        Assert.DoesNotContain(svg.Texts, t => t.Contains("without a value", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_missing_or_outside_values_there_is_no_note()
    {
        var svg = new SvgDocument(Histogram.Draw("h", "t", "x", "y", new[] { 0.2, 0.6 }));
        Assert.DoesNotContain(svg.Texts, t => t.StartsWith("n = ", StringComparison.Ordinal));
    }

    [Fact]
    public void By_default_the_bins_span_the_data()
    {
        var bins = new SvgDocument(Histogram.Draw("h", "t", "x", "y", new[] { 2.0, 3.0, 3.5, 6.0 }, bins: 4)).Rects("bins");
        Assert.Equal("2", (string?)bins[0].Attribute("data-from"));
        Assert.Equal("6", (string?)bins[3].Attribute("data-to"));
        Assert.Equal(new[] { 1, 2, 0, 1 }, bins.Select(b => (int)SvgDocument.Num(b, "data-count")));
    }

    [Fact]
    public void A_single_distinct_value_still_gets_a_bin()
    {
        var svg = new SvgDocument(Histogram.Draw("h", "t", "x", "y", new[] { 5.0, 5.0, 5.0 }, bins: 5));
        Assert.Equal(3, Counts(svg).Sum());
    }

    [Fact]
    public void The_marker_line_stands_at_its_value_on_the_axis()
    {
        var svg = new SvgDocument(Draw("x"));
        var line = svg.Group("markers").Elements(SvgDocument.Ns + "line").Single();
        Assert.Equal("0.35", (string?)line.Attribute("data-x"));
        Assert.Equal("5 4", (string?)line.Attribute("stroke-dasharray"));
        // The axis ticks "0.0" and "1.0" are written centred on their positions.
        var axis = svg.Group("x-axis").Elements(SvgDocument.Ns + "text").ToList();
        double zero = SvgDocument.Num(axis.Single(t => t.Value == "0.0"), "x"), one = SvgDocument.Num(axis.Single(t => t.Value == "1.0"), "x");
        Assert.Equal(zero + 0.35 * (one - zero), SvgDocument.Num(line, "x1"), 1);
        Assert.Equal(SvgDocument.Num(line, "x1"), SvgDocument.Num(line, "x2"));
        Assert.Contains("阈值 Threshold", svg.Group("markers").Elements(SvgDocument.Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void A_marker_beyond_the_data_widens_the_axis()
    {
        var svg = new SvgDocument(Histogram.Draw("h", "t", "x", "y", new[] { 0.1, 0.2 }, markers: new[] { new Marker(0.9, "") }));
        Assert.Contains("0.9", svg.Group("x-axis").Elements(SvgDocument.Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void All_missing_draws_no_data_with_the_count()
    {
        var svg = new SvgDocument(Histogram.Draw("h", "t", "x", "y", new[] { double.NaN, double.NaN, double.NaN }));
        Assert.Contains(ChartStyle.NoDataText, svg.Texts);
        Assert.Contains(svg.Texts, t => t.Contains("3 without a value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Histogram.MaxBins + 1)]
    public void A_bin_count_out_of_range_is_refused(int bins)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Histogram.Draw("h", "t", "x", "y", Scores, bins));
        Assert.Equal("bins", e.ParamName);
    }

    [Fact]
    public void Min_not_below_max_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Histogram.Draw("h", "t", "x", "y", Scores, min: 1, max: 1));
        Assert.Equal("max", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Histogram.Draw("h", "t", "x", "y", Scores, min: double.NaN));
        Assert.Equal("min", e.ParamName);
    }

    [Fact]
    public void An_infinite_marker_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Histogram.Draw("h", "t", "x", "y", Scores, markers: new[] { new Marker(double.NegativeInfinity, "m") }));
        Assert.Equal("markers", e.ParamName);
    }
}
