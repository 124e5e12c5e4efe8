namespace BankInsight.Reporting.Charts;

/// <summary>
/// Vertical columns in groups: one group per category along the bottom, one column per series in
/// each group, one palette colour per series with a legend when there are several (e.g. product
/// holding rate: categories = products, one series per segment). Category labels are written
/// level when they fit under their group and rotated −45° (shortened with "…") when they do not.
/// Values are printed over the columns when every one fits its column. O(categories × series).
/// </summary>
public static class GroupedBarChart
{
    /// <summary>Height of the plot area, in pixels; the chart adds title, legend and labels around it.</summary>
    public const int PlotHeight = 280;

    /// <summary>Height of an empty grouped bar chart ("no data"), in pixels.</summary>
    public const int EmptyHeight = 200;

    private const double MaxRotatedLabel = 130;

    /// <summary>
    /// Draws the grouped columns.
    /// </summary>
    /// <param name="name">File-safe slug, e.g. "holding-rate-by-segment" (see <see cref="Chart.Name"/>).</param>
    /// <param name="title">Human title, drawn at the top and used as the SVG's &lt;title&gt;.</param>
    /// <param name="yLabel">Title of the vertical value axis ("" for none).</param>
    /// <param name="categories">Group labels, left to right.</param>
    /// <param name="series">The series, in legend and column order; each has one value per category. NaN draws no column; infinities are refused.</param>
    /// <param name="valueFormat">.NET numeric format of printed values and tooltips, applied with the invariant culture; formats that can write an exponent are refused.</param>
    /// <param name="width">Chart width in pixels (<see cref="ChartStyle.MinWidth"/>–<see cref="ChartStyle.MaxWidth"/>).</param>
    /// <returns>
    /// The chart; each column is a &lt;rect&gt; with data-series, data-category and data-value
    /// attributes. Without categories or series it is an empty frame saying "无数据 No data".
    /// </returns>
    /// <exception cref="ArgumentException">A parameter is invalid; the exception names it (a series with the wrong number of values, an infinite value, …).</exception>
    public static Chart Draw(string name, string title, string yLabel, IReadOnlyList<string> categories,
        IReadOnlyList<ColumnSeries> series, string valueFormat = "0.###", int width = ChartStyle.DefaultWidth)
    {
        ChartGuard.Common(name, title, width);
        ChartGuard.Text(yLabel, nameof(yLabel));
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        ChartGuard.Format(valueFormat, nameof(valueFormat));
        for (int c = 0; c < categories.Count; c++)
            if (categories[c] is null) throw new ArgumentException($"categories[{c}] is null.", nameof(categories));
        double low = 0, high = 0;
        for (int s = 0; s < series.Count; s++)
        {
            var one = series[s] ?? throw new ArgumentException($"series[{s}] is null.", nameof(series));
            if (one.Label is null || one.Values is null)
                throw new ArgumentException($"series[{s}] needs a label and values (neither null).", nameof(series));
            if (one.Values.Count != categories.Count)
                throw new ArgumentException($"series[{s}] ('{one.Label}') has {one.Values.Count} values for {categories.Count} categories.", nameof(series));
            for (int c = 0; c < one.Values.Count; c++)
            {
                double v = one.Values[c];
                ChartGuard.NotInfinite(v, nameof(series), $"series[{s}].Values[{c}] ('{one.Label}', '{categories[c]}')");
                if (double.IsNaN(v)) continue;
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
        }
        if (categories.Count == 0 || series.Count == 0) return Frame.NoData(name, title, width, EmptyHeight);

        var legend = series.Count > 1
            ? series.Select((one, s) => new LegendEntry(one.Label, ChartStyle.SeriesColor(s), LegendSwatch.Box)).ToList()
            : new List<LegendEntry>();
        double top = Frame.TitleBand + Frame.LegendHeight(legend, width - 2 * Frame.Margin) + 8;
        var y = LinearScale.Create(low, high, Frame.VerticalTickCount(PlotHeight), extend: true, top + PlotHeight, top);
        bool percent = Frame.IsPercent(valueFormat);
        double left = Frame.Margin + Frame.LabelSize + 10 + Frame.TickLabelWidth(y, percent);
        double right = width - Frame.Margin - 4;
        double groupWidth = (right - left) / categories.Count;

        // Category labels: level if every one fits its group, else rotated and shortened.
        double widest = categories.Max(c => TextWidth.Estimate(c, Frame.LabelSize));
        bool rotate = widest > groupWidth - 6;
        var labels = categories.Select(c => rotate ? TextWidth.Truncate(c, MaxRotatedLabel, Frame.LabelSize) : c).ToArray();
        double labelDrop = rotate ? labels.Max(l => TextWidth.Estimate(l, Frame.LabelSize)) * 0.71 + Frame.LabelSize + 10 : 20;
        if (rotate)
        {
            // The first rotated label reaches down-left from its group's middle: keep it on the page.
            double reach = TextWidth.Estimate(labels[0], Frame.LabelSize) * 0.71 + 4;
            if (left + groupWidth / 2 - reach < 2)
            {
                left = reach + 2 - groupWidth / 2;
                groupWidth = (right - left) / categories.Count;
            }
        }
        var plot = new Box(left, top, right, top + PlotHeight);
        int height = (int)Math.Ceiling(plot.Bottom + labelDrop + (yLabel.Length > 0 ? 6 : 4));

        var w = new SvgWriter(width, height, title);
        Frame.Title(w, width, title);
        Frame.Legend(w, legend, Frame.Margin, Frame.TitleBand, width - 2 * Frame.Margin);
        Frame.YAxis(w, y, plot, percent);
        double zero = y.Map(0);
        double columnWidth = groupWidth * 0.8 / series.Count;
        // Values go over the columns only if every one fits its column: some labelled and some not reads as noise.
        bool printValues = series.All(one => one.Values.All(v => double.IsNaN(v) || TextWidth.Estimate(SvgWriter.Format(v, valueFormat), Frame.ValueSize) + 2 <= columnWidth));
        w.Start("g").Attr("data-role", "columns").Open();
        for (int c = 0; c < categories.Count; c++)
        {
            double groupLeft = plot.Left + c * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < series.Count; s++)
            {
                double v = series[s].Values[c];
                if (double.IsNaN(v)) continue;
                double end = y.Map(v), x0 = groupLeft + s * columnWidth;
                double gap = columnWidth > 6 ? 1 : 0;
                string text = SvgWriter.Format(v, valueFormat);
                w.Rect(x0 + gap / 2, Math.Min(zero, end), columnWidth - gap, Math.Abs(zero - end), ChartStyle.SeriesColor(s), open: true)
                    .Attr("data-series", series[s].Label).Attr("data-category", categories[c]).Attr("data-value", SvgWriter.Data(v))
                    .Open().Tooltip($"{categories[c]} · {series[s].Label}: {text}").Close();
                if (printValues)
                    w.Text(x0 + columnWidth / 2, v < 0 ? end + Frame.ValueSize + 2 : end - 3, text, Frame.ValueSize, "middle");
            }
        }
        w.Close();
        w.Line(plot.Left, zero, plot.Right, zero, ChartStyle.AxisColor);
        w.Start("g").Attr("data-role", "categories").Open();
        for (int c = 0; c < categories.Count; c++)
        {
            double middle = plot.Left + (c + 0.5) * groupWidth;
            bool shortened = labels[c] != categories[c];
            if (shortened) w.Start("g").Open().Tooltip(categories[c]);
            if (rotate) w.Text(middle + 4, plot.Bottom + 12, labels[c], Frame.LabelSize, "end", rotate: -45);
            else w.Text(middle, plot.Bottom + 16, labels[c], Frame.LabelSize, "middle");
            if (shortened) w.Close();
        }
        w.Close();
        Frame.YTitle(w, plot, Frame.Margin + Frame.LabelSize - 2, yLabel);
        return new Chart(name, title, w.Finish(), width, height);
    }
}
