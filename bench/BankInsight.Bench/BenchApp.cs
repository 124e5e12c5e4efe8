using System.CommandLine;
using BankInsight.Common;

namespace BankInsight.Bench;

/// <summary>
/// <c>bankinsight-bench</c>: our learners, miners and whole jobs timed on this machine, beside
/// Microsoft.ML in the same process and window and beside PERFORMANCE.md's fixed Python figures.
/// Not a test (times depend on the load) and never shipped. Exit codes: 0 something ran, 2 nothing
/// could run or the arguments were wrong, 1 a bug, 130 stopped.
/// </summary>
internal static class BenchApp
{
    public const int Success = 0, InternalError = 1, UnusableInput = 2, Cancelled = 130;

    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        var context = new BenchContext(output, error, cancel);
        var root = new RootCommand("BankInsight benchmarks: ours beside Microsoft.ML 5.0.1 in one run, and beside PERFORMANCE.md's Python figures (not tests: times depend on the machine's load).");
        root.Subcommands.Add(Learners.LearnersCommand.Create(context));
        root.Subcommands.Add(KMeans.KMeansCommand.Create(context));
        root.Subcommands.Add(Mining.MiningCommand.Create(context));
        root.Subcommands.Add(Retail.RetailCommand.Create(context));
        root.Subcommands.Add(Corporate.CorporateCommand.Create(context));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"bankinsight-bench: {e.Message}");
            error.WriteLine("Run 'bankinsight-bench --help' (or '<command> --help') for usage.");
            return UnusableInput;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Sets a command's action with the error contract: a one-line message and an exit code, never a stack trace.</summary>
    public static Command WithAction(this Command command, BenchContext context, Func<ParseResult, int> body)
    {
        command.SetAction(parse =>
        {
            try
            {
                return body(parse);
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine("bankinsight-bench: stopped.");
                return Cancelled;
            }
            catch (BankInsightException e)
            {
                context.Error.WriteLine($"bankinsight-bench: error: {e.Message}");
                return UnusableInput;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                context.Error.WriteLine($"bankinsight-bench: internal error ({e.GetType().Name}): {e.Message}");
                if (Environment.GetEnvironmentVariable("BANKINSIGHT_DEBUG") == "1") context.Error.WriteLine(e);
                return InternalError;
            }
        });
        return command;
    }
}
