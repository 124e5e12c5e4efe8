namespace BankInsight.Bench;

/// <summary>Entry point: everything lives in <see cref="BenchApp"/> so tests can run it in-process.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        return BenchApp.Run(args, Console.Out, Console.Error, cancel.Token);
    }
}
