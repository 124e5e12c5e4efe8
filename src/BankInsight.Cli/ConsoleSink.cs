using BankInsight.Common;

namespace BankInsight.Cli;

/// <summary>
/// The runner's <see cref="IOperationSink"/>: warnings and row errors to stderr (row errors
/// capped so a bad million-row file does not flood a log), verbose lines only when asked,
/// progress not at all (batch logs have no use for it).
/// </summary>
internal sealed class ConsoleSink(TextWriter error, bool verbose, int maxRowErrors = 20) : IOperationSink
{
    public int ErrorCount { get; private set; }

    public void Progress(OperationProgress progress) { }

    public void Warning(string message) => error.WriteLine($"warning: {message}");

    public void Verbose(string message)
    {
        if (verbose) error.WriteLine($"verbose: {message}");
    }

    public void Error(BankInsightError e)
    {
        ErrorCount++;
        if (ErrorCount <= maxRowErrors) error.WriteLine($"error: {e.Message}");
        else if (ErrorCount == maxRowErrors + 1) error.WriteLine($"error: … further errors are counted in the summary, not listed.");
    }
}
