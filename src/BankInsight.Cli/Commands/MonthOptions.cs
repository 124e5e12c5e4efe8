using System.CommandLine;
using BankInsight.Common;
using BankInsight.Data;

namespace BankInsight.Cli;

/// <summary>The monthly files a next-month churn command takes beside its input: the month after, and earlier months.</summary>
internal sealed class MonthOptions(bool withNextMonth)
{
    public Option<string?> NextMonth { get; } = new("--next_month_path")
    {
        Description = "The month after the input: its figures give the labels of a next-month model (churn by that month).",
    };

    public Option<string[]> History { get; } = new("--history_path")
    {
        Description = "Earlier months, newest first (t-1 t-2 ...): trend features per customer.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    public void AddTo(Command command)
    {
        if (withNextMonth) command.Options.Add(NextMonth);
        command.Options.Add(History);
    }

    /// <summary>The paths, for the same-file check (all read).</summary>
    public IEnumerable<(string Parameter, string? Path, bool Written)> Paths(ParseResult parse) =>
        (withNextMonth ? [("--next_month_path", parse.GetValue(NextMonth), false)] : Array.Empty<(string, string?, bool)>())
            .Concat(parse.GetValue(History)!.Select(h => ("--history_path", (string?)h, false)));

    /// <summary>Loads the month after (or null) and the earlier months, with the input's reading options but without its reject file.</summary>
    public (CustomerDataSet? Next, IReadOnlyList<CustomerDataSet> History) Load(ParseResult parse, CliContext context, JobInput job, CommitGroup commit)
    {
        var next = withNextMonth && parse.GetValue(NextMonth) is { } path ? job.Load(parse, context, path, commit, withRejectPath: false) : null;
        var history = parse.GetValue(History)!.Select(h => job.Load(parse, context, h, commit, withRejectPath: false)).ToList();
        return (next, history);
    }
}
