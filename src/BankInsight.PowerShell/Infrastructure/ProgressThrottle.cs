using System.Diagnostics;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Lets a progress update through at most every 250 ms (hosts drop or slow down on faster
/// updates: PowerShell#2138, #18848), always lets the first and the completing record through,
/// and clamps percentages to 0–100.
/// </summary>
internal sealed class ProgressThrottle(Func<long>? clockMilliseconds = null)
{
    public const int IntervalMilliseconds = 250;
    private readonly Func<long> _clock = clockMilliseconds ?? (() => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency);
    private readonly Dictionary<string, long> _lastSent = new(StringComparer.Ordinal);

    /// <summary>True when a record for <paramref name="activity"/> should be written now.</summary>
    public bool ShouldSend(string activity, bool completed)
    {
        long now = _clock();
        if (completed)
        {
            _lastSent.Remove(activity);
            return true;
        }
        if (_lastSent.TryGetValue(activity, out long last) && now - last < IntervalMilliseconds) return false;
        _lastSent[activity] = now;
        return true;
    }

    public static int Percent(double? fraction) =>
        fraction is double f && double.IsFinite(f) ? (int)Math.Clamp(Math.Round(f * 100), 0, 100) : -1;
}
