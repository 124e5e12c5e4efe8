using System.Globalization;

namespace BankInsight.Reporting.Charts;

/// <summary>
/// Maps a numeric domain onto a pixel range and picks "nice" ticks on it: steps of 1, 2 or 5
/// times a power of ten, about <c>targetTicks</c> intervals of them, tick values exact multiples of
/// the step (so 0.1 + 0.2 never shows as 0.30000000000000004).
/// </summary>
internal sealed class LinearScale
{
    private LinearScale(double domainMin, double domainMax, double step, double rangeMin, double rangeMax)
    {
        DomainMin = domainMin;
        DomainMax = domainMax;
        Step = step;
        RangeMin = rangeMin;
        RangeMax = rangeMax;
        Decimals = step >= 1 ? 0 : Math.Min(15, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        var ticks = new List<double>();
        long first = (long)Math.Ceiling(domainMin / step - 1e-9), last = (long)Math.Floor(domainMax / step + 1e-9);
        for (long k = first; k <= last; k++)
            ticks.Add(Clean(k * step));
        Ticks = ticks;
    }

    public double DomainMin { get; }
    public double DomainMax { get; }
    public double RangeMin { get; }
    public double RangeMax { get; }
    public double Step { get; }

    /// <summary>Decimals a tick label needs to show the step (0.05 → 2, 2 → 0).</summary>
    public int Decimals { get; }

    /// <summary>Tick values in increasing order, all inside the domain.</summary>
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Pixel position of <paramref name="value"/> (linear; values outside the domain map outside the range).</summary>
    public double Map(double value) => RangeMin + (value - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin);

    /// <summary>
    /// A tick label: thousands separated by ",", just the decimals the step needs, invariant
    /// culture, no "-0"; with <paramref name="percent"/> as a percentage (0.25 → "25%").
    /// </summary>
    public string Label(double tick, bool percent = false)
    {
        int decimals = percent ? Math.Max(0, Decimals - 2) : Decimals;
        string format = decimals == 0 ? "#,0" : "#,0." + new string('0', decimals);
        return SvgWriter.Format(tick, percent ? format + "%" : format);
    }

    /// <summary>The same domain and ticks on another pixel range.</summary>
    public LinearScale WithRange(double rangeMin, double rangeMax) => new(DomainMin, DomainMax, Step, rangeMin, rangeMax);

    /// <summary>
    /// A scale covering [<paramref name="low"/>, <paramref name="high"/>]. With <paramref name="extend"/>
    /// the domain grows outwards to whole steps (axes that start and end on a tick); without it the
    /// domain is exactly the given one (a probability axis stays [0, 1]). An empty interval is
    /// widened around its value. <paramref name="integerSteps"/> keeps steps ≥ 1 (counts).
    /// </summary>
    public static LinearScale Create(double low, double high, int targetTicks, bool extend, double rangeMin, double rangeMax, bool integerSteps = false)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || low > high)
            throw new ArgumentException($"A scale needs finite low ≤ high, not [{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)}].");
        double scale = Math.Max(Math.Abs(low), Math.Abs(high));
        if (high - low <= scale * 1e-9)
        {
            double pad = scale == 0 ? 1 : scale * 0.1;
            if (low >= 0 && low - pad < 0 && extend) { low = 0; high += pad; }
            else { low -= pad; high += pad; }
        }
        double step = NiceStep((high - low) / Math.Max(1, targetTicks));
        if (integerSteps) step = Math.Max(1, step);
        if (extend)
        {
            low = Clean(Math.Floor(low / step + 1e-9) * step);
            high = Clean(Math.Ceiling(high / step - 1e-9) * step);
        }
        return new LinearScale(low, high, step, rangeMin, rangeMax);
    }

    /// <summary>
    /// The 1, 2 or 5 × 10^k nearest to <paramref name="raw"/> on a log scale (switching at √2, √10
    /// and √50, as d3's ticks do), so the tick count stays within about 0.7–1.4 × the target.
    /// </summary>
    internal static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw)) return 1;
        int exponent = (int)Math.Floor(Math.Log10(raw));
        double magnitude = Math.Pow(10, exponent);
        double fraction = raw / magnitude;
        double nice = fraction >= 7.0710678 ? 10 : fraction >= 3.1622777 ? 5 : fraction >= 1.4142136 ? 2 : 1;
        return nice * magnitude;
    }

    // k × step carries binary noise (3 × 0.1 = 0.30000000000000004); 12 significant digits are plenty for an axis.
    private static double Clean(double value) => value == 0 ? 0 : double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
