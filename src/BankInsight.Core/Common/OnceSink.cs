namespace BankInsight.Common;

/// <summary>
/// Forwards to another sink, but each distinct warning only once: a step run on every chunk of a
/// file (holdings, segment assignment) would otherwise repeat the same sentence per chunk.
/// </summary>
public sealed class OnceSink(IOperationSink inner) : IOperationSink
{
    private readonly HashSet<string> _said = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Progress(OperationProgress progress) => inner.Progress(progress);

    /// <inheritdoc />
    public void Warning(string message)
    {
        if (_said.Add(message)) inner.Warning(message);
    }

    /// <inheritdoc />
    public void Verbose(string message)
    {
        if (_said.Add(message)) inner.Verbose(message);
    }

    /// <inheritdoc />
    public void Error(BankInsightError error) => inner.Error(error);
}
