using System.CommandLine;
using BankInsight.Bench.Measuring;

namespace BankInsight.Bench;

/// <summary>What every benchmark needs: where to write, the cancellation token, and the shared options.</summary>
internal sealed class BenchContext(TextWriter output, TextWriter error, CancellationToken cancel)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public CancellationToken Cancel { get; } = cancel;

    /// <summary>--json: rows as JSON instead of a table.</summary>
    public static Option<bool> Json(string fields) => new("--json") { Description = $"Print rows as JSON: {fields}; every row also carries loadAverageStart and loadAverageEnd." };

    /// <summary>--repeat: timed runs after the warm-up.</summary>
    public static Option<int> Repeat(int fallback, string what) => new("--repeat")
    {
        Description = $"Timed runs of {what} (default {fallback}); seconds are reported as best and median, and the plain seconds field is the median.",
        DefaultValueFactory = _ => fallback,
    };

    /// <summary>--datasets: the folder of the public data sets.</summary>
    public static Option<string> Datasets() => new("--datasets")
    {
        Description = "Folder of the public data sets (default ../shared/datasets); a data set not there is skipped with a note.",
        DefaultValueFactory = _ => Path.Combine("..", "shared", "datasets"),
    };

    /// <summary>The repeat count, refused below 1.</summary>
    public static int RepeatCount(ParseResult parse, Option<int> repeat)
    {
        int n = parse.GetValue(repeat);
        return n >= 1 ? n : throw new Common.BankInsightException(Common.ErrorIds.ParameterInvalid, Common.ErrorKind.InvalidArgument, $"--repeat must be at least 1 (got {n}).", n);
    }

    /// <summary>Writes the load average line of a table ("at start" / "at end").</summary>
    public void WriteLoad(string when, string load) => Out.WriteLine($"load average (1/5/15 min) at {when}: {load}");
}
