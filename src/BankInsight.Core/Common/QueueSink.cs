using System.Collections.Concurrent;

namespace BankInsight.Common;

/// <summary>
/// Holds the warnings of work running on another thread until the caller's thread can say them
/// (a sink is called only from the thread that called the service). Progress is dropped: the
/// caller reports its own.
/// </summary>
internal sealed class QueueSink : IOperationSink
{
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly ConcurrentQueue<string> _verbose = new();

    public void Progress(OperationProgress progress) { }

    public void Warning(string message) => _warnings.Enqueue(message);

    public void Verbose(string message) => _verbose.Enqueue(message);

    public void Error(BankInsightError error) => throw new InvalidOperationException("Row errors are reported by the pass that reads the rows.");

    /// <summary>Says what was queued, in order, to <paramref name="sink"/> (on the caller's thread).</summary>
    public void SayTo(IOperationSink sink)
    {
        while (_warnings.TryDequeue(out var w)) sink.Warning(w);
        while (_verbose.TryDequeue(out var v)) sink.Verbose(v);
    }
}
