namespace BankInsight.Reporting.Charts;

/// <summary>
/// Horizontal bars, one per labelled value, in the order given (sort before calling): PSI per
/// feature with alarm lines at 0.1 and 0.25, top features by mean |SHAP|, counts by region, offers
/// by product. Labels sit left of the bars in a column sized from <see cref="TextWidth"/> (at most
/// 40 % of the width; longer labels end in "…" and keep their full text as a tooltip); each value
/// is printed at its bar's end; negative values extend left of zero. O(bars).
/// </summary>
public static class BarChart
{
    /// <summary>Vertical space per bar, in pixels; the chart's height grows with the number of bars.</summary>
    public const int RowHeight = 24;

    /// <summary>Thickness of a bar, in pixels.</summary>
    public const int BarThickness = 16;

    /// <summary>Height of an empty bar chart ("no data"), in pixels.</summary>
    public const int EmptyHeight = 200;

    /// <summary>
    /// Draws the bars.
    /// </summary>
    /// <param name="name">File-safe slug, e.g. "psi-by-feature" (see <see cref="Chart.Name"/>).</param>
    /// <param name="title">Human title, drawn at the top and used as the SVG's &lt;title&gt;.</param>
    /// <param name="valueLabel">Title of the value axis under the bars ("" for none).</param>
    /// <param name="bars">The bars, top to bottom. NaN values draw no bar and print "–"; infinities are refused.</param>
    /// <param name="referenceLines">Dashed vertical lines with labels at values on the value axis (e.g. PSI 0.1 and 0.25); the axis widens to show each.</param>
    /// <param name="valueFormat">.NET numeric format of the printed values, applied with the invariant culture ("0.###", "#,0", "0.0%"); formats that can write an exponent ("G", "E2") are refused.</param>
    /// <param name="width">Chart width in pixels (<see cref="ChartStyle.MinWidth"/>–<see cref="ChartStyle.MaxWidth"/>).</param>
    /// <returns>
    /// The chart; <c>Height</c> = its rows plus axis and title. Each bar is a &lt;rect&gt; with
    /// data-label and data-value attributes, its width proportional to |value|. Without bars it is
    /// an empty frame saying "无数据 No data".
    /// </returns>
    /// <exception cref="ArgumentException">A parameter is invalid; the exception names it (an infinite value, a null label, a bad format, …).</exception>
    public static Chart Draw(string name, string title, string valueLabel, IReadOnlyList<Bar> bars,
        IReadOnlyList<Marker>? referenceLines = null, string valueFormat = "0.###", int width = ChartStyle.DefaultWidth)
    {
        ChartGuard.Common(name, title, width);
        ChartGuard.Text(valueLabel, nameof(valueLabel));
        ArgumentNullException.ThrowIfNull(bars);
        var lines = ChartGuard.Markers(referenceLines, nameof(referenceLines));
        ChartGuard.Format(valueFormat, nameof(valueFormat));
        for (int i = 0; i < bars.Count; i++)
        {
            if (bars[i] is null) throw new ArgumentException($"bars[{i}] is null.", nameof(bars));
            if (bars[i].Label is null) throw new ArgumentException($"bars[{i}].Label is null; use \"\" for no label.", nameof(bars));
            ChartGuard.NotInfinite(bars[i].Value, nameof(bars), $"bars[{i}].Value ('{bars[i].Label}')");
        }
        if (bars.Count == 0) return Frame.NoData(name, title, width, EmptyHeight);

        // Left: the label column; right: room for the printed values beyond the longest bars.
        var texts = bars.Select(b => SvgWriter.Format(b.Value, valueFormat)).ToArray();
        double labelWidth = Math.Min(bars.Max(b => TextWidth.Estimate(b.Label, Frame.LabelSize)), width * 0.4);
        double positiveRoom = 0, negativeRoom = 0;
        for (int i = 0; i < bars.Count; i++)
        {
            double room = TextWidth.Estimate(texts[i], Frame.ValueSize) + 8;
            if (bars[i].Value < 0) negativeRoom = Math.Max(negativeRoom, room);
            else positiveRoom = Math.Max(positiveRoom, room);
        }
        var finite = bars.Select(b => b.Value).Where(v => !double.IsNaN(v)).Concat(lines.Select(m => m.X)).ToList();
        double low = Math.Min(0, finite.Count > 0 ? finite.Min() : 0), high = Math.Max(0, finite.Count > 0 ? finite.Max() : 0);

        int labelled = lines.Count(m => m.Label.Length > 0);
        double top = Frame.TitleBand + 4 + labelled * (Frame.NoteSize + 4);
        double plotBottom = top + bars.Count * RowHeight;
        int height = (int)Math.Ceiling(plotBottom + (valueLabel.Length > 0 ? 46 : 30));
        var plot = new Box(Frame.Margin + labelWidth + 8, top, width - Frame.Margin - 6, plotBottom);
        bool percent = Frame.IsPercent(valueFormat);
        var x = Frame.HorizontalScale(low, high, plot.Left + negativeRoom, plot.Right - positiveRoom, percent: percent);

        var w = new SvgWriter(width, height, title);
        Frame.Title(w, width, title);
        Frame.XAxis(w, x, new Box(x.RangeMin, plot.Top, x.RangeMax, plot.Bottom), percent: percent);
        w.Start("g").Attr("data-role", "bars").Open();
        double zero = x.Map(0);
        var values = new List<(double X, double Y, string Text, string Anchor)>(bars.Count);
        for (int i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            double rowTop = plot.Top + i * RowHeight, middle = rowTop + RowHeight / 2.0;
            double baseline = middle + Frame.LabelSize * 0.35;
            string label = TextWidth.Truncate(bar.Label, labelWidth, Frame.LabelSize);
            if (label != bar.Label)
                w.Start("g").Open().Tooltip(bar.Label).Text(plot.Left - 8, baseline, label, Frame.LabelSize, "end").Close();
            else
                w.Text(plot.Left - 8, baseline, label, Frame.LabelSize, "end");
            double valueBaseline = middle + Frame.ValueSize * 0.35;
            if (double.IsNaN(bar.Value))
            {
                w.Text(zero + 4, valueBaseline, texts[i], Frame.ValueSize, fill: ChartStyle.AxisColor);
                continue;
            }
            double end = x.Map(bar.Value);
            w.Rect(Math.Min(zero, end), middle - BarThickness / 2.0, Math.Abs(end - zero), BarThickness,
                    bar.Value < 0 ? ChartStyle.Palette[3] : ChartStyle.Palette[0], open: true)
                .Attr("data-label", bar.Label).Attr("data-value", SvgWriter.Data(bar.Value))
                .Open().Tooltip($"{bar.Label}: {texts[i]}").Close();
            values.Add(bar.Value < 0 ? (end - 4, valueBaseline, texts[i], "end") : (end + 4, valueBaseline, texts[i], "start"));
        }
        w.Close();
        if (low < 0) w.Line(zero, plot.Top, zero, plot.Bottom, ChartStyle.AxisColor);
        Frame.Markers(w, lines, x, plot with { Top = plot.Top - labelled * (Frame.NoteSize + 4) - 2 }, Frame.TitleBand);
        // Values last, over the reference lines, each with a halo: a line never strikes through a number.
        foreach (var (vx, vy, text, anchor) in values) w.Text(vx, vy, text, Frame.ValueSize, anchor, halo: true);
        Frame.XTitle(w, new Box(x.RangeMin, plot.Top, x.RangeMax, plot.Bottom), plot.Bottom + 34, valueLabel, plot.Width);
        return new Chart(name, title, w.Finish(), width, height);
    }
}
