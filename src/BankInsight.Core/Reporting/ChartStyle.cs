namespace BankInsight.Reporting;

/// <summary>
/// The look shared by every chart and the HTML page that shows them: one font stack, one colour
/// palette, one default size. Constants only (no mutable state), so a page and its charts cannot drift.
/// </summary>
public static class ChartStyle
{
    /// <summary>
    /// CSS font-family list, CJK fonts first so Chinese labels render with a Chinese face on
    /// Linux, Windows and macOS alike; ends in the generic sans-serif. Usable verbatim in CSS
    /// and (XML-escaped) in an SVG font-family attribute.
    /// </summary>
    public const string FontFamily =
        "\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",\"WenQuanYi Micro Hei\",sans-serif";

    /// <summary>Chart width in CSS pixels when a <c>Draw</c> call does not give one.</summary>
    public const int DefaultWidth = 720;

    /// <summary>Smallest width a chart accepts, in CSS pixels.</summary>
    public const int MinWidth = 320;

    /// <summary>Largest width a chart accepts, in CSS pixels.</summary>
    public const int MaxWidth = 4000;

    /// <summary>
    /// Series colours in the order series use them: the Okabe–Ito palette (distinguishable with
    /// the common colour-vision deficiencies), yellow last because it is faint on white.
    /// Series beyond the eighth reuse the colours from the start.
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } = Array.AsReadOnly(new[]
    {
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#000000", // black
        "#F0E442", // yellow
    });

    /// <summary>Colour of series number <paramref name="index"/> (0-based), cycling through <see cref="Palette"/>.</summary>
    public static string SeriesColor(int index) => Palette[((index % Palette.Count) + Palette.Count) % Palette.Count];

    /// <summary>Text colour of titles, labels and values.</summary>
    public const string TextColor = "#333333";

    /// <summary>Colour of axis lines and tick marks.</summary>
    public const string AxisColor = "#666666";

    /// <summary>Colour of grid lines behind the data.</summary>
    public const string GridColor = "#E5E5E5";

    /// <summary>Colour of reference lines and markers (dashed): thresholds, the diagonal of a ROC curve.</summary>
    public const string ReferenceColor = "#555555";

    /// <summary>Fill of a heat-map cell without a value.</summary>
    public const string MissingColor = "#D9D9D9";

    /// <summary>What an empty chart says in its frame.</summary>
    public const string NoDataText = "无数据 No data";

    /// <summary>What a chart prints where a value is missing (an en dash).</summary>
    public const string MissingText = "–";
}
