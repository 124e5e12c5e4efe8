using System.Globalization;
using BankInsight.Reporting;
using BankInsight.Reporting.Charts;

namespace BankInsight.Tests.Reporting;

public sealed class LineChartTests : ChartContract
{
    private static readonly Series Roc = new("模型 Model", new[] { 0.0, 0.1, 0.5, 1.0 }, new[] { 0.0, 0.6, 0.8, 1.0 });

    protected override Chart Draw(string label, string name = "sample-chart", string title = "样例 Sample") =>
        LineChart.Draw(name, title, "假阳性率 FPR", "真阳性率 TPR",
            new[] { Roc, new Series(label, new[] { 0.0, 0.5, 1.0 }, new[] { 0.0, 0.7, 1.0 }) }, diagonal: true, 0, 1, 0, 1);

    protected override Chart DrawEmpty() => LineChart.Draw("empty", "空 Empty", "x", "y", Array.Empty<Series>());

    protected override void DrawInfinite() =>
        LineChart.Draw("l", "t", "x", "y", new[] { new Series("s", new[] { 0.0, 1.0 }, new[] { 0.0, double.NegativeInfinity }) });

    protected override string DataParameter => "series";

    private static List<(double X, double Y)> Points(SvgDocument svg, int index = 0) =>
        ((string)svg.All("polyline").ElementAt(index).Attribute("points")!).Split(' ')
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();

    [Fact]
    public void Points_are_placed_in_proportion_to_their_values()
    {
        var svg = new SvgDocument(LineChart.Draw("roc", "ROC", "x", "y", new[] { Roc }, xMin: 0, xMax: 1, yMin: 0, yMax: 1));
        var points = Points(svg);
        Assert.Equal(4, points.Count);
        var (origin, corner) = (points[0], points[3]);
        Assert.True(corner.X > origin.X && corner.Y < origin.Y, "(1, 1) is right of and above (0, 0)");
        Assert.Equal(0.1, (points[1].X - origin.X) / (corner.X - origin.X), 3);
        Assert.Equal(0.6, (points[1].Y - origin.Y) / (corner.Y - origin.Y), 3);
        Assert.Equal(0.5, (points[2].X - origin.X) / (corner.X - origin.X), 3);
        Assert.Equal(0.8, (points[2].Y - origin.Y) / (corner.Y - origin.Y), 3);
        Assert.Equal("模型 Model", (string?)svg.All("g").Single(g => g.Attribute("data-series") is not null).Attribute("data-series"));
    }

    [Fact]
    public void The_diagonal_runs_from_corner_to_corner()
    {
        var svg = new SvgDocument(LineChart.Draw("roc", "ROC", "x", "y", new[] { Roc }, diagonal: true, 0, 1, 0, 1));
        var points = Points(svg);
        var diagonal = svg.All("line").Single(l => (string?)l.Attribute("data-role") == "diagonal");
        Assert.Equal(points[0].X, SvgDocument.Num(diagonal, "x1"));
        Assert.Equal(points[0].Y, SvgDocument.Num(diagonal, "y1"));
        Assert.Equal(points[3].X, SvgDocument.Num(diagonal, "x2"));
        Assert.Equal(points[3].Y, SvgDocument.Num(diagonal, "y2"));
        Assert.Contains(LineChart.DiagonalLabel, svg.Group("legend").Descendants(SvgDocument.Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void A_legend_appears_with_several_series_only()
    {
        var one = new SvgDocument(LineChart.Draw("l", "t", "x", "y", new[] { Roc }));
        Assert.DoesNotContain(one.All("g"), g => (string?)g.Attribute("data-role") == "legend");
        var two = new SvgDocument(Draw("上月 Last month"));
        var legend = two.Group("legend").Descendants(SvgDocument.Ns + "text").Select(t => t.Value).ToList();
        Assert.Equal(new[] { "模型 Model", "上月 Last month", LineChart.DiagonalLabel }, legend);
        var colours = two.All("polyline").Select(p => (string?)p.Attribute("stroke")).ToList();
        Assert.Equal(new[] { ChartStyle.Palette[0], ChartStyle.Palette[1] }, colours);
    }

    [Fact]
    public void Parts_beyond_a_given_axis_end_are_clipped()
    {
        var svg = new SvgDocument(LineChart.Draw("l", "t", "x", "y", new[] { Roc }, yMin: 0, yMax: 0.7));
        var axis = svg.Group("y-axis").Elements(SvgDocument.Ns + "line").Where(l => l.Attribute("y1")!.Value == l.Attribute("y2")!.Value).ToList();
        double top = axis.Min(l => SvgDocument.Num(l, "y1"));
        var points = svg.All("polyline").SelectMany(p => ((string)p.Attribute("points")!).Split(' ')).Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.All(points, y => Assert.True(y >= top - 0.01, $"{y} is above the plot top {top}"));
        Assert.Contains(points, y => Math.Abs(y - top) < 0.01); // the line leaves through the top edge
        Assert.Contains("0.7", svg.Group("y-axis").Elements(SvgDocument.Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void Points_on_the_same_pixel_are_written_once()
    {
        var x = Enumerable.Range(0, 100_000).Select(i => i / 100_000.0).ToArray();
        var svg = new SvgDocument(LineChart.Draw("l", "t", "x", "y", new[] { new Series("s", x, x) }));
        var points = Points(svg);
        Assert.InRange(points.Count, 2, 2000);
        Assert.Empty(svg.All("circle")); // too many points for dots
    }

    [Fact]
    public void Few_points_get_dots()
    {
        var svg = new SvgDocument(LineChart.Draw("l", "t", "x", "y", new[] { Roc }));
        Assert.Equal(4, svg.All("circle").Count());
    }

    [Fact]
    public void X_and_y_of_different_lengths_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => LineChart.Draw("l", "t", "x", "y", new[] { new Series("s", new[] { 0.0, 1.0 }, new[] { 0.0 }) }));
        Assert.Equal("series", e.ParamName);
        Assert.Contains("2 X values but 1 Y values", e.Message);
    }

    [Fact]
    public void NaN_coordinates_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => LineChart.Draw("l", "t", "x", "y", new[] { new Series("s", new[] { 0.0, double.NaN }, new[] { 0.0, 1.0 }) }));
        Assert.Equal("series", e.ParamName);
        Assert.Contains("series[0].X[1] is NaN", e.Message);
    }

    [Fact]
    public void Axis_ends_in_the_wrong_order_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => LineChart.Draw("l", "t", "x", "y", new[] { Roc }, xMin: 1, xMax: 0));
        Assert.Equal("xMax", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => LineChart.Draw("l", "t", "x", "y", new[] { Roc }, yMin: double.PositiveInfinity));
        Assert.Equal("yMin", e.ParamName);
    }

    [Fact]
    public void Series_without_points_draw_no_data()
    {
        var svg = new SvgDocument(LineChart.Draw("l", "t", "x", "y", new[] { new Series("s", Array.Empty<double>(), Array.Empty<double>()) }));
        Assert.Contains(ChartStyle.NoDataText, svg.Texts);
    }
}
