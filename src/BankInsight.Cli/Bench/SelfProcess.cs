using System.Diagnostics;

namespace BankInsight.Cli.Bench;

/// <summary>
/// Runs this runner again as a child process — how benchmarks give each measured case its own
/// process, so its peak memory is its own and nothing warmed up by an earlier case helps it.
/// </summary>
internal static class SelfProcess
{
    /// <summary>Runs <c>bankinsight <paramref name="args"/></c> and returns its standard output; a failure throws with its standard error.</summary>
    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string entry = Environment.GetCommandLineArgs()[0];
        if (entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) start.ArgumentList.Add(entry);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var error = child.StandardError.ReadToEndAsync();
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new Common.BankInsightException(Common.ErrorIds.FileUnreadable, Common.ErrorKind.InvalidOperation,
                $"bankinsight {string.Join(' ', args)} failed: {error.Result.Trim()}", args);
        return output;
    }

    /// <summary>This process's peak working set in MB.</summary>
    public static double PeakMemoryMb()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1048576.0;
    }
}
