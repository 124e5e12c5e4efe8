using System.Text;

namespace BankInsight.Reporting.Charts;

/// <summary>
/// Lines through (x, y) points on two numeric axes: the ROC curve and cumulative gains (with the
/// dashed diagonal of a random model) and the lift curve. Points are joined in the order given;
/// consecutive points that land on the same pixel (to 0.01 px) are drawn once, so a ROC curve of
/// 100,000 thresholds stays small. Parts outside the axis range are clipped off. O(points).
/// </summary>
public static class LineChart
{
    /// <summary>Height of every line chart, in pixels.</summary>
    public const int Height = 440;

    /// <summary>Series with at most this many points also get a dot at each point.</summary>
    public const int MaxDottedPoints = 25;

    /// <summary>Legend text of the diagonal.</summary>
    public const string DiagonalLabel = "随机 Random";

    /// <summary>
    /// Draws <paramref name="series"/> as lines, one palette colour each, with a legend when there
    /// is more than one line (the diagonal counts as one).
    /// </summary>
    /// <param name="name">File-safe slug, e.g. "churn-roc" (see <see cref="Chart.Name"/>).</param>
    /// <param name="title">Human title, drawn at the top and used as the SVG's &lt;title&gt;.</param>
    /// <param name="xLabel">Title of the horizontal axis ("" for none).</param>
    /// <param name="yLabel">Title of the vertical axis ("" for none).</param>
    /// <param name="series">The lines; each needs as many X as Y values, all finite.</param>
    /// <param name="diagonal">Also draw the dashed line y = x (a random model on ROC and gains charts).</param>
    /// <param name="xMin">Left end of the horizontal axis; by default from the data, rounded out to a tick.</param>
    /// <param name="xMax">Right end of the horizontal axis; by default from the data, rounded out to a tick.</param>
    /// <param name="yMin">Bottom of the vertical axis; by default from the data, rounded out to a tick.</param>
    /// <param name="yMax">Top of the vertical axis; by default from the data, rounded out to a tick.</param>
    /// <param name="width">Chart width in pixels (<see cref="ChartStyle.MinWidth"/>–<see cref="ChartStyle.MaxWidth"/>).</param>
    /// <returns>
    /// The chart; each line is a &lt;polyline&gt; with a data-series attribute. Without any point
    /// (no series, or only empty ones) it is an empty frame saying "无数据 No data".
    /// </returns>
    /// <exception cref="ArgumentException">A parameter is invalid; the exception names it (a coordinate is NaN or infinite, X and Y differ in length, xMin ≥ xMax, …).</exception>
    public static Chart Draw(string name, string title, string xLabel, string yLabel, IReadOnlyList<Series> series,
        bool diagonal = false, double? xMin = null, double? xMax = null, double? yMin = null, double? yMax = null,
        int width = ChartStyle.DefaultWidth)
    {
        ChartGuard.Common(name, title, width);
        ChartGuard.Text(xLabel, nameof(xLabel));
        ChartGuard.Text(yLabel, nameof(yLabel));
        ArgumentNullException.ThrowIfNull(series);
        CheckBound(xMin, nameof(xMin), xMax, nameof(xMax));
        CheckBound(yMin, nameof(yMin), yMax, nameof(yMax));
        double dataXMin = double.PositiveInfinity, dataXMax = double.NegativeInfinity;
        double dataYMin = double.PositiveInfinity, dataYMax = double.NegativeInfinity;
        for (int s = 0; s < series.Count; s++)
        {
            var one = series[s] ?? throw new ArgumentException($"series[{s}] is null.", nameof(series));
            if (one.Label is null || one.X is null || one.Y is null)
                throw new ArgumentException($"series[{s}] needs a label, X and Y (none null).", nameof(series));
            if (one.X.Count != one.Y.Count)
                throw new ArgumentException($"series[{s}] ('{one.Label}') has {one.X.Count} X values but {one.Y.Count} Y values.", nameof(series));
            for (int i = 0; i < one.X.Count; i++)
            {
                ChartGuard.Finite(one.X[i], nameof(series), $"series[{s}].X[{i}]");
                ChartGuard.Finite(one.Y[i], nameof(series), $"series[{s}].Y[{i}]");
                dataXMin = Math.Min(dataXMin, one.X[i]); dataXMax = Math.Max(dataXMax, one.X[i]);
                dataYMin = Math.Min(dataYMin, one.Y[i]); dataYMax = Math.Max(dataYMax, one.Y[i]);
            }
        }
        if (double.IsInfinity(dataXMin))
            return Frame.NoData(name, title, width, Height);

        var legend = new List<LegendEntry>();
        if (series.Count > 1 || diagonal)
        {
            for (int s = 0; s < series.Count; s++)
                legend.Add(new LegendEntry(series[s].Label, ChartStyle.SeriesColor(s), LegendSwatch.Line));
            if (diagonal) legend.Add(new LegendEntry(DiagonalLabel, ChartStyle.ReferenceColor, LegendSwatch.DashedLine));
        }
        double legendHeight = Frame.LegendHeight(legend, width - 2 * Frame.Margin);
        double top = Frame.TitleBand + legendHeight + 6, bottom = Height - 42;
        var (xLow, xHigh) = Range(xMin, xMax, dataXMin, dataXMax);
        var (yLow, yHigh) = Range(yMin, yMax, dataYMin, dataYMax);
        var y = LinearScale.Create(yLow, yHigh, Frame.VerticalTickCount(bottom - top), extend: true, bottom, top);
        if (yMin is not null || yMax is not null) y = Pinned(y, yMin, yMax, bottom, top);
        double left = Frame.Margin + Frame.LabelSize + 10 + Frame.TickLabelWidth(y);
        var plot = new Box(left, top, width - Frame.Margin - 14, bottom);
        var x = LinearScale.Create(xLow, xHigh, Frame.TickCount(plot.Width), extend: true, plot.Left, plot.Right);
        if (xMin is not null || xMax is not null) x = Pinned(x, xMin, xMax, plot.Left, plot.Right);

        var w = new SvgWriter(width, Height, title);
        Frame.Title(w, width, title);
        Frame.Legend(w, legend, Frame.Margin, Frame.TitleBand, width - 2 * Frame.Margin);
        Frame.YAxis(w, y, plot);
        Frame.XAxis(w, x, plot);
        if (diagonal)
        {
            double from = Math.Max(x.DomainMin, y.DomainMin), to = Math.Min(x.DomainMax, y.DomainMax);
            if (from < to)
                w.Start("line").Attr("x1", x.Map(from)).Attr("y1", y.Map(from)).Attr("x2", x.Map(to)).Attr("y2", y.Map(to))
                    .Attr("stroke", ChartStyle.ReferenceColor).Attr("stroke-dasharray", "5 4").Attr("data-role", "diagonal").End();
        }
        for (int s = 0; s < series.Count; s++)
            DrawSeries(w, series[s], ChartStyle.SeriesColor(s), x, y, plot);
        Frame.XTitle(w, plot, plot.Bottom + 34, xLabel, plot.Width);
        Frame.YTitle(w, plot, Frame.Margin + Frame.LabelSize - 2, yLabel);
        return new Chart(name, title, w.Finish(), width, Height);
    }

    private static void CheckBound(double? low, string lowName, double? high, string highName)
    {
        if (low is double a) ChartGuard.Finite(a, lowName, lowName);
        if (high is double b) ChartGuard.Finite(b, highName, highName);
        if (low is double l && high is double h && !(l < h))
            throw new ArgumentException($"{lowName} ({SvgWriter.Data(l)}) must be less than {highName} ({SvgWriter.Data(h)}).", highName);
    }

    private static (double Low, double High) Range(double? low, double? high, double dataLow, double dataHigh)
    {
        double lo = low ?? Math.Min(dataLow, high ?? dataLow);
        double hi = high ?? Math.Max(dataHigh, lo);
        if (lo >= hi)
        {
            // Only one bound given and all data beyond it, or a single value: widen the free end.
            double pad = Math.Abs(lo) > 0 ? Math.Abs(lo) * 0.1 : 1;
            if (high is null) hi = lo + pad; else lo = hi - pad;
        }
        return (lo, hi);
    }

    // A bound the caller gave is kept exactly; the free end still rounds out to a tick.
    private static LinearScale Pinned(LinearScale nice, double? low, double? high, double rangeMin, double rangeMax)
    {
        double lo = low ?? nice.DomainMin, hi = high ?? nice.DomainMax;
        return LinearScale.Create(lo, hi, Math.Max(2, nice.Ticks.Count - 1), extend: false, rangeMin, rangeMax);
    }

    private static void DrawSeries(SvgWriter w, Series series, string color, LinearScale x, LinearScale y, Box plot)
    {
        var runs = new List<List<(double X, double Y)>>();
        List<(double X, double Y)>? run = null;
        for (int i = 0; i < series.X.Count; i++)
        {
            var point = (x.Map(series.X[i]), y.Map(series.Y[i]));
            if (i == 0)
            {
                if (Inside(point, plot)) runs.Add(run = new() { point });
                continue;
            }
            var previous = (x.Map(series.X[i - 1]), y.Map(series.Y[i - 1]));
            if (!Clip(ref previous, ref point, plot)) { run = null; continue; }
            if (run is null || !Same(run[^1], previous)) runs.Add(run = new() { previous });
            if (!Same(run[^1], point)) run.Add(point);
        }

        w.Start("g").Attr("data-series", series.Label).Open();
        foreach (var points in runs)
        {
            var text = new StringBuilder();
            foreach (var (px, py) in points)
                text.Append(text.Length == 0 ? "" : " ").Append(SvgWriter.Num(px)).Append(',').Append(SvgWriter.Num(py));
            if (points.Count == 1) text.Append(' ').Append(SvgWriter.Num(points[0].X)).Append(',').Append(SvgWriter.Num(points[0].Y));
            w.Start("polyline").Attr("points", text.ToString()).Attr("fill", "none").Attr("stroke", color)
                .Attr("stroke-width", 2).Attr("stroke-linejoin", "round").Attr("stroke-linecap", "round").End();
        }
        if (series.X.Count <= MaxDottedPoints)
            for (int i = 0; i < series.X.Count; i++)
            {
                double px = x.Map(series.X[i]), py = y.Map(series.Y[i]);
                if (Inside((px, py), plot))
                    w.Start("circle").Attr("cx", px).Attr("cy", py).Attr("r", 3).Attr("fill", color).Open()
                        .Tooltip($"{series.Label}: ({SvgWriter.Format(series.X[i], "0.####")}, {SvgWriter.Format(series.Y[i], "0.####")})").Close();
            }
        w.Close();
    }

    private static bool Inside((double X, double Y) p, Box plot) =>
        p.X >= plot.Left - 1e-9 && p.X <= plot.Right + 1e-9 && p.Y >= plot.Top - 1e-9 && p.Y <= plot.Bottom + 1e-9;

    private static bool Same((double X, double Y) a, (double X, double Y) b) =>
        SvgWriter.Num(a.X) == SvgWriter.Num(b.X) && SvgWriter.Num(a.Y) == SvgWriter.Num(b.Y);

    /// <summary>Liang–Barsky: shortens the segment a–b to its part inside <paramref name="plot"/>; false when none is.</summary>
    internal static bool Clip(ref (double X, double Y) a, ref (double X, double Y) b, Box plot)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, t0 = 0, t1 = 1;
        if (!Edge(-dx, a.X - plot.Left) || !Edge(dx, plot.Right - a.X) || !Edge(-dy, a.Y - plot.Top) || !Edge(dy, plot.Bottom - a.Y))
            return false;
        var start = (a.X + t0 * dx, a.Y + t0 * dy);
        var end = (a.X + t1 * dx, a.Y + t1 * dy);
        a = start;
        b = end;
        return true;

        bool Edge(double p, double q)
        {
            if (p == 0) return q >= -1e-9;
            double r = q / p;
            if (p < 0) { if (r > t1) return false; if (r > t0) t0 = r; }
            else { if (r < t0) return false; if (r < t1) t1 = r; }
            return true;
        }
    }
}
