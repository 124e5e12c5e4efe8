namespace BankInsight.Bench.Measuring;

/// <summary>
/// Seconds of a timed case over its repeats (the warm-up excluded): the best, the median, and
/// every run in order. The median is what a table's plain "seconds" column shows.
/// </summary>
internal sealed record Timing(double Best, double Median, IReadOnlyList<double> Runs)
{
    /// <summary>Best and median of <paramref name="runs"/> (at least one).</summary>
    public static Timing Of(IReadOnlyList<double> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("a timing needs at least one run", nameof(runs));
        var sorted = runs.OrderBy(s => s).ToArray();
        int middle = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Timing(sorted[0], median, runs.ToArray());
    }
}

/// <summary>Runs a timed case once as a warm-up (not counted) and then <c>repeat</c> times.</summary>
internal static class Repeats
{
    /// <summary>Default repeats of a case that takes seconds (learners, k-means, mining).</summary>
    public const int Default = 3;

    /// <summary>
    /// Calls <paramref name="run"/> (which returns its own measured seconds) once to warm up the
    /// JIT compiler and caches, then <paramref name="repeat"/> times, and returns the timing.
    /// </summary>
    public static Timing Measure(int repeat, Func<double> run, bool warmUp = true)
    {
        if (warmUp) run();
        var runs = new double[repeat];
        for (int r = 0; r < repeat; r++) runs[r] = run();
        return Timing.Of(runs);
    }
}
