namespace BankInsight.Data.Reading;

/// <summary>
/// One rejected row: where it is, which column and value were wrong, and why. This is the
/// target object of the <c>BankInsight.RowRejected</c> error.
/// </summary>
public sealed class RowRejection
{
    internal RowRejection(string file, int line, string? column, int? columnNumber, string? value, RejectReason reason, string message)
    {
        File = file;
        Line = line;
        Column = column;
        ColumnNumber = columnNumber;
        Value = value;
        Reason = reason;
        Message = message;
    }

    /// <summary>File (or stream name) the row came from.</summary>
    public string File { get; }

    /// <summary>1-based line the row starts on.</summary>
    public int Line { get; }

    /// <summary>Name of the offending column, or null for whole-row problems (field count).</summary>
    public string? Column { get; }

    /// <summary>1-based position of the offending field in the line, or null.</summary>
    public int? ColumnNumber { get; }

    /// <summary>The offending value as written (for field-count problems, the count found).</summary>
    public string? Value { get; }

    /// <summary>Why the row was rejected.</summary>
    public RejectReason Reason { get; }

    /// <summary>The full message: file, line, column, value and what was expected.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Message;
}
