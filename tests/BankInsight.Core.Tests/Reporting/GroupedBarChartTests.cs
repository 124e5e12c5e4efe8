using BankInsight.Reporting;
using BankInsight.Reporting.Charts;

namespace BankInsight.Tests.Reporting;

public sealed class GroupedBarChartTests : ChartContract
{
    private static readonly string[] Products = { "存款", "理财", "基金" };

    protected override Chart Draw(string label, string name = "sample-chart", string title = "样例 Sample") =>
        GroupedBarChart.Draw(name, title, "持有率 Holding rate", Products, new[]
        {
            new ColumnSeries(label, new[] { 0.2, 0.6, double.NaN }),
            new ColumnSeries("年轻白领 Young", new[] { 0.4, 0.1, 0.3 }),
        }, "0.0%");

    protected override Chart DrawEmpty() => GroupedBarChart.Draw("empty", "空 Empty", "y", Array.Empty<string>(), Array.Empty<ColumnSeries>());

    protected override void DrawInfinite() =>
        GroupedBarChart.Draw("g", "t", "y", new[] { "a" }, new[] { new ColumnSeries("s", new[] { double.NegativeInfinity }) });

    protected override string DataParameter => "series";

    private static IReadOnlyList<System.Xml.Linq.XElement> Columns(SvgDocument svg) =>
        svg.Group("columns").Elements(SvgDocument.Ns + "rect").ToList();

    [Fact]
    public void One_column_per_category_and_series_with_heights_proportional_to_values()
    {
        var svg = new SvgDocument(Draw("高净值 High net worth"));
        var columns = Columns(svg);
        Assert.Equal(5, columns.Count); // 3 categories × 2 series, one NaN
        Assert.Equal(new[] { "存款", "存款", "理财", "理财", "基金" }, columns.Select(c => (string?)c.Attribute("data-category")));
        Assert.Equal(new[] { "0.2", "0.4", "0.6", "0.1", "0.3" }, columns.Select(c => (string?)c.Attribute("data-value")));
        double unit = SvgDocument.Num(columns[0], "height") / 0.2;
        Assert.Equal(0.4 * unit, SvgDocument.Num(columns[1], "height"), 1);
        Assert.Equal(0.6 * unit, SvgDocument.Num(columns[2], "height"), 1);
        // All columns stand on the same baseline, series side by side, groups left to right.
        Assert.Single(columns.Select(c => Math.Round(SvgDocument.Num(c, "y") + SvgDocument.Num(c, "height"), 1)).Distinct());
        var xs = columns.Select(c => SvgDocument.Num(c, "x")).ToArray();
        Assert.Equal(xs.OrderBy(x => x), xs);
        Assert.Equal(new[] { ChartStyle.Palette[0], ChartStyle.Palette[1] }, columns.Take(2).Select(c => (string?)c.Attribute("fill")));
    }

    [Fact]
    public void Negative_values_hang_below_zero()
    {
        var svg = new SvgDocument(GroupedBarChart.Draw("g", "t", "y", new[] { "a", "b" }, new[] { new ColumnSeries("s", new[] { -1.0, 2.0 }) }));
        var (down, up) = (Columns(svg)[0], Columns(svg)[1]);
        Assert.Equal(SvgDocument.Num(up, "y") + SvgDocument.Num(up, "height"), SvgDocument.Num(down, "y"), 2);
        Assert.Equal(0.5, SvgDocument.Num(down, "height") / SvgDocument.Num(up, "height"), 2);
    }

    [Fact]
    public void A_legend_names_the_series_when_there_are_several()
    {
        var svg = new SvgDocument(Draw("高净值 High net worth"));
        Assert.Equal(new[] { "高净值 High net worth", "年轻白领 Young" }, svg.Group("legend").Descendants(SvgDocument.Ns + "text").Select(t => t.Value));
        var single = new SvgDocument(GroupedBarChart.Draw("g", "t", "y", Products, new[] { new ColumnSeries("s", new[] { 1.0, 2, 3 }) }));
        Assert.DoesNotContain(single.All("g"), g => (string?)g.Attribute("data-role") == "legend");
    }

    [Fact]
    public void Percent_values_get_a_percent_axis()
    {
        var ticks = new SvgDocument(Draw("x")).Group("y-axis").Elements(SvgDocument.Ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("0%", ticks);
        Assert.Contains("60%", ticks);
    }

    [Fact]
    public void Long_category_labels_are_rotated_and_shortened()
    {
        var categories = Enumerable.Range(0, 8).Select(i => $"个人住房按揭贷款及其他长名称产品 {i}").ToArray();
        var svg = new SvgDocument(GroupedBarChart.Draw("g", "t", "y", categories, new[] { new ColumnSeries("s", categories.Select((_, i) => (double)i).ToArray()) }));
        var labels = svg.Group("categories").Descendants(SvgDocument.Ns + "text").ToList();
        Assert.Equal(8, labels.Count);
        Assert.All(labels, l => Assert.StartsWith("rotate(-45 ", (string?)l.Attribute("transform")));
        Assert.All(labels, l => Assert.EndsWith(TextWidth.Ellipsis, l.Value));
        Assert.Contains(svg.All("title"), t => t.Value == categories[3]);
        Assert.True(svg.Chart.Height > 400, "rotated labels need room under the plot");
    }

    [Fact]
    public void Short_category_labels_stay_level()
    {
        var labels = new SvgDocument(Draw("x")).Group("categories").Descendants(SvgDocument.Ns + "text").ToList();
        Assert.Equal(Products, labels.Select(l => l.Value));
        Assert.All(labels, l => Assert.Null(l.Attribute("transform")));
    }

    [Fact]
    public void Values_are_printed_over_the_columns_only_when_all_fit()
    {
        var wide = new SvgDocument(GroupedBarChart.Draw("g", "t", "y", Products, new[] { new ColumnSeries("s", new[] { 1.0, 2, double.NaN }) }));
        Assert.Equal(new[] { "1", "2" }, wide.Group("columns").Elements(SvgDocument.Ns + "text").Select(t => t.Value));
        var categories = Enumerable.Range(0, 20).Select(i => $"c{i}").ToList();
        var narrow = new SvgDocument(GroupedBarChart.Draw("g", "t", "y", categories, new[]
        {
            new ColumnSeries("a", categories.Select((_, i) => (double)i).ToList()),       // "7" fits a column
            new ColumnSeries("b", categories.Select((_, i) => i + 0.25).ToList()),        // "7.25" does not
        }));
        Assert.Empty(narrow.Group("columns").Elements(SvgDocument.Ns + "text"));
    }

    [Fact]
    public void A_series_with_the_wrong_number_of_values_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => GroupedBarChart.Draw("g", "t", "y", Products, new[] { new ColumnSeries("s", new[] { 1.0 }) }));
        Assert.Equal("series", e.ParamName);
        Assert.Contains("1 values for 3 categories", e.Message);
    }
}
