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
        var seen = new Dictionary<string, (string Parameter, string Path, bool Written)>();
        foreach (var (parameter, path, written) in paths)
        {
            if (string.IsNullOrEmpty(path)) continue;
            string key = Key(path);
            if (seen.TryGetValue(key, out var earlier))
            {
                if (written || earlier.Written) throw Same(earlier.Parameter, parameter, path);
                continue;
            }
            // Names that differ may still be one file: a hard link, or a share that ignores case.
            foreach (var other in seen.Values)
                if ((written || other.Written) && AreOneFile(other.Path, path))
                    throw Same(other.Parameter, parameter, path, $" as '{other.Path}' (a hard link, or a name that differs only in case on a share that ignores case)");
            seen[key] = (parameter, path, written);
        }
    }

    private static BankInsightException Same(string earlier, string later, string path, string how = "") =>
        new(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
            $"{earlier} and {later} name the same file ('{path}'){how}; a command never writes over a file it reads or writes another result to. Give each its own file.", path);

    // Two existing files are one when their names differ only in case (on a share that ignores
    // case, writing one replaces the other; on one that does not, refusing costs little), or, on
    // Linux, when they have the same mount and inode (a hard link).
    private static bool AreOneFile(string a, string b)
    {
        if (!File.Exists(a) || !File.Exists(b)) return false;
        if (string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.OrdinalIgnoreCase)) return true;
        return OperatingSystem.IsLinux() && Inode(a) is { } x && Inode(b) is { } y && x == y;
    }

    // .NET tells no inode; Linux (5.14 and later) says it for an open file in /proc/self/fdinfo.
    // Null where it cannot be known: then only the names decide.
    private static (string Mount, string Inode)? Inode(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            string? mount = null, inode = null;
            foreach (string line in File.ReadLines($"/proc/self/fdinfo/{file.SafeFileHandle.DangerousGetHandle().ToInt64()}"))
            {
                if (line.StartsWith("mnt_id:", StringComparison.Ordinal)) mount = line[7..].Trim();
                else if (line.StartsWith("ino:", StringComparison.Ordinal)) inode = line[4..].Trim();
            }
            return mount is not null && inode is not null ? (mount, inode) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
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
