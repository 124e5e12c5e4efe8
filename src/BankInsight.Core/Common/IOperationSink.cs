namespace BankInsight.Common;

/// <summary>
/// How long-running core work talks to its host (a cmdlet, the runner, a test) without
/// knowing what the host is. Core services call it only from the thread that called them.
/// </summary>
public interface IOperationSink
{
    /// <summary>Progress of a long operation; hosts throttle and display it.</summary>
    void Progress(OperationProgress progress);

    /// <summary>Something the user should know that does not stop the work (a dropped column).</summary>
    void Warning(string message);

    /// <summary>Detail for <c>-Verbose</c>: what is being done, with which settings.</summary>
    void Verbose(string message);

    /// <summary>A non-terminating problem with one item (a rejected row); the work goes on.</summary>
    void Error(BankInsightError error);
}

/// <summary>A sink that discards everything; for callers that only want the result.</summary>
public sealed class NullSink : IOperationSink
{
    /// <summary>The shared instance (stateless, so safe to share).</summary>
    public static readonly NullSink Instance = new();

    private NullSink() { }

    /// <inheritdoc />
    public void Progress(OperationProgress progress) { }

    /// <inheritdoc />
    public void Warning(string message) { }

    /// <inheritdoc />
    public void Verbose(string message) { }

    /// <inheritdoc />
    public void Error(BankInsightError error) { }
}

/// <summary>One progress report.</summary>
/// <param name="Activity">What is being done ("Loading customer_losing.del").</param>
/// <param name="Status">Where it is ("120,000 rows").</param>
/// <param name="Fraction">Share done in [0, 1], or null when unknown.</param>
/// <param name="Completed">True on the final report of the activity.</param>
public sealed record OperationProgress(string Activity, string Status, double? Fraction, bool Completed = false);

/// <summary>A non-terminating error: id, kind, message and the offending item.</summary>
/// <param name="ErrorId">Stable id from <see cref="ErrorIds"/>.</param>
/// <param name="Kind">Category.</param>
/// <param name="Message">Human message naming file, line, column and value where they apply.</param>
/// <param name="Target">The offending item (for rows, a <c>RowRejection</c>).</param>
public sealed record BankInsightError(string ErrorId, ErrorKind Kind, string Message, object? Target);
