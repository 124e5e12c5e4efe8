using System.Globalization;

namespace BankInsight.Bench.Measuring;

/// <summary>
/// The machine's load average (1, 5 and 15 minutes) from /proc/loadavg, as "1.66 1.93 1.89", or
/// "n/a" where the file does not exist (Windows, macOS). Printed at the start and the end of every
/// run: on 2 shared cores a load above 1 slows every figure, and it says which runs to trust.
/// </summary>
internal static class LoadAverage
{
    /// <summary>The text for "n/a": no /proc/loadavg on this system.</summary>
    public const string NotAvailable = "n/a";

    /// <summary>Now, read from <paramref name="path"/> (default /proc/loadavg).</summary>
    public static string Read(string path = "/proc/loadavg")
    {
        try
        {
            if (!File.Exists(path)) return NotAvailable;
            var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3) return NotAvailable;
            foreach (var p in parts.Take(3))
                if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return NotAvailable;
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return NotAvailable;
        }
        catch (UnauthorizedAccessException)
        {
            return NotAvailable;
        }
    }
}
