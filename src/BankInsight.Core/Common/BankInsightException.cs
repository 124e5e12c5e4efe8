namespace BankInsight.Common;

/// <summary>
/// Every failure the core reports on purpose. Carries what the host needs to report it well:
/// a stable <see cref="ErrorId"/>, a <see cref="Kind"/>, and the offending input as
/// <see cref="Target"/> (a path, a row, a model file) — never the service that failed.
/// </summary>
public class BankInsightException : Exception
{
    /// <summary>Creates the exception; keep <paramref name="inner"/> so nothing is lost.</summary>
    public BankInsightException(string errorId, ErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>Stable id from <see cref="ErrorIds"/>.</summary>
    public string ErrorId { get; }

    /// <summary>Category of the failure.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The input the failure is about (path, row, value), or null.</summary>
    public object? Target { get; }
}
