using System.Management.Automation;
using BankInsight.PowerShell.Infrastructure;

namespace BankInsight.PowerShell.Tests;

/// <summary>Thrown by <see cref="FakeHost.ThrowTerminatingError"/> so tests can assert on the spec.</summary>
internal sealed class TerminatingErrorException(ErrorSpec spec) : Exception(spec.Message)
{
    internal ErrorSpec Spec { get; } = spec;
}

/// <summary>An <see cref="ICommandHost"/> that records what the adapter wrote.</summary>
internal sealed class FakeHost : ICommandHost
{
    public List<object?> Output { get; } = [];
    public List<ErrorSpec> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    public List<string> Verbose { get; } = [];
    public List<ProgressSpec> Progress { get; } = [];
    public List<(string Target, string Action)> ShouldProcessCalls { get; } = [];
    public bool ShouldProcessAnswer { get; set; } = true;
    public string CurrentDirectory { get; set; } = Directory.GetCurrentDirectory();
    public CancellationToken Cancellation { get; set; }

    public void WriteObject(object? value) => Output.Add(value);
    public void WriteError(ErrorSpec error) => Errors.Add(error);
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void ThrowTerminatingError(ErrorSpec error) => throw new TerminatingErrorException(error);
    public List<string?> RecordTypeNames { get; } = [];
    public object CreateRecord(IReadOnlyList<KeyValuePair<string, object?>> properties, string? typeName = null)
    {
        RecordTypeNames.Add(typeName);
        return properties.ToDictionary(p => p.Key, p => p.Value);
    }
    public IReadOnlyList<KeyValuePair<string, object?>> ReadProperties(object record) =>
        record is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToList()
        : record.GetType().GetProperties().Select(p => new KeyValuePair<string, object?>(p.Name, p.GetValue(record))).ToList();
    public void WriteWarning(string message) => Warnings.Add(message);
    public void WriteVerbose(string message) => Verbose.Add(message);
    public void WriteProgress(ProgressSpec progress) => Progress.Add(progress);

    public IReadOnlyList<string> ResolveInputPaths(string path, bool literal)
    {
        string full = Path.GetFullPath(path, CurrentDirectory);
        if (literal || !path.Contains('*')) return [full];
        return Directory.GetFiles(Path.GetDirectoryName(full)!, Path.GetFileName(full)).Order(StringComparer.Ordinal).ToArray();
    }

    public string ResolveOutputPath(string path) => Path.GetFullPath(path, CurrentDirectory);

    public object GetFile(string path) => new FileInfo(path);

    public bool ShouldProcess(string target, string action)
    {
        ShouldProcessCalls.Add((target, action));
        return ShouldProcessAnswer;
    }
}

/// <summary>Where the repository is, found from the test binaries.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "BankInsight.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("BankInsight.sln not found above " + AppContext.BaseDirectory);
    }

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);
}

/// <summary>Runs a job cmdlet's adapter as PowerShell would for one pipeline step: BeginProcessing, ProcessRecord, then EndProcessing.</summary>
internal static class JobCmdletExtensions
{
    public static void Execute(this BankInsight.PowerShell.Infrastructure.DataJobCmdlet command, FakeHost host)
    {
        command.Begin(host);
        command.Process(host);
        command.Finish(host);
    }
}
