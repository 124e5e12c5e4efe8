using System.Globalization;
using System.Text.RegularExpressions;

namespace BankInsight.Reporting.Charts;

/// <summary>Argument checks every chart makes, with the parameter's name and the offending value in the message.</summary>
internal static class ChartGuard
{
    private const int MaxNameLength = 100;
    private static readonly Regex Exponent = new("[eE][+-]?[0-9]", RegexOptions.CultureInvariant);

    /// <summary>Name, title and width: the parts of every <c>Draw</c> call.</summary>
    public static void Common(string name, string title, int width)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(title);
        if (name.Length == 0 || name.Length > MaxNameLength || !name.All(IsSlugChar) || name[0] is '-' or '_')
            throw new ArgumentException(
                $"The chart name '{name}' is not a file-safe slug: use 1–{MaxNameLength} lowercase ASCII letters, digits, '-' or '_', starting with a letter or digit (e.g. \"churn-score-histogram\").",
                nameof(name));
        if (string.IsNullOrWhiteSpace(title))
            throw new ArgumentException("A chart needs a title: it is the SVG's accessible name.", nameof(title));
        if (width < ChartStyle.MinWidth || width > ChartStyle.MaxWidth)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"The width must be {ChartStyle.MinWidth}–{ChartStyle.MaxWidth} pixels.");
    }

    private static bool IsSlugChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_';

    /// <summary>A text parameter that may be empty but not null.</summary>
    public static void Text(string? value, string parameter)
    {
        if (value is null) throw new ArgumentNullException(parameter);
    }

    /// <summary>Refuses NaN and infinities.</summary>
    public static void Finite(double value, string parameter, string where)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{where} is {Show(value)}; a chart takes finite numbers here.", parameter);
    }

    /// <summary>Refuses infinities (NaN is allowed: the chart documents what it does with it).</summary>
    public static void NotInfinite(double value, string parameter, string where)
    {
        if (double.IsInfinity(value))
            throw new ArgumentException($"{where} is {Show(value)}; a chart takes finite numbers (NaN marks a missing value).", parameter);
    }

    /// <summary>Checks markers: not null, finite positions, labels not null.</summary>
    public static IReadOnlyList<Marker> Markers(IReadOnlyList<Marker>? markers, string parameter)
    {
        if (markers is null) return Array.Empty<Marker>();
        for (int i = 0; i < markers.Count; i++)
        {
            if (markers[i] is null) throw new ArgumentException($"{parameter}[{i}] is null.", parameter);
            Finite(markers[i].X, parameter, $"{parameter}[{i}].X");
            if (markers[i].Label is null) throw new ArgumentException($"{parameter}[{i}].Label is null; use \"\" for no label.", parameter);
        }
        return markers;
    }

    /// <summary>
    /// Checks a .NET numeric format string by using it: it must be valid and must never write an
    /// exponent (so "G" and "E2" are refused: a chart shows 1.5E+20 as digits or not at all).
    /// </summary>
    public static void Format(string format, string parameter)
    {
        ArgumentNullException.ThrowIfNull(format, parameter);
        string big, small;
        try
        {
            big = 1.5e20.ToString(format, CultureInfo.InvariantCulture);
            small = (-1.5e-20).ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"'{format}' is not a .NET numeric format (try \"0.###\" or \"0.0%\").", parameter, e);
        }
        if (Exponent.IsMatch(big) || Exponent.IsMatch(small))
            throw new ArgumentException($"The format '{format}' can write an exponent ({big}); use a custom format such as \"0.###\".", parameter);
    }

    private static string Show(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+∞" : double.IsNegativeInfinity(value) ? "−∞" : value.ToString("R", CultureInfo.InvariantCulture);
}
