using System.CommandLine;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;

namespace BankInsight.Cli;

/// <summary>The options every command that reads a data file shares, and their mapping to <see cref="DataLoadOptions"/>.</summary>
internal sealed class DataFileOptions
{
    public Option<string> Encoding { get; } = new("--encoding") { Description = "auto (default: UTF-8 unless most lines of non-ASCII text are not valid UTF-8, then GB18030), utf-8 or gb18030.", DefaultValueFactory = _ => "auto" };
    public Option<string> Delimiter { get; } = new("--delimiter") { Description = "Field separator (default ',').", DefaultValueFactory = _ => "," };
    public Option<string> Header { get; } = new("--header") { Description = "auto (default), yes or no: whether the first line names the columns.", DefaultValueFactory = _ => "auto" };
    public Option<string> DuplicateIds { get; } = new("--duplicate_ids") { Description = "reject (default) or keep rows whose customer id appeared before.", DefaultValueFactory = _ => "reject" };
    public Option<string?> RejectPath { get; } = new("--reject_path") { Description = "Write rejected lines here verbatim (after the header line, if any)." };

    public DataFileOptions()
    {
        Header.AcceptOnlyFromAmong("auto", "yes", "no");
        DuplicateIds.AcceptOnlyFromAmong("reject", "keep");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Encoding);
        command.Options.Add(Delimiter);
        command.Options.Add(Header);
        command.Options.Add(DuplicateIds);
        command.Options.Add(RejectPath);
    }

    /// <param name="columns">The columns to keep in memory (null: all; see <see cref="DataLoadOptions.Columns"/>).</param>
    public DataLoadOptions Build(ParseResult parse, BankSchema schema, bool withRejectPath = true, IReadOnlySet<string>? columns = null)
    {
        string delimiter = parse.GetValue(Delimiter)!;
        if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
        if (delimiter.Length != 1)
            throw new Common.BankInsightException(Common.ErrorIds.ParameterInvalid, Common.ErrorKind.InvalidArgument, $"--delimiter must be one character (got '{delimiter}').", delimiter);
        return new DataLoadOptions(schema)
        {
            Encoding = TextEncodings.Resolve(parse.GetValue(Encoding)),
            Delimiter = delimiter[0],
            Header = parse.GetValue(Header) switch { "yes" => HeaderMode.Present, "no" => HeaderMode.Absent, _ => HeaderMode.Auto },
            DuplicateIds = parse.GetValue(DuplicateIds) == "keep" ? DuplicateIdPolicy.Keep : DuplicateIdPolicy.Reject,
            RejectPath = withRejectPath ? parse.GetValue(RejectPath) : null,
            Columns = columns,
        };
    }
}
