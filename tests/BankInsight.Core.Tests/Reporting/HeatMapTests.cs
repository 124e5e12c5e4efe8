using BankInsight.Reporting;
using BankInsight.Reporting.Charts;

namespace BankInsight.Tests.Reporting;

public sealed class HeatMapTests : ChartContract
{
    private static readonly double[,] Lift =
    {
        { double.NaN, 1.5, 0.5 },
        { 1.5, double.NaN, 1.0 },
        { 0.5, 1.0, double.NaN },
    };

    protected override Chart Draw(string label, string name = "sample-chart", string title = "样例 Sample") =>
        HeatMap.Draw(name, title, new[] { label, "理财", "基金" }, new[] { "存款", "理财", "基金" }, Lift, center: 1);

    protected override Chart DrawEmpty() => HeatMap.Draw("empty", "空 Empty", Array.Empty<string>(), Array.Empty<string>(), new double[0, 0]);

    protected override void DrawInfinite() => HeatMap.Draw("h", "t", new[] { "r" }, new[] { "c" }, new[,] { { double.PositiveInfinity } });

    protected override string DataParameter => "values";

    private static IReadOnlyList<System.Xml.Linq.XElement> Cells(SvgDocument svg) => svg.Group("cells").Elements(SvgDocument.Ns + "rect").ToList();

    private static System.Xml.Linq.XElement Cell(SvgDocument svg, int row, int column) =>
        Cells(svg).Single(c => (string?)c.Attribute("data-row") == row.ToString() && (string?)c.Attribute("data-col") == column.ToString());

    private static (int R, int G, int B) Rgb(System.Xml.Linq.XElement cell)
    {
        string fill = (string)cell.Attribute("fill")!;
        return (Convert.ToInt32(fill[1..3], 16), Convert.ToInt32(fill[3..5], 16), Convert.ToInt32(fill[5..7], 16));
    }

    [Fact]
    public void There_is_one_cell_per_row_and_column()
    {
        var z = new double[4, 28];
        var svg = new SvgDocument(HeatMap.Draw("z", "t", Enumerable.Range(0, 4).Select(i => $"客群 {i}").ToList(),
            Enumerable.Range(0, 28).Select(i => $"c{i}").ToList(), z));
        Assert.Equal(4 * 28, Cells(svg).Count);
        var first = Cell(svg, 0, 0);
        var next = Cell(svg, 0, 1);
        var below = Cell(svg, 1, 0);
        Assert.Equal(SvgDocument.Num(first, "x") + SvgDocument.Num(first, "width"), SvgDocument.Num(next, "x"), 2);
        Assert.Equal(SvgDocument.Num(first, "y") + HeatMap.CellHeight, SvgDocument.Num(below, "y"), 2);
    }

    [Fact]
    public void A_missing_value_is_a_grey_cell_showing_a_dash()
    {
        var svg = new SvgDocument(Draw("存款"));
        var cell = Cell(svg, 1, 1);
        Assert.Equal(ChartStyle.MissingColor, (string?)cell.Attribute("fill"));
        Assert.Equal("true", (string?)cell.Attribute("data-missing"));
        Assert.Null(cell.Attribute("data-value"));
        double middleX = SvgDocument.Num(cell, "x") + SvgDocument.Num(cell, "width") / 2;
        var dashes = svg.Group("cells").Elements(SvgDocument.Ns + "text").Where(t => t.Value == ChartStyle.MissingText).ToList();
        Assert.Equal(3, dashes.Count);
        Assert.Contains(dashes, t => Math.Abs(SvgDocument.Num(t, "x") - middleX) < 0.01);
    }

    [Fact]
    public void Values_are_printed_in_cells_large_enough()
    {
        var svg = new SvgDocument(Draw("存款"));
        var texts = svg.Group("cells").Elements(SvgDocument.Ns + "text").Select(t => t.Value).ToList();
        Assert.Equal(new[] { "–", "1.50", "0.50", "1.50", "–", "1.00", "0.50", "1.00", "–" }, texts);
        Assert.Equal("1.5", (string?)Cell(svg, 0, 1).Attribute("data-value"));
    }

    [Fact]
    public void Values_are_not_printed_in_narrow_cells()
    {
        var z = new double[2, 28];
        z[0, 0] = -1.234;
        var svg = new SvgDocument(HeatMap.Draw("z", "t", new[] { "a", "b" }, Enumerable.Range(0, 28).Select(i => $"c{i}").ToList(), z));
        Assert.Empty(svg.Group("cells").Elements(SvgDocument.Ns + "text"));
        Assert.Contains(svg.All("title"), t => t.Value == "a · c0: -1.23"); // still in the tooltip
    }

    [Fact]
    public void The_diverging_scale_is_white_at_the_centre_red_above_and_blue_below()
    {
        var svg = new SvgDocument(Draw("存款"));
        var centre = Rgb(Cell(svg, 1, 2)); // 1.0
        var above = Rgb(Cell(svg, 0, 1));  // 1.5
        var below = Rgb(Cell(svg, 0, 2));  // 0.5
        Assert.Equal((0xF7, 0xF7, 0xF7), centre);
        Assert.True(above.R > above.B, $"1.5 should be red, is {above}");
        Assert.True(below.B > below.R, $"0.5 should be blue, is {below}");
        // Same distance from the centre, same strength: the deepest colours of the scale.
        Assert.Equal((0xB2, 0x18, 0x2B), above);
        Assert.Equal((0x21, 0x66, 0xAC), below);
    }

    [Fact]
    public void The_sequential_scale_runs_from_pale_to_deep()
    {
        var svg = new SvgDocument(HeatMap.Draw("s", "t", new[] { "r" }, new[] { "a", "b", "c" }, new[,] { { 10.0, 15, 20 } }, "0", diverging: false));
        var (low, middle, high) = (Rgb(Cell(svg, 0, 0)), Rgb(Cell(svg, 0, 1)), Rgb(Cell(svg, 0, 2)));
        Assert.Equal((0xF7, 0xFB, 0xFF), low);
        Assert.Equal((0x08, 0x51, 0x9C), high);
        Assert.True(low.R > middle.R && middle.R > high.R);
    }

    [Fact]
    public void The_key_spans_the_data_around_the_centre()
    {
        var key = new SvgDocument(Draw("存款")).Group("key").Elements(SvgDocument.Ns + "text").Select(t => t.Value).ToList();
        Assert.Equal(new[] { "0.50", "0.75", "1.00", "1.25", "1.50", "无值 Missing" }, key);
    }

    [Fact]
    public void Long_column_labels_are_rotated_and_shortened()
    {
        var columns = Enumerable.Range(0, 28).Select(i => $"本月日均存款余额变化率（按季度）_{i}").ToList();
        var svg = new SvgDocument(HeatMap.Draw("z", "t", new[] { "a" }, columns, new double[1, 28]));
        var labels = svg.Group("column-labels").Descendants(SvgDocument.Ns + "text").ToList();
        Assert.Equal(28, labels.Count);
        Assert.All(labels, l => Assert.StartsWith("rotate(-45 ", (string?)l.Attribute("transform")));
        Assert.All(labels, l => Assert.EndsWith(TextWidth.Ellipsis, l.Value));
        Assert.Contains(svg.All("title"), t => t.Value == columns[27]);
        Assert.All(Cells(svg), c => Assert.True(SvgDocument.Num(c, "x") + SvgDocument.Num(c, "width") <= 720));
    }

    [Fact]
    public void Short_column_labels_stay_level()
    {
        var labels = new SvgDocument(Draw("x")).Group("column-labels").Descendants(SvgDocument.Ns + "text").ToList();
        Assert.Equal(new[] { "存款", "理财", "基金" }, labels.Select(l => l.Value));
        Assert.All(labels, l => Assert.Null(l.Attribute("transform")));
    }

    [Fact]
    public void Labels_that_do_not_match_the_values_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => HeatMap.Draw("h", "t", new[] { "r" }, new[] { "a", "b" }, Lift));
        Assert.Equal("rowLabels", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => HeatMap.Draw("h", "t", new[] { "a", "b", "c" }, new[] { "a" }, Lift));
        Assert.Equal("columnLabels", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => HeatMap.Draw("h", "t", new[] { "a", "b", "c" }, new[] { "a", "b", "c" }, Lift, center: double.NaN));
        Assert.Equal("center", e.ParamName);
    }
}
