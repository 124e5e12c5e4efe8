using System.Management.Automation;
using BankInsight.Common;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// The one rule every BankInsight writer follows — PowerShell's rule for files, as Out-File and
/// Export-Csv apply it: an existing file is replaced; -NoClobber refuses to replace it; a
/// read-only file is replaced only with -Force (and stays read-only); -WhatIf and -Confirm ask
/// first. Everything that can be checked is checked before any work starts (a missing folder is
/// not news an hour of training later). The content itself is written beside the target and
/// moved into place only when complete (the core's AtomicFileWriter).
/// </summary>
internal static class OutputFiles
{
    /// <summary>
    /// Resolves and checks <paramref name="path"/> for writing; null when -WhatIf, or a declined
    /// -Confirm, says not to write. <paramref name="action"/> null: no ShouldProcess (a side file
    /// such as Import-CustomerData's -RejectPath, written whenever the command runs).
    /// </summary>
    public static OutputTarget? Prepare(ICommandHost host, string path, bool noClobber, bool force, string? action)
    {
        string target = host.ResolveOutputPath(path);
        string folder = System.IO.Path.GetDirectoryName(target) ?? target;
        if (Directory.Exists(target))
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.InvalidArgument,
                $"'{target}' is a folder; name the file to write in it.", target);
        if (!Directory.Exists(folder))
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError,
                $"Cannot write '{target}': the folder '{folder}' does not exist. Create it first (New-Item -ItemType Directory '{folder}').", target);
        bool exists = File.Exists(target);
        if (exists && noClobber)
            throw new BankInsightException(ErrorIds.OutputExists, ErrorKind.ResourceExists,
                $"'{target}' already exists, and -NoClobber says not to replace it.", target);
        bool readOnly = exists && File.GetAttributes(target).HasFlag(FileAttributes.ReadOnly);
        if (readOnly && !force)
            throw new BankInsightException(ErrorIds.OutputExists, ErrorKind.ResourceExists,
                $"'{target}' is read-only; use -Force to replace it.", target);
        if (action is not null && !host.ShouldProcess(target, action)) return null;
        return new OutputTarget(target, readOnly);
    }
}

/// <summary>
/// A checked file to write. A read-only file being replaced under -Force loses its read-only
/// flag until disposal, which puts it back on whatever file then stands there — the new one after
/// a commit, the old one after a failure — as Out-File -Force does.
/// </summary>
internal sealed class OutputTarget : IDisposable
{
    private bool _restoreReadOnly;

    internal OutputTarget(string path, bool readOnly)
    {
        Path = path;
        if (!readOnly) return;
        File.SetAttributes(path, File.GetAttributes(path) & ~FileAttributes.ReadOnly);
        _restoreReadOnly = true;
    }

    /// <summary>The full path to write.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_restoreReadOnly) return;
        _restoreReadOnly = false;
        if (File.Exists(Path)) File.SetAttributes(Path, File.GetAttributes(Path) | FileAttributes.ReadOnly);
    }
}
