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

    public void AddTo(Command command) => command.Options.Add(SpreadsheetSafe);

    /// <summary>A result writer for <paramref name="path"/> with the options given.</summary>
    public BankResultWriter Writer(ParseResult parse, string path) => new(path) { SpreadsheetSafe = parse.GetValue(SpreadsheetSafe) };
}
