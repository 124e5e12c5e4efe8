using BankInsight.Reporting;
using BankInsight.Reporting.Charts;

namespace BankInsight.Tests.Reporting;

public sealed class BarChartTests : ChartContract
{
    private static readonly Marker[] PsiLines = { new(0.1, "0.1 关注 Watch"), new(0.25, "0.25 预警 Alert") };

    protected override Chart Draw(string label, string name = "sample-chart", string title = "样例 Sample") =>
        BarChart.Draw(name, title, "PSI", new[] { new Bar(label, 0.31), new Bar("age", 0.04), new Bar("tenure", double.NaN) }, PsiLines);

    protected override Chart DrawEmpty() => BarChart.Draw("empty", "空 Empty", "PSI", Array.Empty<Bar>());

    protected override void DrawInfinite() => BarChart.Draw("b", "t", "v", new[] { new Bar("a", double.PositiveInfinity) });

    protected override string DataParameter => "bars";

    private static IReadOnlyList<System.Xml.Linq.XElement> Bars(SvgDocument svg) =>
        svg.Group("bars").Elements(SvgDocument.Ns + "rect").ToList();

    [Fact]
    public void Bar_lengths_are_proportional_to_the_values()
    {
        var svg = new SvgDocument(BarChart.Draw("b", "t", "v", new[] { new Bar("a", 1), new Bar("b", 2), new Bar("c", 4) }));
        var widths = Bars(svg).Select(r => SvgDocument.Num(r, "width")).ToArray();
        Assert.Equal(2.0, widths[1] / widths[0], 2);
        Assert.Equal(4.0, widths[2] / widths[0], 2);
        Assert.Single(Bars(svg).Select(r => SvgDocument.Num(r, "x")).Distinct()); // all start at zero
        Assert.Equal(new[] { "1", "2", "4" }, Bars(svg).Select(r => (string?)r.Attribute("data-value")));
        Assert.Equal(new[] { "a", "b", "c" }, Bars(svg).Select(r => (string?)r.Attribute("data-label")));
    }

    [Fact]
    public void Bars_run_top_to_bottom_in_the_order_given()
    {
        var ys = Bars(new SvgDocument(Draw("x"))).Select(r => SvgDocument.Num(r, "y")).ToArray();
        Assert.Equal(BarChart.RowHeight, ys[1] - ys[0], 2);
    }

    [Fact]
    public void Negative_values_extend_left_of_zero()
    {
        var svg = new SvgDocument(BarChart.Draw("b", "t", "v", new[] { new Bar("down", -0.5), new Bar("up", 0.25) }, valueFormat: "0.00"));
        var (down, up) = (Bars(svg)[0], Bars(svg)[1]);
        double zero = SvgDocument.Num(up, "x");
        Assert.Equal(zero, SvgDocument.Num(down, "x") + SvgDocument.Num(down, "width"), 2);
        Assert.Equal(2.0, SvgDocument.Num(down, "width") / SvgDocument.Num(up, "width"), 2);
        Assert.NotEqual((string?)down.Attribute("fill"), (string?)up.Attribute("fill"));
        Assert.Contains("-0.50", svg.Texts);
        Assert.Contains("0.25", svg.Texts);
        // The value of a negative bar ends left of the bar's end.
        var text = svg.Text("-0.50");
        Assert.Equal("end", (string?)text.Attribute("text-anchor"));
        Assert.True(SvgDocument.Num(text, "x") < SvgDocument.Num(down, "x"));
    }

    [Fact]
    public void Values_are_printed_at_the_bar_end_in_the_given_format()
    {
        var svg = new SvgDocument(BarChart.Draw("b", "t", "v", new[] { new Bar("a", 1234.5) }, valueFormat: "#,0"));
        var bar = Bars(svg)[0];
        var text = svg.Text("1,235");
        Assert.Equal(SvgDocument.Num(bar, "x") + SvgDocument.Num(bar, "width") + 4, SvgDocument.Num(text, "x"), 1);
    }

    [Fact]
    public void Reference_lines_stand_at_their_values()
    {
        var svg = new SvgDocument(Draw("x"));
        var lines = svg.Group("markers").Elements(SvgDocument.Ns + "line").ToList();
        Assert.Equal(new[] { "0.1", "0.25" }, lines.Select(l => (string?)l.Attribute("data-x")));
        double zero = SvgDocument.Num(Bars(svg)[0], "x");
        Assert.Equal(2.5, (SvgDocument.Num(lines[1], "x1") - zero) / (SvgDocument.Num(lines[0], "x1") - zero), 2);
        double psi031 = SvgDocument.Num(Bars(svg)[0], "width");
        Assert.Equal(0.31 / 0.25, psi031 / (SvgDocument.Num(lines[1], "x1") - zero), 2);
        Assert.Contains("0.25 预警 Alert", svg.Texts);
    }

    [Fact]
    public void A_missing_value_draws_no_bar_and_a_dash()
    {
        var svg = new SvgDocument(Draw("x"));
        Assert.Equal(2, Bars(svg).Count);
        Assert.Contains(ChartStyle.MissingText, svg.Group("bars").Elements(SvgDocument.Ns + "text").Select(t => t.Value));
        Assert.Contains("tenure", svg.Texts);
    }

    [Fact]
    public void Long_labels_are_shortened_with_an_ellipsis_and_keep_their_full_text()
    {
        const string label = "近三个月理财产品持有数量变化（含到期自动续期产品）以及其他很长的说明文字";
        var svg = new SvgDocument(BarChart.Draw("b", "t", "v", new[] { new Bar(label, 1), new Bar("age", 2) }));
        string shown = svg.Texts.Single(t => t.EndsWith(TextWidth.Ellipsis, StringComparison.Ordinal));
        Assert.StartsWith("近三个月", shown);
        Assert.True(TextWidth.Estimate(shown, 12) <= 720 * 0.4 + 0.001);
        Assert.Contains(svg.All("title"), t => t.Value == label);
        Assert.Contains("age", svg.Texts);
    }

    [Fact]
    public void The_height_grows_with_the_bars()
    {
        var few = BarChart.Draw("b", "t", "v", new[] { new Bar("a", 1) });
        var many = BarChart.Draw("b", "t", "v", Enumerable.Range(0, 11).Select(i => new Bar($"f{i}", i)).ToList());
        Assert.Equal(10 * BarChart.RowHeight, many.Height - few.Height);
    }

    [Theory]
    [InlineData("G")]
    [InlineData("E2")]
    public void A_format_that_can_write_an_exponent_is_refused(string format)
    {
        var e = Assert.Throws<ArgumentException>(() => BarChart.Draw("b", "t", "v", new[] { new Bar("a", 1) }, valueFormat: format));
        Assert.Equal("valueFormat", e.ParamName);
    }

    [Fact]
    public void A_percent_format_labels_the_axis_in_percent()
    {
        var svg = new SvgDocument(BarChart.Draw("b", "t", "v", new[] { new Bar("a", 0.42) }, valueFormat: "0.0%"));
        Assert.Contains("42.0%", svg.Texts);
        Assert.Contains("20%", svg.Group("x-axis").Elements(SvgDocument.Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void A_null_label_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => BarChart.Draw("b", "t", "v", new[] { new Bar(null!, 1) }));
        Assert.Equal("bars", e.ParamName);
    }

    [Fact]
    public void Values_are_drawn_over_the_reference_lines_with_a_halo_so_no_line_strikes_through_a_number()
    {
        var chart = BarChart.Draw("psi", "PSI", "PSI", [new Bar("甲", 0.123), new Bar("乙", 0.267), new Bar("丙", 0.051)],
            referenceLines: [new Marker(0.1, "0.1"), new Marker(0.25, "0.25")]);
        var doc = new SvgDocument(chart);
        var elements = doc.Root.Descendants().ToList();
        int markers = elements.IndexOf(doc.Group("markers"));
        var values = doc.All("text").Where(t => t.Value is "0.123" or "0.267" or "0.051").ToList();
        Assert.Equal(3, values.Count);
        Assert.All(values, v =>
        {
            Assert.True(elements.IndexOf(v) > markers, "drawn after the reference lines");
            Assert.Equal("#fff", (string?)v.Attribute("stroke"));
            Assert.Equal("stroke", (string?)v.Attribute("paint-order"));
        });
    }
}

