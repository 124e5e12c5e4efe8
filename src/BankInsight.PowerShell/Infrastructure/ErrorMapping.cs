using System.Management.Automation;
using BankInsight.Common;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>The one place where core errors become PowerShell error specs (ids, categories, targets).</summary>
internal static class ErrorMapping
{
    public static ErrorCategory CategoryOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.ReadError => ErrorCategory.ReadError,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        ErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        ErrorKind.OperationStopped => ErrorCategory.OperationStopped,
        _ => ErrorCategory.InvalidOperation,
    };

    /// <summary>A non-terminating error reported by the core through its sink.</summary>
    public static ErrorSpec FromError(BankInsightError error) =>
        new(error.ErrorId, CategoryOf(error.Kind), error.Message, error.Target);

    /// <summary>An exception the core threw on purpose; its target is the input it is about.</summary>
    public static ErrorSpec FromException(BankInsightException exception) =>
        new(exception.ErrorId, CategoryOf(exception.Kind), exception.Message, exception.Target, exception);

    /// <summary>A parameter problem found by the cmdlet itself.</summary>
    public static ErrorSpec InvalidParameter(string message, object? value) =>
        new(ErrorIds.ParameterInvalid, ErrorCategory.InvalidArgument, message, value);
}
