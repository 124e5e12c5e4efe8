using System.Text;

namespace BankInsight.Common;

/// <summary>
/// Writes a file so that readers only ever see the old file or the complete new one: data
/// goes to a temporary file beside the target, which replaces the target on
/// <see cref="Commit"/> (a rename within one directory, atomic on POSIX and NTFS).
/// Disposing without committing deletes the temporary file and leaves the target untouched.
/// </summary>
/// <remarks>
/// Replacing a file keeps what an administrator set on it: a target that is a symbolic link is
/// written through to the file it points to (the link stays a link), and the new file takes the
/// old one's Unix permissions (a mode-600 result stays 600). A read-only target is refused, unless
/// <see cref="OutputFile.ReplaceReadOnly"/>: then its flag is lifted only for the rename and put
/// back on the new file, so no crash leaves it writable. Several files of one job commit together
/// through <see cref="CommitGroup"/>, in two steps: <see cref="Prepare"/> then <see cref="Publish"/>.
/// </remarks>
public sealed class AtomicFileWriter : ICommittedFile
{
    // File names are limited to 255 bytes on the file systems banks use; the temporary name
    // keeps a readable prefix of the target's name within that.
    private const int MaxPrefixBytes = 160;

    private readonly FileStream _stream;
    private readonly WriteFailures _guarded;
    private readonly bool _replaceReadOnly;
    private bool _prepared, _committed;
    private bool _restoreReadOnly;

    /// <summary>Opens a temporary file next to <paramref name="target"/>'s path (or next to the file it links to).</summary>
    public AtomicFileWriter(OutputFile target)
    {
        string path = target.Path;
        _replaceReadOnly = target.ReplaceReadOnly;
        Path = FinalTarget(System.IO.Path.GetFullPath(path));
        string directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError,
                $"Cannot write '{path}': the folder '{directory}' does not exist.", path);
        TempPath = System.IO.Path.Combine(directory, $".{Prefix(System.IO.Path.GetFileName(Path))}.{System.IO.Path.GetRandomFileName()}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
            // The temporary file holds the same customer ids as the file it replaces: it gets that
            // file's permissions from the start (a mode-600 list is never world-readable, not even
            // while being written, nor left so by kill -9). A new file gets the usual umask default.
            if (!OperatingSystem.IsWindows() && File.Exists(Path)) options.UnixCreateMode = File.GetUnixFileMode(Path) | UnixFileMode.UserRead | UnixFileMode.UserWrite;
            _stream = new FileStream(TempPath, options);
            _guarded = new WriteFailures(_stream, Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError,
                $"Cannot write '{path}': {e.Message}", path, e);
        }
    }

    /// <summary>The file that will be replaced (a symbolic link's final target).</summary>
    public string Path { get; }

    /// <summary>The temporary file being written.</summary>
    public string TempPath { get; }

    /// <summary>Where to write the content. A write that fails (a full disk) throws OutputWriteFailed naming the target, not a bare IOException.</summary>
    public Stream Stream => _guarded;

    /// <summary>Flushes to disk and moves the temporary file over the target.</summary>
    public void Commit()
    {
        if (_committed) return;
        Prepare();
        Publish();
    }

    /// <summary>
    /// First step of a commit: the content is on disk and the target may be replaced (read-only
    /// checked, permissions copied); nothing is replaced yet. A failure here leaves the target as it was.
    /// </summary>
    public void Prepare()
    {
        if (_prepared) return;
        try
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            if (File.Exists(Path))
            {
                var attributes = File.GetAttributes(Path);
                if (attributes.HasFlag(FileAttributes.ReadOnly) && !_replaceReadOnly)
                    throw new BankInsightException(ErrorIds.OutputExists, ErrorKind.ResourceExists, $"'{Path}' is read-only; it was not replaced.", Path);
                _restoreReadOnly = attributes.HasFlag(FileAttributes.ReadOnly);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(TempPath, File.GetUnixFileMode(Path));
            }
            _prepared = true;
        }
        catch (Exception e) when (WriteFailures.IsWriteFailure(e) || e is UnauthorizedAccessException)
        {
            TryDelete();
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError, $"Cannot write '{Path}': {e.Message}", Path, e);
        }
        catch (BankInsightException)
        {
            TryDelete();
            throw;
        }
    }

    /// <summary>Second step: the prepared temporary file replaces the target (one rename).</summary>
    public void Publish()
    {
        if (_committed) return;
        if (!_prepared) throw new InvalidOperationException("Prepare before Publish.");
        try
        {
            if (_restoreReadOnly) File.SetAttributes(Path, File.GetAttributes(Path) & ~FileAttributes.ReadOnly);
            try
            {
                File.Move(TempPath, Path, overwrite: true);
            }
            finally
            {
                // On the new file after the rename, back on the old one if it failed.
                if (_restoreReadOnly) File.SetAttributes(Path, File.GetAttributes(Path) | FileAttributes.ReadOnly);
            }
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete();
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError, $"Cannot write '{Path}': {e.Message}", Path, e);
        }
    }

    /// <summary>Discards the temporary file unless committed. Never throws: on a full disk, closing the stream fails too, and the file must still go.</summary>
    public void Dispose()
    {
        if (_committed) return;
        try
        {
            _stream.Dispose();
        }
        catch (Exception e) when (WriteFailures.IsWriteFailure(e))
        {
            // The buffered bytes could not be written (a full disk): they are not wanted anyway.
        }
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

    /// <summary>The file a path finally names: through any symbolic links, or the path itself.</summary>
    private static string FinalTarget(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path; // a link cycle or an unreadable link: write the path itself, and let the rename report it
        }
    }

    private static string Prefix(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxPrefixBytes) return name;
        var prefix = new StringBuilder();
        int bytes = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > MaxPrefixBytes) break;
            prefix.Append(rune.ToString());
        }
        return prefix.ToString();
    }
}

/// <summary>
/// The temporary file's stream, with write failures (a full disk, a lost network share) reported
/// as what they are — a file that cannot be written, named — rather than as an internal error.
/// </summary>
internal sealed class WriteFailures(FileStream inner, string target) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            throw Failed(e);
        }
    }

    public override void Flush() => Guard(inner.Flush);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    // The file stream belongs to the AtomicFileWriter, which closes it.
    protected override void Dispose(bool disposing) { }

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            throw Failed(e);
        }
    }

    // A full disk is an IOException; a file-size limit (EFBIG: a quota, RLIMIT_FSIZE) reaches .NET
    // as ArgumentOutOfRangeException "file length too large for the file system".
    internal static bool IsWriteFailure(Exception e) => e is IOException or ArgumentOutOfRangeException;

    private BankInsightException Failed(Exception e) =>
        new(ErrorIds.OutputWriteFailed, ErrorKind.WriteError, $"Cannot write '{target}': {Reason(e)} The previous file, if any, is unchanged.", target, e);

    // .NET's text for EFBIG is about a parameter ("Specified file length was too large for the file
    // system. (Parameter 'value')"): say what it means to the person running the job.
    private static string Reason(Exception e) => e is ArgumentOutOfRangeException
        ? "the file system or a limit on file size (a quota, ulimit -f) allows no larger file."
        : e.Message.TrimEnd().EndsWith('.') ? e.Message.TrimEnd() : e.Message.TrimEnd() + ".";
}
