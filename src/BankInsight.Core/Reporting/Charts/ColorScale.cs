using System.Globalization;

namespace BankInsight.Reporting.Charts;

/// <summary>
/// Colours for values on a heat map: diverging blue – near-white – red around a centre (blue below,
/// red above, the same distance giving the same strength on both sides), or sequential from
/// near-white to blue. Linear interpolation in sRGB between fixed end colours (ColorBrewer
/// RdBu / Blues ends), rounded to "#RRGGBB", so the same value always gives the same text.
/// </summary>
internal sealed class ColorScale
{
    private static readonly (int R, int G, int B) Low = (0x21, 0x66, 0xAC);      // blue
    private static readonly (int R, int G, int B) Middle = (0xF7, 0xF7, 0xF7);   // near white
    private static readonly (int R, int G, int B) High = (0xB2, 0x18, 0x2B);     // red
    private static readonly (int R, int G, int B) SequentialLow = (0xF7, 0xFB, 0xFF);
    private static readonly (int R, int G, int B) SequentialHigh = (0x08, 0x51, 0x9C);

    private ColorScale(bool diverging, double center, double extent, double low, double high, double dataLow, double dataHigh)
    {
        DataLow = dataLow;
        DataHigh = dataHigh;
        Diverging = diverging;
        Center = center;
        Extent = extent;
        DomainLow = low;
        DomainHigh = high;
    }

    public bool Diverging { get; }
    public double Center { get; }

    /// <summary>Diverging: the largest distance from the centre (full colour); sequential: high − low.</summary>
    public double Extent { get; }

    /// <summary>Value drawn in the palest (sequential) or deepest blue (diverging) colour.</summary>
    public double DomainLow { get; }

    /// <summary>Value drawn in the deepest blue (sequential) or deepest red (diverging) colour.</summary>
    public double DomainHigh { get; }

    /// <summary>Smallest finite value the scale was fitted to (the centre or 0 when there was none).</summary>
    public double DataLow { get; }

    /// <summary>Largest finite value the scale was fitted to (the centre or 1 when there was none).</summary>
    public double DataHigh { get; }

    /// <summary>
    /// Five values for a colour key, from the smallest value to the largest: on a diverging scale
    /// the centre in the middle and one step halfway on each side (so a lift key reads 0.4 … 1 … 3.2,
    /// not −1.2 … 3.2); evenly spaced otherwise, or when all values lie on one side of the centre.
    /// </summary>
    public double[] KeyValues()
    {
        double low = DataLow, high = DataHigh;
        if (Diverging && low < Center && Center < high)
            return new[] { low, (low + Center) / 2, Center, (Center + high) / 2, high };
        if (Diverging) { low = Math.Min(low, Center); high = Math.Max(high, Center); }
        if (low == high) return new[] { low };
        return new[] { low, low + (high - low) / 4, low + (high - low) / 2, low + 3 * (high - low) / 4, high };
    }

    /// <summary>A scale fitted to the finite values of <paramref name="values"/>.</summary>
    public static ColorScale Fit(double[,] values, bool diverging, double center)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity, extent = 0;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            low = Math.Min(low, v);
            high = Math.Max(high, v);
            extent = Math.Max(extent, Math.Abs(v - center));
        }
        if (diverging)
        {
            if (extent == 0) extent = 1;
            if (double.IsInfinity(low)) low = high = center;
            return new ColorScale(true, center, extent, center - extent, center + extent, low, high);
        }
        if (double.IsInfinity(low)) { low = 0; high = 1; }
        double dataLow = low, dataHigh = high;
        if (low == high) { low -= 0.5; high += 0.5; }
        return new ColorScale(false, center, high - low, low, high, dataLow, dataHigh);
    }

    /// <summary>Colour strength of <paramref name="value"/>, 0 (palest) to 1 (deepest).</summary>
    public double Strength(double value) =>
        Diverging ? Math.Clamp(Math.Abs(value - Center) / Extent, 0, 1) : Math.Clamp((value - DomainLow) / Extent, 0, 1);

    /// <summary>The fill colour of <paramref name="value"/> as "#RRGGBB" (<see cref="ChartStyle.MissingColor"/> for NaN).</summary>
    public string Color(double value)
    {
        if (double.IsNaN(value)) return ChartStyle.MissingColor;
        double t = Strength(value);
        if (!Diverging) return Mix(SequentialLow, SequentialHigh, t);
        return value < Center ? Mix(Middle, Low, t) : Mix(Middle, High, t);
    }

    /// <summary>True when text on <paramref name="value"/>'s colour should be white rather than dark.</summary>
    public bool IsDark(double value) => !double.IsNaN(value) && Strength(value) > 0.6;

    private static string Mix((int R, int G, int B) from, (int R, int G, int B) to, double t)
    {
        static int Channel(int a, int b, double t) => (int)Math.Round(a + (b - a) * t, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture,
            $"#{Channel(from.R, to.R, t):X2}{Channel(from.G, to.G, t):X2}{Channel(from.B, to.B, t):X2}");
    }
}
