namespace BankInsight.Cli;

/// <summary>Entry point: everything lives in <see cref="CliApp"/> so tests can run it in-process.</summary>
internal static class Program
{
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
        return CliApp.Run(args, Console.Out, Console.Error, cancel.Token);
    }
}
