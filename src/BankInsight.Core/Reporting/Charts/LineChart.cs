using System.Text;

namespace BankInsight.Reporting.Charts;

/// <summary>
/// Lines through (x, y) points on two numeric axes: the ROC curve and cumulative gains (with the
/// dashed diagonal of a random model) and the lift curve. Points are joined in the order given;
/// points within <see cref="MinStep"/> pixels of the last one drawn are skipped, so a ROC curve of
/// 100,000 thresholds stays small. Parts outside the axis range are clipped off. O(points).
/// </summary>
public static class LineChart
{
    /// <summary>Height of every line chart, in pixels.</summary>
    public const int Height = 440;

    /// <summary>Series with at most this many points also get a dot at each point.</summary>
    public const int MaxDottedPoints = 25;

    /// <summary>
    /// Points closer than this (in pixels) to the last point drawn are skipped, except a line's
    /// last point and where it leaves the plot: a ROC curve of 100,000 thresholds becomes a few
    /// hundred points, differing from the full curve by less than this.
    /// </summary>
    public const double MinStep = 0.5;

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
        var x = Frame.HorizontalScale(xLow, xHigh, plot.Left, plot.Right);
        if (xMin is not null || xMax is not null)
            x = Frame.HorizontalScale(xMin ?? x.DomainMin, xMax ?? x.DomainMax, plot.Left, plot.Right, extend: false);

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
    private static LinearScale Pinned(LinearScale nice, double? low, double? high, double rangeMin, double rangeMax) =>
        LinearScale.Create(low ?? nice.DomainMin, high ?? nice.DomainMax, Frame.VerticalTickCount(Math.Abs(rangeMax - rangeMin)), extend: false, rangeMin, rangeMax);

    private static void DrawSeries(SvgWriter w, Series series, string color, LinearScale x, LinearScale y, Box plot)
    {
        // Runs of points inside the plot; a line that leaves and re-enters makes a new run.
        var runs = new List<List<(double X, double Y)>>();
        List<(double X, double Y)>? run = null;
        int count = series.X.Count;
        for (int i = 0; i < count; i++)
        {
            var point = (x.Map(series.X[i]), y.Map(series.Y[i]));
            if (i == 0)
            {
                if (Inside(point, plot)) runs.Add(run = new() { point });
                continue;
            }
            var from = (x.Map(series.X[i - 1]), y.Map(series.Y[i - 1]));
            var (start, end) = (from, point);
            if (!Clip(ref start, ref end, plot)) { run = null; continue; }
            if (run is null || start != from) runs.Add(run = new() { start });
            bool leaves = end != point;
            if (leaves || i == count - 1 ? !Same(run[^1], end) : Distance(run[^1], end) >= MinStep)
                run.Add(end);
            if (leaves) run = null;
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

    // Points within this many pixels outside the plot count as on its edge: mapping the axis end
    // itself can land a rounding error beyond it, and that must not cut the line.
    private const double EdgeTolerance = 1e-6;

    private static bool Inside((double X, double Y) p, Box plot) =>
        p.X >= plot.Left - EdgeTolerance && p.X <= plot.Right + EdgeTolerance && p.Y >= plot.Top - EdgeTolerance && p.Y <= plot.Bottom + EdgeTolerance;

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    private static bool Same((double X, double Y) a, (double X, double Y) b) =>
        SvgWriter.Num(a.X) == SvgWriter.Num(b.X) && SvgWriter.Num(a.Y) == SvgWriter.Num(b.Y);

    /// <summary>Liang–Barsky: shortens the segment a–b to its part inside <paramref name="plot"/>; false when none is.</summary>
    internal static bool Clip(ref (double X, double Y) a, ref (double X, double Y) b, Box plot)
    {
        plot = new Box(plot.Left - EdgeTolerance, plot.Top - EdgeTolerance, plot.Right + EdgeTolerance, plot.Bottom + EdgeTolerance);
        double dx = b.X - a.X, dy = b.Y - a.Y, t0 = 0, t1 = 1;
        if (!Edge(-dx, a.X - plot.Left) || !Edge(dx, plot.Right - a.X) || !Edge(-dy, a.Y - plot.Top) || !Edge(dy, plot.Bottom - a.Y))
            return false;
        // An end that is not cut stays exactly as it was (a + (b − a) need not equal b).
        var start = t0 == 0 ? a : (a.X + t0 * dx, a.Y + t0 * dy);
        var end = t1 == 1 ? b : (a.X + t1 * dx, a.Y + t1 * dy);
        a = start;
        b = end;
        return true;

        bool Edge(double p, double q)
        {
            if (p == 0) return q >= 0;
            double r = q / p;
            if (p < 0) { if (r > t1) return false; if (r > t0) t0 = r; }
            else { if (r < t0) return false; if (r < t1) t1 = r; }
            return true;
        }
    }
}
