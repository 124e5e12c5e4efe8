namespace BankInsight.Common;

/// <summary>
/// A job's output files (list, scores, related parties, rejected lines), replaced together or not
/// at all: every file is complete on disk before any target is touched, and when replacing one
/// fails, those already replaced get their previous content back — so a full disk never leaves a
/// new list beside last month's scores.
/// </summary>
/// <remarks>
/// Each target is still replaced by one rename (readers see the old file or the new one, never
/// none). The previous content of every file but the last is kept as a copy until all renames succeeded (the copy costs a read and a write of last month's file; a job with one file makes none). A process killed in
/// the middle of the renames can leave a mix, and hidden .bak copies beside the files that say
/// which were replaced; that window is the renames alone, milliseconds after all writing is done.
/// </remarks>
public sealed class CommitGroup : IDisposable
{
    private readonly List<ICommittedFile> _files = [];
    private bool _committed;

    /// <summary>Adds a file to commit with the others; returns it.</summary>
    public T Add<T>(T file) where T : ICommittedFile
    {
        if (_committed) throw new InvalidOperationException("The group was committed already.");
        _files.Add(file);
        return file;
    }

    /// <summary>Replaces every target, or none (see the remarks for the one exception).</summary>
    public void CommitAll()
    {
        if (_committed) return;
        foreach (var file in _files) file.Prepare();
        var backups = new List<(string Target, string? Backup)>();
        try
        {
            // Only files replaced before another may need their previous content back: the last
            // file's rename either happens or not, so it is not copied (one file: no copy at all).
            foreach (var file in _files.Take(_files.Count - 1))
            {
                string? backup = null;
                if (File.Exists(file.Path))
                {
                    backup = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file.Path)!, $".{System.IO.Path.GetRandomFileName()}.bak");
                    File.Copy(file.Path, backup);
                }
                backups.Add((file.Path, backup));
            }
            for (int i = 0; i < _files.Count; i++)
            {
                try
                {
                    _files[i].Publish();
                }
                catch (BankInsightException)
                {
                    Restore(backups.Take(i));
                    throw;
                }
            }
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError,
                $"Cannot keep a copy of the previous results before replacing them: {e.Message}", _files.FirstOrDefault()?.Path, e);
        }
        finally
        {
            foreach (var (_, backup) in backups)
                if (backup is not null) TryDelete(backup);
        }
    }

    /// <summary>Discards every file not committed.</summary>
    public void Dispose()
    {
        foreach (var file in _files) file.Dispose();
    }

    private static void Restore(IEnumerable<(string Target, string? Backup)> replaced)
    {
        foreach (var (target, backup) in replaced)
        {
            try
            {
                if (backup is null) File.Delete(target);              // it did not exist before
                else File.Move(backup, target, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the error that stopped the commit is the one reported.
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A file written beside its target and committed in two steps (see <see cref="AtomicFileWriter"/>).</summary>
public interface ICommittedFile : IDisposable
{
    /// <summary>The file that will be replaced.</summary>
    string Path { get; }

    /// <summary>Makes the content complete on disk and checks the target may be replaced; replaces nothing.</summary>
    void Prepare();

    /// <summary>Replaces the target with the prepared content.</summary>
    void Publish();
}
