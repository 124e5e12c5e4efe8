using System.Globalization;
using System.Text;

namespace BankInsight.Reporting.Charts;

/// <summary>
/// Writes SVG text that is the same on every machine: numbers culture-invariant with at most two
/// decimals (never "-0", never an exponent, never NaN or Infinity — a non-finite coordinate is a
/// bug and throws), text XML-escaped with control characters removed, lines ending in "\n".
/// Elements are written in call order; nothing is reordered or given an id.
/// </summary>
internal sealed class SvgWriter
{
    /// <summary>The SVG namespace the root element declares.</summary>
    public const string Namespace = "http://www.w3.org/2000/svg";

    private readonly StringBuilder _text = new();
    private readonly Stack<string> _open = new();
    private bool _inStartTag;

    /// <summary>Starts the document: the root element with size, viewBox, role, font stack, a &lt;title&gt; and a white background.</summary>
    public SvgWriter(int width, int height, string title)
    {
        Start("svg").Attr("xmlns", Namespace).Attr("width", width).Attr("height", height)
            .Attr("viewBox", $"0 0 {Num(width)} {Num(height)}").Attr("role", "img")
            .Attr("font-family", ChartStyle.FontFamily);
        Open();
        Start("title").Content(title).Close();
        Start("rect").Attr("width", width).Attr("height", height).Attr("fill", "#FFFFFF").End();
    }

    /// <summary>Writes "&lt;name" (attributes follow); finish with <see cref="End"/> or <see cref="Open"/>.</summary>
    public SvgWriter Start(string name)
    {
        FinishStartTag();
        _text.Append('<').Append(name);
        _open.Push(name);
        _inStartTag = true;
        return this;
    }

    /// <summary>Adds an attribute with an escaped text value.</summary>
    public SvgWriter Attr(string name, string value)
    {
        _text.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        return this;
    }

    /// <summary>Adds an attribute with a coordinate value (see <see cref="Num"/>).</summary>
    public SvgWriter Attr(string name, double value) => Attr(name, Num(value));

    /// <summary>Closes the start tag so children or text can follow; close the element with <see cref="Close"/>.</summary>
    public SvgWriter Open()
    {
        FinishStartTag();
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes escaped text content inside the current element (the start tag is closed first).</summary>
    public SvgWriter Content(string text)
    {
        FinishStartTag();
        _text.Append(Escape(text));
        return this;
    }

    /// <summary>Ends the current element as empty ("/&gt;").</summary>
    public SvgWriter End()
    {
        if (!_inStartTag) throw new InvalidOperationException("End() needs an open start tag.");
        _open.Pop();
        _inStartTag = false;
        _text.Append("/>\n");
        return this;
    }

    /// <summary>Writes the end tag of the innermost open element.</summary>
    public SvgWriter Close()
    {
        FinishStartTag();
        _text.Append("</").Append(_open.Pop()).Append(">\n");
        return this;
    }

    /// <summary>Closes every open element (the root last) and returns the document.</summary>
    public string Finish()
    {
        while (_open.Count > 0) Close();
        return _text.ToString();
    }

    private void FinishStartTag()
    {
        if (!_inStartTag) return;
        _text.Append('>');
        _inStartTag = false;
    }

    // ---- shapes used by every chart ---------------------------------------------------------

    /// <summary>An axis-aligned rectangle (width and height clamped at 0); leave it open with <paramref name="open"/> to add children such as a tooltip &lt;title&gt;.</summary>
    public SvgWriter Rect(double x, double y, double width, double height, string fill, bool open = false)
    {
        Start("rect").Attr("x", x).Attr("y", y).Attr("width", Math.Max(0, width)).Attr("height", Math.Max(0, height)).Attr("fill", fill);
        return open ? this : End();
    }

    /// <summary>A straight line; <paramref name="dash"/> is an SVG dash array such as "4 3", or null for solid.</summary>
    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null)
    {
        Start("line").Attr("x1", x1).Attr("y1", y1).Attr("x2", x2).Attr("y2", y2).Attr("stroke", stroke);
        if (strokeWidth != 1) Attr("stroke-width", strokeWidth);
        if (dash is not null) Attr("stroke-dasharray", dash);
        return End();
    }

    /// <summary>
    /// A text element; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/>
    /// degrees about the anchor point (0 = none). The element is complete on return.
    /// </summary>
    public SvgWriter Text(double x, double y, string text, double size, string anchor = "start",
        string fill = ChartStyle.TextColor, bool bold = false, double rotate = 0, string? baseline = null, bool halo = false)
    {
        Start("text").Attr("x", x).Attr("y", y).Attr("font-size", size);
        // A white outline under the glyphs keeps a label readable where a line crosses it.
        if (halo) Attr("stroke", "#fff").Attr("stroke-width", 3).Attr("paint-order", "stroke");
        if (anchor != "start") Attr("text-anchor", anchor);
        if (fill != ChartStyle.TextColor) Attr("fill", fill);
        if (bold) Attr("font-weight", "bold");
        if (baseline is not null) Attr("dominant-baseline", baseline);
        if (rotate != 0) Attr("transform", $"rotate({Num(rotate)} {Num(x)} {Num(y)})");
        return Content(text).Close();
    }

    /// <summary>A tooltip: a &lt;title&gt; child of the element left open before it.</summary>
    public SvgWriter Tooltip(string text) => Start("title").Content(text).Close();

    // ---- numbers and text -------------------------------------------------------------------

    /// <summary>
    /// A coordinate as SVG text: rounded half away from zero to two decimals, trailing zeros
    /// dropped, "." as separator, "0" instead of "-0". Throws on NaN or infinity: a chart must
    /// never emit one, so a non-finite coordinate is a layout bug, not bad data.
    /// </summary>
    public static string Num(double value)
    {
        if (!double.IsFinite(value))
            throw new InvalidOperationException($"A chart coordinate is not finite ({value.ToString(CultureInfo.InvariantCulture)}).");
        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0) return "0";
        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A data value for a data-* attribute: up to six decimals, culture-invariant, no exponent,
    /// no "-0"; NaN becomes "" (the chart states missing values otherwise).
    /// </summary>
    public static string Data(double value)
    {
        if (double.IsNaN(value)) return "";
        if (!double.IsFinite(value))
            throw new InvalidOperationException("A chart data value is infinite.");
        return NoNegativeZero(value.ToString("0.######", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A value as a reader sees it, through a .NET numeric format applied with the invariant
    /// culture; NaN becomes <see cref="ChartStyle.MissingText"/>, and a result that rounds to zero
    /// loses its minus sign ("-0.00" → "0.00").
    /// </summary>
    public static string Format(double value, string format)
    {
        if (double.IsNaN(value)) return ChartStyle.MissingText;
        return NoNegativeZero(value.ToString(format, CultureInfo.InvariantCulture));
    }

    private static string NoNegativeZero(string text)
    {
        if (text.Length > 1 && text[0] == '-')
        {
            foreach (char c in text)
                if (c is >= '1' and <= '9') return text;
            return text[1..];
        }
        return text;
    }

    /// <summary>
    /// Escapes &amp; &lt; &gt; and both quotes, and removes what XML 1.0 cannot carry: control
    /// characters (tab, CR and LF become a space), U+FFFE/U+FFFF and unpaired surrogates.
    /// </summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': result.Append("&amp;"); continue;
                case '<': result.Append("&lt;"); continue;
                case '>': result.Append("&gt;"); continue;
                case '"': result.Append("&quot;"); continue;
                case '\'': result.Append("&apos;"); continue;
                case '\t' or '\n' or '\r': result.Append(' '); continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF') continue;
            result.Append(c);
        }
        return result.ToString();
    }
}
