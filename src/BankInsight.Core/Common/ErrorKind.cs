namespace BankInsight.Common;

/// <summary>
/// What went wrong, in the categories PowerShell users filter on. The cmdlet layer maps each
/// one to the matching <c>ErrorCategory</c>; the runner maps them to exit codes.
/// </summary>
public enum ErrorKind
{
    /// <summary>Bad content in a file or row (a value, a field count, a duplicate id).</summary>
    InvalidData,
    /// <summary>A file, schema or model that does not exist.</summary>
    ObjectNotFound,
    /// <summary>A parameter value that cannot be used.</summary>
    InvalidArgument,
    /// <summary>An operation that cannot run in the current state (e.g. no rows left to train on).</summary>
    InvalidOperation,
    /// <summary>A file that exists but cannot be read.</summary>
    ReadError,
    /// <summary>A file that cannot be written.</summary>
    WriteError,
    /// <summary>A file that exists where the command may not replace it.</summary>
    ResourceExists,
    /// <summary>The user stopped the operation.</summary>
    OperationStopped,
}
