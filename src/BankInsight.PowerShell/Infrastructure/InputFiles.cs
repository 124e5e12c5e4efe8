using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Turns -Path / -LiteralPath entries and piped paths into the files to read, as Get-Content does:
/// each entry is resolved on its own, and one that names nothing to read — a missing file, a
/// wildcard that matches no file, a folder — is a non-terminating error naming it, so the other
/// files are still read and <c>-ErrorAction Stop</c> makes it fatal.
/// </summary>
internal static class InputFiles
{
    /// <summary>The files <paramref name="path"/> names; each problem goes to <paramref name="problems"/> and is skipped.</summary>
    public static IReadOnlyList<string> Resolve(ICommandHost host, string path, bool literal, InputProblems problems)
    {
        var files = new List<string>();
        try
        {
            foreach (string file in Matches(host, path, literal, "use -LiteralPath for a name that holds them"))
            {
                try { files.Add(Checked(file)); }
                catch (BankInsightException e) { problems.Add(host, ErrorMapping.FromException(e)); }
            }
        }
        catch (BankInsightException e)
        {
            problems.Add(host, ErrorMapping.FromException(e));
        }
        return files;
    }

    /// <summary>
    /// Loads one file; a file that cannot be read at all — including one whose options cannot be
    /// made, such as a schema that cannot be guessed from it — goes to <paramref name="problems"/>
    /// (null), so that the other files still run.
    /// </summary>
    public static CustomerDataSet? TryLoad(ICommandHost host, string file, Func<DataLoadOptions> options, InputProblems problems)
    {
        try
        {
            var data = CustomerDataLoader.Load(file, options(), new HostSink(host), host.Cancellation);
            problems.Read(host);
            return data;
        }
        catch (BankInsightException e)
        {
            problems.Add(host, ErrorMapping.FromException(e));
            return null;
        }
    }

    /// <summary>Exactly one file, for a parameter that names one (-RelationPath): anything else stops the command.</summary>
    public static string Single(ICommandHost host, string path, string parameter)
    {
        var files = Matches(host, path, literal: false, $"escape them for -{parameter} ('a`[1`].del')");
        if (files.Count > 1)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"-{parameter} '{path}' matches {files.Count} files ({string.Join(", ", files.Take(3).Select(System.IO.Path.GetFileName))}{(files.Count > 3 ? ", …" : "")}); give one file.", path);
        return Checked(files[0]);
    }

    private static IReadOnlyList<string> Matches(ICommandHost host, string path, bool literal, string literalAdvice)
    {
        var files = host.ResolveInputPaths(path, literal);
        if (files.Count == 0)
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound,
                $"No file matches '{path}'." + (literal || path.IndexOfAny(['[', ']']) < 0 ? "" :
                    $" [ ] are wildcard characters here: {literalAdvice}."), path);
        return files;
    }

    private static string Checked(string file)
    {
        if (Directory.Exists(file))
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.InvalidArgument,
                $"'{file}' is a folder, not a data file; name the files in it (e.g. '{System.IO.Path.Combine(file, "*.del")}').", file);
        if (!File.Exists(file))
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound, $"Cannot find the file '{file}'.", file);
        return file;
    }
}
