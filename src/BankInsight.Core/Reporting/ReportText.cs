using System.Globalization;

namespace BankInsight.Reporting;

/// <summary>Numbers as the report prints them: invariant culture, so a page is the same bytes on any machine.</summary>
internal static class ReportText
{
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double? x, string format = "0.000") =>
        x is not { } v || double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);

    public static string Money(double? x) => x is not { } v || double.IsNaN(v) ? "–" : v.ToString("N2", CultureInfo.InvariantCulture);

    public static string Percent(double x) => double.IsNaN(x) ? "–" : x.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Of(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
