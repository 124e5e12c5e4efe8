namespace BankInsight.Reporting.Charts;

/// <summary>
/// A histogram: how many values fall in each of equal-width bins over [min, max], bins drawn as
/// columns, with optional dashed markers (the churn decision threshold). Values are counted in
/// bins [edge(i), edge(i+1)), the last bin also takes max; edge(i) = min + i·(max − min)/bins.
/// O(n + bins); the output depends only on the arguments.
/// </summary>
public static class Histogram
{
    /// <summary>Height of every histogram, in pixels.</summary>
    public const int Height = 400;

    /// <summary>Largest number of bins accepted.</summary>
    public const int MaxBins = 500;

    /// <summary>
    /// Draws the histogram of <paramref name="values"/>.
    /// </summary>
    /// <param name="name">File-safe slug, e.g. "churn-score-histogram" (see <see cref="Chart.Name"/>).</param>
    /// <param name="title">Human title, drawn at the top and used as the SVG's &lt;title&gt;.</param>
    /// <param name="xLabel">Title of the value axis ("" for none).</param>
    /// <param name="yLabel">Title of the count axis ("" for none).</param>
    /// <param name="values">The data. NaN values are skipped and counted in a note under the chart ("12 without a value"); infinities are refused.</param>
    /// <param name="bins">Number of equal-width bins, 1–<see cref="MaxBins"/>.</param>
    /// <param name="min">Left edge of the first bin; by default the smallest value. Values below it are left out and counted in the note.</param>
    /// <param name="max">Right edge of the last bin; by default the largest value. Values above it are left out and counted in the note.</param>
    /// <param name="markers">Dashed vertical lines with labels, e.g. the decision threshold; the axis widens to show each.</param>
    /// <param name="width">Chart width in pixels (<see cref="ChartStyle.MinWidth"/>–<see cref="ChartStyle.MaxWidth"/>).</param>
    /// <returns>
    /// The chart. Each bin is a &lt;rect&gt; with data-count, data-from and data-to attributes.
    /// Without any value to count (empty, or all NaN) it is an empty frame saying "无数据 No data".
    /// </returns>
    /// <exception cref="ArgumentException">A parameter is invalid; the exception names it (a value or marker is infinite, min ≥ max, the name is not a slug, …).</exception>
    public static Chart Draw(string name, string title, string xLabel, string yLabel, IReadOnlyList<double> values,
        int bins = 20, double? min = null, double? max = null, IReadOnlyList<Marker>? markers = null, int width = ChartStyle.DefaultWidth)
    {
        ChartGuard.Common(name, title, width);
        ChartGuard.Text(xLabel, nameof(xLabel));
        ChartGuard.Text(yLabel, nameof(yLabel));
        ArgumentNullException.ThrowIfNull(values);
        if (bins < 1 || bins > MaxBins)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, $"A histogram takes 1–{MaxBins} bins.");
        if (min is double lo0) ChartGuard.Finite(lo0, nameof(min), "min");
        if (max is double hi0) ChartGuard.Finite(hi0, nameof(max), "max");
        if (min is double a && max is double b && !(a < b))
            throw new ArgumentException($"min ({SvgWriter.Data(a)}) must be less than max ({SvgWriter.Data(b)}).", nameof(max));
        var marks = ChartGuard.Markers(markers, nameof(markers));

        int missing = 0;
        double dataMin = double.PositiveInfinity, dataMax = double.NegativeInfinity;
        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            if (double.IsNaN(v)) { missing++; continue; }
            ChartGuard.NotInfinite(v, nameof(values), $"values[{i}]");
            if (v < dataMin) dataMin = v;
            if (v > dataMax) dataMax = v;
        }
        int present = values.Count - missing;
        if (present == 0)
            return Frame.NoData(name, title, width, Height, missing > 0 ? Note(0, missing, 0, null) : null);

        double low = min ?? Math.Min(dataMin, max ?? dataMin);
        double high = max ?? Math.Max(dataMax, low);
        if (!(low < high))
        {
            // One distinct value (or a bound on the data's edge): give the bins a width around it.
            double pad = low == 0 ? 0.5 : Math.Abs(low) * 0.1;
            if (min is null) low -= pad;
            if (max is null) high += pad;
            if (!(low < high)) high = low + 2 * pad;
        }

        var counts = new int[bins];
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = i == bins ? high : low + i * (high - low) / bins;
        int outside = 0;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            if (v < low || v > high) { outside++; continue; }
            counts[BinOf(v, edges)]++;
        }

        // Layout: title, plot, x tick labels, x title, note.
        bool hasNote = missing > 0 || outside > 0;
        double bottom = Height - (hasNote ? 58 : 40);
        double markerRows = marks.Count(m => m.Label.Length > 0);
        double top = Frame.TitleBand + 4;
        double axisLow = Math.Min(low, marks.Count > 0 ? marks.Min(m => m.X) : low);
        double axisHigh = Math.Max(high, marks.Count > 0 ? marks.Max(m => m.X) : high);
        int maxCount = counts.Max();
        var y = LinearScale.Create(0, maxCount * (1 + 0.06 * markerRows), Frame.VerticalTickCount(bottom - top), extend: true, bottom, top, integerSteps: true);
        double left = Frame.Margin + Frame.LabelSize + 10 + Frame.TickLabelWidth(y);
        var plot = new Box(left, top, width - Frame.Margin - 12, bottom);
        var x = Frame.HorizontalScale(axisLow, axisHigh, plot.Left, plot.Right);
        y = y.WithRange(plot.Bottom, plot.Top);

        var w = new SvgWriter(width, Height, title);
        Frame.Title(w, width, title);
        Frame.YAxis(w, y, plot);
        w.Start("g").Attr("data-role", "bins").Open();
        string color = ChartStyle.SeriesColor(0);
        for (int i = 0; i < bins; i++)
        {
            double x0 = x.Map(edges[i]), x1 = x.Map(edges[i + 1]);
            double gap = x1 - x0 > 4 ? 1 : 0;
            double top0 = y.Map(counts[i]);
            w.Rect(x0 + gap / 2, top0, x1 - x0 - gap, plot.Bottom - top0, color, open: true)
                .Attr("data-count", counts[i]).Attr("data-from", SvgWriter.Data(edges[i])).Attr("data-to", SvgWriter.Data(edges[i + 1]))
                .Open().Tooltip($"{SvgWriter.Format(edges[i], "0.####")} – {SvgWriter.Format(edges[i + 1], "0.####")}: {counts[i]}").Close();
        }
        w.Close();
        Frame.XAxis(w, x, plot, grid: false);
        Frame.Markers(w, marks, x, plot, plot.Top);
        Frame.XTitle(w, plot, plot.Bottom + 34, xLabel, plot.Width);
        Frame.YTitle(w, plot, Frame.Margin + Frame.LabelSize - 2, yLabel);
        if (hasNote) Frame.Note(w, Height - 10, Note(present - outside, missing, outside, (low, high)), width - 2 * Frame.Margin);
        return new Chart(name, title, w.Finish(), width, Height);
    }

    /// <summary>The bin of <paramref name="value"/> (inside [edges[0], edges[^1]]), agreeing with the edges as printed.</summary>
    internal static int BinOf(double value, double[] edges)
    {
        int bins = edges.Length - 1;
        int i = (int)Math.Floor((value - edges[0]) / (edges[^1] - edges[0]) * bins);
        i = Math.Clamp(i, 0, bins - 1);
        while (i > 0 && value < edges[i]) i--;
        while (i < bins - 1 && value >= edges[i + 1]) i++;
        return i;
    }

    private static string Note(int counted, int missing, int outside, (double Low, double High)? range)
    {
        var parts = new List<string>();
        if (range is not null) parts.Add("n = " + SvgWriter.Format(counted, "#,0"));
        if (missing > 0) parts.Add($"{missing} 个无值 · {missing} without a value");
        if (outside > 0 && range is (double low, double high))
            parts.Add($"{outside} 个超出范围 · {outside} outside [{SvgWriter.Format(low, "0.####")}, {SvgWriter.Format(high, "0.####")}]");
        return string.Join("；", parts);
    }
}
