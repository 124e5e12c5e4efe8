namespace BankInsight.Common;

/// <summary>
/// Which file a path really names — after '..', relative parts and symbolic links (of the file or
/// of its folders) — so that one command can refuse to read and write, or write twice, the same
/// file under two names: an output named like its input would replace the data it is reading.
/// </summary>
public static class FileIdentity
{
    /// <summary>A key equal for two paths that name the same file (the file need not exist yet).</summary>
    public static string Key(string path)
    {
        string full = Path.GetFullPath(path);
        string resolved = Resolve(full);
        return OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? resolved.ToUpperInvariant() : resolved;
    }

    /// <summary>
    /// Throws ParameterInvalid when two of <paramref name="paths"/> name the same file and at least
    /// one of them is written; null paths (options not given) are skipped.
    /// </summary>
    /// <param name="paths">Each path with the name of its parameter (for the message) and whether the command writes it.</param>
    public static void RequireDistinct(IEnumerable<(string Parameter, string? Path, bool Written)> paths)
    {
        var seen = new Dictionary<string, (string Parameter, bool Written)>();
        foreach (var (parameter, path, written) in paths)
        {
            if (string.IsNullOrEmpty(path)) continue;
            string key = Key(path);
            if (seen.TryGetValue(key, out var earlier))
            {
                if (written || earlier.Written)
                    throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                        $"{earlier.Parameter} and {parameter} name the same file ('{path}'); a command never writes over a file it reads or writes another result to. Give each its own file.", path);
                continue;
            }
            seen[key] = (parameter, written);
        }
    }

    // Walks the path from its root and replaces every part that is a symbolic link (a folder such
    // as /data/out -> /mnt/results, or the file itself) by what it finally points to.
    private static string Resolve(string full, int depth = 0)
    {
        string root = Path.GetPathRoot(full)!;
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            try
            {
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                if (depth < 40 && info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                    next = Resolve(target.FullName, depth + 1);
            }
            catch (IOException)
            {
                // A link cycle or an unreadable link: keep the path as written from here on.
            }
            current = next;
        }
        return current;
    }
}
