using System.Management.Automation;

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

    public IReadOnlyList<string> ResolveInputPaths(string path, bool literal)
    {
        if (literal) return [cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)];
        // Resolving a path that does not exist throws ItemNotFoundException; the caller maps it.
        return cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _).ToArray();
    }

    public string ResolveOutputPath(string path) => cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    public bool ShouldProcess(string target, string action) => cmdlet.ShouldProcess(target, action);

    public static ErrorRecord ToRecord(ErrorSpec spec) =>
        new(spec.Exception ?? new InvalidOperationException(spec.Message), spec.ErrorId, spec.Category, spec.Target)
        {
            ErrorDetails = new ErrorDetails(spec.Message),
        };
}
