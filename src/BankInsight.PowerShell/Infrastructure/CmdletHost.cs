using System.Management.Automation;
using BankInsight.Common;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>The real <see cref="ICommandHost"/>: forwards to the running cmdlet.</summary>
internal sealed class CmdletHost(PSCmdlet cmdlet, CancellationToken cancellation) : ICommandHost
{
    public CancellationToken Cancellation { get; } = cancellation;

    public void WriteObject(object? value) => cmdlet.WriteObject(value);

    public void WriteError(ErrorSpec error) => cmdlet.WriteError(ToRecord(error));

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void ThrowTerminatingError(ErrorSpec error)
    {
        cmdlet.ThrowTerminatingError(ToRecord(error));
        throw new InvalidOperationException(error.Message); // not reached: PowerShell throws above
    }

    public object CreateRecord(IReadOnlyList<KeyValuePair<string, object?>> properties, string? typeName = null)
    {
        var record = new PSObject();
        foreach (var (name, value) in properties) record.Properties.Add(new PSNoteProperty(name, value));
        if (typeName is not null) record.TypeNames.Insert(0, typeName);
        return record;
    }

    public IReadOnlyList<KeyValuePair<string, object?>> ReadProperties(object record) =>
        PSObject.AsPSObject(record).Properties
            .Where(p => p.IsGettable)
            .Select(p => new KeyValuePair<string, object?>(p.Name, p.Value is PSObject v ? v.BaseObject : p.Value))
            .ToList();

    public void WriteWarning(string message) => cmdlet.WriteWarning(message);

    public void WriteVerbose(string message) => cmdlet.WriteVerbose(message);

    public void WriteProgress(ProgressSpec progress)
    {
        var record = new ProgressRecord(progress.ActivityId, progress.Activity, progress.Status)
        {
            PercentComplete = progress.PercentComplete,
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        cmdlet.WriteProgress(record);
    }

    public IReadOnlyList<string> ResolveInputPaths(string path, bool literal) =>
        FileSystemPaths(path, () =>
        {
            if (literal) return ([cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _)], provider);
            var files = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var resolvedBy);
            return (files.ToArray(), resolvedBy);
        });

    // A file to write is named as written: no wildcard expansion, but escapes that make a wildcard
    // character literal ('a`[1`].txt') are honoured, so escaped and plain names write the same file.
    public string ResolveOutputPath(string path) =>
        FileSystemPaths(path, () => ([cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(WildcardPattern.Unescape(path), out var provider, out _)], provider))[0];

    /// <summary>
    /// Runs a path resolution, turning PowerShell's exceptions into BankInsight's (a stable id and the
    /// path as target), and refuses paths of other providers (Variable:, Env:, a registry drive).
    /// </summary>
    private static IReadOnlyList<string> FileSystemPaths(string path, Func<(IReadOnlyList<string> Paths, ProviderInfo Provider)> resolve)
    {
        (IReadOnlyList<string> Paths, ProviderInfo Provider) resolved;
        try
        {
            resolved = resolve();
        }
        catch (ItemNotFoundException e)
        {
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound, $"Cannot find the file '{path}'.", path, e);
        }
        catch (Exception e) when (e is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or PSArgumentException or NotSupportedException)
        {
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound, $"'{path}' is not a file path: {e.Message}", path, e);
        }
        if (resolved.Provider.Name != "FileSystem")
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound,
                $"'{path}' is on the {resolved.Provider.Name} drive; BankInsight reads and writes files of the file system.", path);
        return resolved.Paths;
    }

    public object GetFile(string path) => cmdlet.InvokeProvider.Item.Get([path], force: false, literalPath: true)[0];

    public bool ShouldProcess(string target, string action) => cmdlet.ShouldProcess(target, action);

    /// <summary>
    /// The error record of a spec. Its exception is the standard .NET type for the category, so
    /// <c>catch [System.IO.FileNotFoundException]</c> works in scripts; the core's exception (with
    /// its own inner exceptions) stays inside it, so nothing is lost.
    /// </summary>
    public static ErrorRecord ToRecord(ErrorSpec spec) =>
        new(ExceptionFor(spec), spec.ErrorId, spec.Category, spec.Target);

    internal static Exception ExceptionFor(ErrorSpec spec)
    {
        var inner = spec.Exception;
        return spec.Category switch
        {
            // A file that is not there is a FileNotFoundException; anything else not found (a
            // built-in schema name, a column) PowerShell's ItemNotFoundException.
            ErrorCategory.ObjectNotFound when spec.ErrorId is ErrorIds.FileNotFound or ErrorIds.ModelNotFound
                => new FileNotFoundException(spec.Message, spec.Target as string, inner),
            ErrorCategory.ObjectNotFound => new ItemNotFoundException(spec.Message, inner),
            ErrorCategory.InvalidData => new InvalidDataException(spec.Message, inner),
            ErrorCategory.InvalidArgument => new ArgumentException(spec.Message, inner),
            ErrorCategory.ReadError or ErrorCategory.WriteError or ErrorCategory.ResourceExists => new IOException(spec.Message, inner),
            ErrorCategory.OperationStopped => new OperationCanceledException(spec.Message, inner),
            _ => new InvalidOperationException(spec.Message, inner),
        };
    }
}
