namespace BankInsight.Reporting.Charts;

/// <summary>The plot area of a chart in pixels: where the data goes, inside axes and labels.</summary>
internal readonly record struct Box(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;
    public double Height => Bottom - Top;
    public double CenterX => (Left + Right) / 2;
    public double CenterY => (Top + Bottom) / 2;
}

/// <summary>How a legend entry shows its series.</summary>
internal enum LegendSwatch { Box, Line, DashedLine }

/// <summary>One legend entry.</summary>
internal readonly record struct LegendEntry(string Label, string Color, LegendSwatch Swatch);

/// <summary>
/// The parts every chart shares, drawn the same way: title, legend, axes with grid lines and tick
/// labels, axis titles, dashed markers, notes and the empty "no data" frame. Sizes in pixels.
/// </summary>
internal static class Frame
{
    public const double TitleSize = 15;
    public const double LabelSize = 12;
    public const double TickSize = 11;
    public const double NoteSize = 11;
    public const double ValueSize = 10;
    public const double Margin = 12;

    /// <summary>Height of the band the title takes at the top.</summary>
    public const double TitleBand = 36;

    private const double LegendRow = 18;
    private const double SwatchWidth = 16;
    private const double LegendGap = 18;
    private const double MaxLegendLabel = 220;

    /// <summary>The title, bold, top left, shortened with "…" to the chart's width.</summary>
    public static void Title(SvgWriter w, int width, string title) =>
        w.Text(Margin, 23, TextWidth.Truncate(title, width - 2 * Margin, TitleSize), TitleSize, bold: true);

    /// <summary>Height the legend takes when its entries flow in rows of at most <paramref name="maxWidth"/> pixels (0 when empty).</summary>
    public static double LegendHeight(IReadOnlyList<LegendEntry> entries, double maxWidth) =>
        entries.Count == 0 ? 0 : LayoutLegend(entries, maxWidth).Rows * LegendRow + 4;

    /// <summary>Draws the legend from (<paramref name="left"/>, <paramref name="top"/>), entries flowing left to right in rows.</summary>
    public static void Legend(SvgWriter w, IReadOnlyList<LegendEntry> entries, double left, double top, double maxWidth)
    {
        if (entries.Count == 0) return;
        var (_, positions, labels) = LayoutLegend(entries, maxWidth);
        w.Start("g").Attr("data-role", "legend").Open();
        for (int i = 0; i < entries.Count; i++)
        {
            double x = left + positions[i].X, y = top + positions[i].Row * LegendRow;
            double mid = y + LegendRow / 2;
            var entry = entries[i];
            if (entry.Swatch == LegendSwatch.Box)
                w.Rect(x, mid - 5, 10, 10, entry.Color);
            else
                w.Line(x, mid, x + SwatchWidth, mid, entry.Color, 2, entry.Swatch == LegendSwatch.DashedLine ? "5 3" : null);
            w.Text(x + SwatchWidth + 5, mid + LabelSize * 0.35, labels[i], LabelSize);
        }
        w.Close();
    }

    private static (int Rows, (double X, int Row)[] Positions, string[] Labels) LayoutLegend(IReadOnlyList<LegendEntry> entries, double maxWidth)
    {
        var positions = new (double, int)[entries.Count];
        var labels = new string[entries.Count];
        double x = 0;
        int row = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            labels[i] = TextWidth.Truncate(entries[i].Label, Math.Min(MaxLegendLabel, Math.Max(0, maxWidth - SwatchWidth - 5)), LabelSize);
            double width = SwatchWidth + 5 + TextWidth.Estimate(labels[i], LabelSize);
            if (x > 0 && x + width > maxWidth) { row++; x = 0; }
            positions[i] = (x, row);
            x += width + LegendGap;
        }
        return (row + 1, positions, labels);
    }

    /// <summary>Widest tick label of <paramref name="scale"/>, in pixels.</summary>
    public static double TickLabelWidth(LinearScale scale, bool percent = false) =>
        scale.Ticks.Count == 0 ? 0 : scale.Ticks.Max(t => TextWidth.Estimate(scale.Label(t, percent), TickSize));

    /// <summary>
    /// True when <paramref name="valueFormat"/> shows values as percentages (a '%' outside quotes
    /// and escapes), so axes label their ticks as percentages too.
    /// </summary>
    public static bool IsPercent(string valueFormat)
    {
        char quote = '\0';
        for (int i = 0; i < valueFormat.Length; i++)
        {
            char c = valueFormat[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c == '\\') { i++; continue; }
            if (c is '\'' or '"') { quote = c; continue; }
            if (c == '%') return true;
        }
        return false;
    }

    /// <summary>Horizontal grid lines and tick labels of a vertical value axis on the plot's left edge.</summary>
    public static void YAxis(SvgWriter w, LinearScale y, Box plot, bool percent = false)
    {
        w.Start("g").Attr("data-role", "y-axis").Open();
        foreach (double tick in y.Ticks)
        {
            double py = y.Map(tick);
            w.Line(plot.Left, py, plot.Right, py, ChartStyle.GridColor);
            w.Text(plot.Left - 6, py + TickSize * 0.35, y.Label(tick, percent), TickSize, "end");
        }
        w.Line(plot.Left, plot.Top, plot.Left, plot.Bottom, ChartStyle.AxisColor);
        w.Close();
    }

    /// <summary>Vertical grid lines and tick labels of a horizontal value axis under the plot.</summary>
    public static void XAxis(SvgWriter w, LinearScale x, Box plot, bool grid = true, bool percent = false)
    {
        w.Start("g").Attr("data-role", "x-axis").Open();
        foreach (double tick in x.Ticks)
        {
            double px = x.Map(tick);
            if (grid) w.Line(px, plot.Top, px, plot.Bottom, ChartStyle.GridColor);
            w.Line(px, plot.Bottom, px, plot.Bottom + 4, ChartStyle.AxisColor);
            w.Text(px, plot.Bottom + 17, x.Label(tick, percent), TickSize, "middle");
        }
        w.Line(plot.Left, plot.Bottom, plot.Right, plot.Bottom, ChartStyle.AxisColor);
        w.Close();
    }

    /// <summary>
    /// A horizontal value axis over [<paramref name="low"/>, <paramref name="high"/>] drawn from
    /// <paramref name="left"/> to <paramref name="right"/>: as many ticks as <see cref="TickCount"/>
    /// suggests, fewer while the widest tick label would not fit between two ticks. With
    /// <paramref name="extend"/> the ends round out to ticks unless that would stretch the axis by
    /// more than a quarter (a narrow chart with coarse ticks): then the data's own ends are kept.
    /// </summary>
    public static LinearScale HorizontalScale(double low, double high, double left, double right, bool extend = true, bool percent = false)
    {
        for (int target = TickCount(right - left); ; target--)
        {
            var scale = LinearScale.Create(low, high, target, extend, left, right);
            if (extend && high > low && scale.DomainMax - scale.DomainMin > 1.25 * (high - low))
                scale = LinearScale.Create(low, high, target, extend: false, left, right);
            double spacing = Math.Abs(scale.Map(scale.DomainMin + scale.Step) - scale.Map(scale.DomainMin));
            if (target <= 1 || TickLabelWidth(scale, percent) + 10 <= spacing) return scale;
        }
    }

    /// <summary>A target tick count for a horizontal axis <paramref name="length"/> pixels long (labels need room side by side).</summary>
    public static int TickCount(double length) => Math.Clamp((int)(length / 64), 2, 10);

    /// <summary>A target tick count for a vertical axis <paramref name="length"/> pixels long.</summary>
    public static int VerticalTickCount(double length) => Math.Clamp((int)(length / 45), 2, 10);

    /// <summary>The title of a horizontal axis, centred under the plot at <paramref name="y"/>.</summary>
    public static void XTitle(SvgWriter w, Box plot, double y, string label, double maxWidth)
    {
        if (label.Length > 0) w.Text(plot.CenterX, y, TextWidth.Truncate(label, maxWidth, LabelSize), LabelSize, "middle");
    }

    /// <summary>The title of a vertical axis, rotated −90°, centred beside the plot at <paramref name="x"/> (its baseline).</summary>
    public static void YTitle(SvgWriter w, Box plot, double x, string label)
    {
        if (label.Length > 0) w.Text(x, plot.CenterY, TextWidth.Truncate(label, plot.Height, LabelSize), LabelSize, "middle", rotate: -90);
    }

    /// <summary>
    /// Dashed vertical lines at the markers' x positions across the plot, each labelled near the
    /// top: each label on its own row (so nearby markers do not write over each other), right of its
    /// line, or left of it when it would leave the plot; a white halo keeps it readable over data.
    /// </summary>
    public static void Markers(SvgWriter w, IReadOnlyList<Marker> markers, LinearScale x, Box plot, double labelTop)
    {
        if (markers.Count == 0) return;
        w.Start("g").Attr("data-role", "markers").Open();
        foreach (var marker in markers)
        {
            double px = x.Map(marker.X);
            w.Start("line").Attr("x1", px).Attr("y1", plot.Top).Attr("x2", px).Attr("y2", plot.Bottom)
                .Attr("stroke", ChartStyle.ReferenceColor).Attr("stroke-width", 1.5).Attr("stroke-dasharray", "5 4")
                .Attr("data-x", SvgWriter.Data(marker.X)).End();
        }
        // Labels after all lines, so no line crosses a label.
        int row = 0;
        foreach (var marker in markers)
        {
            if (marker.Label.Length == 0) continue;
            double px = x.Map(marker.X);
            string label = TextWidth.Truncate(marker.Label, plot.Width / 2, NoteSize);
            double width = TextWidth.Estimate(label, NoteSize);
            bool right = px + 4 + width <= plot.Right || px - 4 - width < plot.Left;
            double y = labelTop + NoteSize + row++ * (NoteSize + 4);
            w.Start("text").Attr("x", right ? px + 4 : px - 4).Attr("y", y).Attr("font-size", NoteSize);
            if (!right) w.Attr("text-anchor", "end");
            w.Attr("stroke", "#FFFFFF").Attr("stroke-width", 3).Attr("paint-order", "stroke")
                .Content(label).Close();
        }
        w.Close();
    }

    /// <summary>A muted note (counts of skipped values and the like) at the chart's bottom left.</summary>
    public static void Note(SvgWriter w, double y, string text, double maxWidth) =>
        w.Text(Margin, y, TextWidth.Truncate(text, maxWidth, NoteSize), NoteSize, fill: ChartStyle.AxisColor);

    /// <summary>
    /// The whole of an empty chart: title, an empty frame and <see cref="ChartStyle.NoDataText"/>
    /// in its middle, plus an optional note under it.
    /// </summary>
    public static Chart NoData(string name, string title, int width, int height, string? note = null)
    {
        var w = new SvgWriter(width, height, title);
        Title(w, width, title);
        var plot = new Box(Margin, TitleBand, width - Margin, height - (note is null ? Margin : 30));
        w.Start("rect").Attr("x", plot.Left).Attr("y", plot.Top).Attr("width", plot.Width).Attr("height", plot.Height)
            .Attr("fill", "none").Attr("stroke", ChartStyle.GridColor).Attr("data-role", "no-data").End();
        w.Text(plot.CenterX, plot.CenterY + LabelSize * 0.35, ChartStyle.NoDataText, LabelSize + 2, "middle", ChartStyle.AxisColor);
        if (note is not null) Note(w, height - 10, note, width - 2 * Margin);
        return new Chart(name, title, w.Finish(), width, height);
    }
}
