using System.Diagnostics.CodeAnalysis;
using System.Management.Automation;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Everything a cmdlet's adapter needs from PowerShell, behind an interface so the adapters
/// run under xunit with a fake host (PowerShellStandard's SMA is a stub that cannot run a
/// pipeline). Implemented for real by <see cref="CmdletHost"/>.
/// </summary>
internal interface ICommandHost
{
    /// <summary>Writes one output object.</summary>
    void WriteObject(object? value);

    /// <summary>Writes a non-terminating error.</summary>
    void WriteError(ErrorSpec error);

    /// <summary>Stops the command with a terminating error (never returns).</summary>
    [DoesNotReturn]
    void ThrowTerminatingError(ErrorSpec error);

    /// <summary>
    /// Makes a row object (a PSCustomObject) with these properties in this order; with
    /// <paramref name="typeName"/>, the format file's view for that type shows it.
    /// </summary>
    object CreateRecord(IReadOnlyList<KeyValuePair<string, object?>> properties, string? typeName = null);

    /// <summary>The properties of a pipeline object (a PSCustomObject row from Import-Csv), in order.</summary>
    IReadOnlyList<KeyValuePair<string, object?>> ReadProperties(object record);

    /// <summary>Writes a warning.</summary>
    void WriteWarning(string message);

    /// <summary>Writes a verbose message.</summary>
    void WriteVerbose(string message);

    /// <summary>Writes a progress record (already throttled by <see cref="HostSink"/>).</summary>
    void WriteProgress(ProgressSpec progress);

    /// <summary>Resolves a path to read: wildcards expand unless <paramref name="literal"/>; a missing file throws.</summary>
    IReadOnlyList<string> ResolveInputPaths(string path, bool literal);

    /// <summary>Resolves a path to write, relative to the current PowerShell location.</summary>
    string ResolveOutputPath(string path);

    /// <summary>A file just written, as Get-Item returns it (with PSPath, Mode, …), for -PassThru.</summary>
    object GetFile(string path);

    /// <summary>Asks <c>-WhatIf</c>/<c>-Confirm</c> whether to act on <paramref name="target"/>.</summary>
    bool ShouldProcess(string target, string action);

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    CancellationToken Cancellation { get; }
}

/// <summary>A non-terminating or terminating error, as data (turned into an ErrorRecord by the host).</summary>
/// <param name="ErrorId">Stable id (<c>BankInsight.*</c>).</param>
/// <param name="Category">PowerShell error category.</param>
/// <param name="Message">Message naming file, line, column and value where they apply.</param>
/// <param name="Target">The offending input (row, path, value).</param>
/// <param name="Exception">The exception behind it, kept whole.</param>
internal sealed record ErrorSpec(string ErrorId, ErrorCategory Category, string Message, object? Target, Exception? Exception = null);

/// <summary>A progress record, as data.</summary>
internal sealed record ProgressSpec(int ActivityId, string Activity, string Status, int PercentComplete, bool Completed);
