using System.Diagnostics;
using BankInsight.Common;

namespace BankInsight.Bench.Measuring;

/// <summary>
/// Runs this benchmark program again as a child process — how a measured case gets its own
/// process, so its peak memory is its own and nothing warmed up by an earlier case helps it.
/// Works from <c>dotnet out/bench/bankinsight-bench.dll</c> and from a test host alike: the child
/// is always <c>dotnet &lt;this assembly&gt;</c>.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Runs <c>bankinsight-bench <paramref name="args"/></c> and returns its standard output; a failure throws with its standard error.</summary>
    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var error = child.StandardError.ReadToEndAsync();
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.InvalidOperation,
                $"bankinsight-bench {string.Join(' ', args)} failed (exit {child.ExitCode}): {error.Result.Trim()}", args);
        return output;
    }

    /// <summary>This process's peak working set in MB.</summary>
    public static double PeakMemoryMb()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1048576.0;
    }

    private static string DotnetHost()
    {
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
