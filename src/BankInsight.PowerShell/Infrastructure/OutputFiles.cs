using System.Management.Automation;
using BankInsight.Common;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// The one rule every BankInsight writer follows — PowerShell's rule for files, as Out-File and
/// Export-Csv apply it: an existing file is replaced; -NoClobber refuses to replace it; a
/// read-only file is replaced only with -Force (and stays read-only); -WhatIf and -Confirm ask
/// first. Everything that can be checked is checked before any work starts (a missing folder is
/// not news an hour of training later). The content itself is written beside the target and
/// moved into place only when complete (the core's AtomicFileWriter, which also lifts a read-only
/// flag only for the moment of the rename).
/// </summary>
internal static class OutputFiles
{
    /// <summary>
    /// Resolves and checks <paramref name="path"/> for writing; null when -WhatIf, or a declined
    /// -Confirm, says not to write. <paramref name="action"/> null: no ShouldProcess and no -Force
    /// (a side file such as Import-CustomerData's -RejectPath, written whenever the command runs).
    /// </summary>
    public static OutputFile? Prepare(ICommandHost host, string path, bool noClobber, bool force, string? action)
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
        if (exists && !force && File.GetAttributes(target).HasFlag(FileAttributes.ReadOnly))
            throw new BankInsightException(ErrorIds.OutputExists, ErrorKind.ResourceExists,
                action is null ? $"'{target}' is read-only; make it writable, or name another file." : $"'{target}' is read-only; use -Force to replace it.", target);
        if (action is not null && !host.ShouldProcess(target, action)) return null;
        return new OutputFile(target, ReplaceReadOnly: force);
    }
}
