namespace BankInsight.Common;

/// <summary>
/// Writes a file so that readers only ever see the old file or the complete new one: data
/// goes to a temporary file beside the target, which replaces the target on
/// <see cref="Commit"/> (a rename within one directory, atomic on POSIX and NTFS).
/// Disposing without committing deletes the temporary file and leaves the target untouched. A
/// read-only target is refused, unless <see cref="OutputFile.ReplaceReadOnly"/>: then its flag is
/// lifted only for the rename and put back on the new file, so no crash leaves it writable.
/// </summary>
public sealed class AtomicFileWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly bool _replaceReadOnly;
    private bool _committed;

    /// <summary>Opens a temporary file next to <paramref name="target"/>'s path.</summary>
    public AtomicFileWriter(OutputFile target)
    {
        string path = target.Path;
        _replaceReadOnly = target.ReplaceReadOnly;
        Path = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError,
                $"Cannot write '{path}': the folder '{directory}' does not exist.", path);
        TempPath = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{System.IO.Path.GetRandomFileName()}.tmp");
        try
        {
            _stream = new FileStream(TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError,
                $"Cannot write '{path}': {e.Message}", path, e);
        }
    }

    /// <summary>The file that will be replaced.</summary>
    public string Path { get; }

    /// <summary>The temporary file being written.</summary>
    public string TempPath { get; }

    /// <summary>Where to write the content.</summary>
    public Stream Stream => _stream;

    /// <summary>Flushes to disk and moves the temporary file over the target.</summary>
    public void Commit()
    {
        if (_committed) return;
        try
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            bool readOnly = File.Exists(Path) && File.GetAttributes(Path).HasFlag(FileAttributes.ReadOnly);
            if (readOnly && !_replaceReadOnly)
            {
                TryDelete();
                throw new BankInsightException(ErrorIds.OutputExists, ErrorKind.ResourceExists, $"'{Path}' is read-only; it was not replaced.", Path);
            }
            if (readOnly) File.SetAttributes(Path, File.GetAttributes(Path) & ~FileAttributes.ReadOnly);
            try
            {
                File.Move(TempPath, Path, overwrite: true);
            }
            finally
            {
                // On the new file after the rename, back on the old one if it failed.
                if (readOnly) File.SetAttributes(Path, File.GetAttributes(Path) | FileAttributes.ReadOnly);
            }
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete();
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError,
                $"Cannot write '{Path}': {e.Message}", Path, e);
        }
    }

    /// <summary>Discards the temporary file unless committed.</summary>
    public void Dispose()
    {
        if (_committed) return;
        _stream.Dispose();
        TryDelete();
    }

    private void TryDelete()
    {
        try
        {
            File.Delete(TempPath);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden .tmp file is harmless; the target is untouched.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
