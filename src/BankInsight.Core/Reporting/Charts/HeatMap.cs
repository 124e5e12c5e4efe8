namespace BankInsight.Reporting.Charts;

/// <summary>
/// A grid of coloured cells, one per (row, column) value: segment × segmentation-column z-scores
/// (diverging around 0), the product × product lift matrix (diverging around 1), or any table on a
/// sequential scale. Row labels on the left, column labels under the grid (rotated −45° when they
/// do not fit a cell), values printed in cells big enough for them, a colour key underneath.
/// Missing values (NaN) are grey cells showing "–". Every cell carries its full row, column and
/// value as a tooltip. O(rows × columns).
/// </summary>
public static class HeatMap
{
    /// <summary>Height of one row of cells, in pixels.</summary>
    public const int CellHeight = 26;

    /// <summary>Widest a cell gets, in pixels, however few the columns.</summary>
    public const int MaxCellWidth = 72;

    /// <summary>Height of an empty heat map ("no data"), in pixels.</summary>
    public const int EmptyHeight = 200;

    private const double MaxColumnLabel = 140;

    /// <summary>
    /// Draws the heat map of <paramref name="values"/>.
    /// </summary>
    /// <param name="name">File-safe slug, e.g. "segment-profile-zscores" (see <see cref="Chart.Name"/>).</param>
    /// <param name="title">Human title, drawn at the top and used as the SVG's &lt;title&gt;.</param>
    /// <param name="rowLabels">One label per row of <paramref name="values"/>, top to bottom.</param>
    /// <param name="columnLabels">One label per column of <paramref name="values"/>, left to right.</param>
    /// <param name="values">values[row, column]; NaN marks a missing value (grey cell, "–"); infinities are refused.</param>
    /// <param name="valueFormat">.NET numeric format of the printed values, applied with the invariant culture; formats that can write an exponent are refused.</param>
    /// <param name="diverging">
    /// True: blue below <paramref name="center"/>, red above, white at it, strength by distance
    /// (the largest distance on either side is full colour). False: one sequential scale from the
    /// smallest value (palest) to the largest (deepest blue).
    /// </param>
    /// <param name="center">Centre of the diverging scale: 0 for z-scores (the default), 1 for lift. Ignored when not diverging.</param>
    /// <param name="width">Chart width in pixels (<see cref="ChartStyle.MinWidth"/>–<see cref="ChartStyle.MaxWidth"/>); the grid is left-aligned and may be narrower.</param>
    /// <returns>
    /// The chart; each cell is a &lt;rect&gt; with data-row and data-col (0-based) and data-value
    /// (data-missing="true" instead when NaN). Without rows or columns it is an empty frame saying
    /// "无数据 No data".
    /// </returns>
    /// <exception cref="ArgumentException">A parameter is invalid; the exception names it (labels not matching the array's size, an infinite value, …).</exception>
    public static Chart Draw(string name, string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels,
        double[,] values, string valueFormat = "0.00", bool diverging = true, double? center = null, int width = ChartStyle.DefaultWidth)
    {
        ChartGuard.Common(name, title, width);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(columnLabels);
        ArgumentNullException.ThrowIfNull(values);
        ChartGuard.Format(valueFormat, nameof(valueFormat));
        if (center is double c0) ChartGuard.Finite(c0, nameof(center), "center");
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (rowLabels.Count != rows)
            throw new ArgumentException($"values has {rows} rows but rowLabels has {rowLabels.Count} labels.", nameof(rowLabels));
        if (columnLabels.Count != columns)
            throw new ArgumentException($"values has {columns} columns but columnLabels has {columnLabels.Count} labels.", nameof(columnLabels));
        for (int r = 0; r < rows; r++)
            if (rowLabels[r] is null) throw new ArgumentException($"rowLabels[{r}] is null.", nameof(rowLabels));
        for (int k = 0; k < columns; k++)
            if (columnLabels[k] is null) throw new ArgumentException($"columnLabels[{k}] is null.", nameof(columnLabels));
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < columns; k++)
                ChartGuard.NotInfinite(values[r, k], nameof(values), $"values[{r}, {k}] ('{rowLabels[r]}', '{columnLabels[k]}')");
        if (rows == 0 || columns == 0) return Frame.NoData(name, title, width, EmptyHeight);

        var scale = ColorScale.Fit(values, diverging, center ?? 0);

        // Horizontal layout: row labels, then cells as wide as fit (up to MaxCellWidth).
        double rowLabelWidth = Math.Min(rowLabels.Max(l => TextWidth.Estimate(l, Frame.LabelSize)), width * 0.3);
        double left = Frame.Margin + rowLabelWidth + 8;
        double cellWidth = Math.Min(MaxCellWidth, (width - Frame.Margin - left) / columns);
        double widestColumn = columnLabels.Max(l => TextWidth.Estimate(l, Frame.TickSize));
        bool rotate = widestColumn > cellWidth - 4;
        var columnTexts = columnLabels.Select(l => TextWidth.Truncate(l, rotate ? MaxColumnLabel : cellWidth - 4, Frame.TickSize)).ToArray();
        if (rotate)
        {
            // The first rotated label reaches down-left from its cell's middle: keep it on the page.
            double reach = TextWidth.Estimate(columnTexts[0], Frame.TickSize) * 0.71 + 4;
            if (left + cellWidth / 2 - reach < 2)
            {
                left = reach + 2 - cellWidth / 2;
                cellWidth = Math.Min(MaxCellWidth, (width - Frame.Margin - left) / columns);
            }
        }
        double top = Frame.TitleBand + 4;
        var grid = new Box(left, top, left + cellWidth * columns, top + CellHeight * rows);
        double labelDrop = rotate ? columnTexts.Max(l => TextWidth.Estimate(l, Frame.TickSize)) * 0.71 + Frame.TickSize + 10 : 20;
        double keyTop = grid.Bottom + labelDrop + 6;
        int height = (int)Math.Ceiling(keyTop + 40);

        var w = new SvgWriter(width, height, title);
        Frame.Title(w, width, title);
        bool printValues = CellHeight >= 14;
        w.Start("g").Attr("data-role", "cells").Open();
        for (int r = 0; r < rows; r++)
        {
            double y = grid.Top + r * CellHeight;
            for (int k = 0; k < columns; k++)
            {
                double v = values[r, k], x = grid.Left + k * cellWidth;
                string text = SvgWriter.Format(v, valueFormat);
                w.Start("rect").Attr("x", x).Attr("y", y).Attr("width", cellWidth).Attr("height", CellHeight)
                    .Attr("fill", scale.Color(v)).Attr("stroke", "#FFFFFF").Attr("data-row", r).Attr("data-col", k);
                if (double.IsNaN(v)) w.Attr("data-missing", "true"); else w.Attr("data-value", SvgWriter.Data(v));
                w.Open().Tooltip($"{rowLabels[r]} · {columnLabels[k]}: {text}").Close();
                if (printValues && TextWidth.Estimate(text, Frame.ValueSize) + 4 <= cellWidth)
                    w.Text(x + cellWidth / 2, y + CellHeight / 2.0 + Frame.ValueSize * 0.35, text, Frame.ValueSize, "middle",
                        scale.IsDark(v) ? "#FFFFFF" : ChartStyle.TextColor);
            }
        }
        w.Close();

        w.Start("g").Attr("data-role", "row-labels").Open();
        for (int r = 0; r < rows; r++)
        {
            string label = TextWidth.Truncate(rowLabels[r], rowLabelWidth, Frame.LabelSize);
            double baseline = grid.Top + (r + 0.5) * CellHeight + Frame.LabelSize * 0.35;
            if (label != rowLabels[r]) w.Start("g").Open().Tooltip(rowLabels[r]);
            w.Text(grid.Left - 8, baseline, label, Frame.LabelSize, "end");
            if (label != rowLabels[r]) w.Close();
        }
        w.Close();

        w.Start("g").Attr("data-role", "column-labels").Open();
        for (int k = 0; k < columns; k++)
        {
            double middle = grid.Left + (k + 0.5) * cellWidth;
            if (columnTexts[k] != columnLabels[k]) w.Start("g").Open().Tooltip(columnLabels[k]);
            if (rotate) w.Text(middle + 3, grid.Bottom + 12, columnTexts[k], Frame.TickSize, "end", rotate: -45);
            else w.Text(middle, grid.Bottom + 15, columnTexts[k], Frame.TickSize, "middle");
            if (columnTexts[k] != columnLabels[k]) w.Close();
        }
        w.Close();

        bool anyMissing = false;
        foreach (double v in values) anyMissing |= double.IsNaN(v);
        Key(w, scale, valueFormat, Frame.Margin, keyTop, anyMissing);
        return new Chart(name, title, w.Finish(), width, height);
    }

    // The colour key: swatches from the smallest value to the largest (see ColorScale.KeyValues),
    // each with its value, and grey for missing when any value is.
    private static void Key(SvgWriter w, ColorScale scale, string valueFormat, double left, double top, bool missing)
    {
        const double swatch = 44;
        var keys = scale.KeyValues();
        w.Start("g").Attr("data-role", "key").Open();
        for (int i = 0; i < keys.Length; i++)
        {
            double x = left + i * swatch;
            w.Rect(x, top, swatch, 10, scale.Color(keys[i]));
            w.Text(x + swatch / 2, top + 23, SvgWriter.Format(keys[i], valueFormat), Frame.ValueSize, "middle");
        }
        if (missing)
        {
            double x = left + keys.Length * swatch + 16;
            w.Rect(x, top, 10, 10, ChartStyle.MissingColor);
            w.Text(x + 14, top + 9, "无值 Missing", Frame.ValueSize);
        }
        w.Close();
    }
}
