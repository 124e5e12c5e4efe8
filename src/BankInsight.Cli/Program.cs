using System.Runtime.InteropServices;

namespace BankInsight.Cli;

/// <summary>Entry point: everything lives in <see cref="CliApp"/> so tests can run it in-process.</summary>
internal static class Program
{
    /// <summary>Exit code after SIGTERM (128 + 15), as shells and schedulers expect.</summary>
    private const int Terminated = 143;

    private static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C asks the core to stop at its next check; a second one kills the process.
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        // A scheduler's stop (SIGTERM, e.g. systemd, Kubernetes, `kill`) is handled like Ctrl+C: the
        // job stops at its next check and every temporary file goes, instead of the process dying
        // with half-written temporary files full of customer ids beside the results.
        bool terminated = false;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            terminated = true;
            cancel.Cancel();
        });
        int exit = CliApp.Run(args, Console.Out, Console.Error, cancel.Token);
        return terminated && exit == ExitCodes.Cancelled ? Terminated : exit;
    }
}
