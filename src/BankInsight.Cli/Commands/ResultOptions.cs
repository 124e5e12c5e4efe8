using System.CommandLine;
using BankInsight.ResultFiles;

namespace BankInsight.Cli;

/// <summary>What commands that write result files share: --spreadsheet_safe, and making the writers.</summary>
internal sealed class ResultOptions
{
    public Option<bool> SpreadsheetSafe { get; } = new("--spreadsheet_safe")
    {
        Description = "Give text that a spreadsheet would read as a formula (starting with = + - @) a leading apostrophe. Off by default: the bank's systems need ids exactly.",
    };

    public Option<bool> AllowEmpty { get; } = new("--allow_empty")
    {
        Description = "Let an empty result replace a previous one that was not empty (refused by default: it is more often a wrong threshold or file than the truth).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(SpreadsheetSafe);
        command.Options.Add(AllowEmpty);
    }

    /// <summary>A result writer for <paramref name="path"/> with the options given; <paramref name="mayBeEmpty"/> for a side list that is often empty (related parties).</summary>
    public BankResultWriter Writer(ParseResult parse, string path, bool mayBeEmpty = false) =>
        new(path) { SpreadsheetSafe = parse.GetValue(SpreadsheetSafe), AllowEmpty = mayBeEmpty || parse.GetValue(AllowEmpty) };
}
