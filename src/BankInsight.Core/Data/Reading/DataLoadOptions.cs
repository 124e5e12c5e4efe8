using System.Text;
using BankInsight.Common;
using BankInsight.Data.Schemas;

namespace BankInsight.Data.Reading;

/// <summary>Whether the first line is a header row.</summary>
public enum HeaderMode
{
    /// <summary>Header when at least half of the first line's fields are schema column names.</summary>
    Auto,
    /// <summary>The first line is a header; columns are matched by name.</summary>
    Present,
    /// <summary>No header (DB2 DEL); columns are in schema order.</summary>
    Absent,
}

/// <summary>What to do with a row whose customer id appeared on an earlier row.</summary>
public enum DuplicateIdPolicy
{
    /// <summary>Reject it (the first row with the id is kept). The default: a customer file has one row per customer.</summary>
    Reject,
    /// <summary>Keep it; for files whose ids were damaged upstream (e.g. written as floats) but whose rows are distinct.</summary>
    Keep,
}

/// <summary>How to read one input file.</summary>
public sealed class DataLoadOptions
{
    /// <summary>Options for reading files of <paramref name="schema"/>.</summary>
    public DataLoadOptions(BankSchema schema) => Schema = schema;

    /// <summary>The file's layout.</summary>
    public BankSchema Schema { get; init; }

    /// <summary>The file's encoding, or null to detect it (UTF-8 unless most lines of non-ASCII text are not valid UTF-8; see TextEncodings.ChooseByEvidence).</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>Field separator; ',' for DEL, ';' for some CSV exports.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first line is a header row.</summary>
    public HeaderMode Header { get; init; } = HeaderMode.Auto;

    /// <summary>When set, rejected lines are written here verbatim (after the header line, if any).</summary>
    public string? RejectPath { get; init; }

    /// <summary>
    /// When set, the reject file joins this group and is replaced with the job's results (or not at
    /// all); otherwise it is replaced as soon as the file has been read.
    /// </summary>
    public CommitGroup? RejectCommit { get; init; }

    /// <summary>Duplicate customer ids: reject (default) or keep.</summary>
    public DuplicateIdPolicy DuplicateIds { get; init; } = DuplicateIdPolicy.Reject;

    /// <summary>
    /// The columns a job reads (null: all). The others are still parsed and checked — so exactly the
    /// same rows are rejected, for the same reasons, and empty columns are still reported — but their
    /// values are not kept: a job that reads 40 of the Retail file's 134 columns holds 40 in memory.
    /// The customer id is always kept; the name only when asked for (result files carry ids only).
    /// </summary>
    public IReadOnlySet<string>? Columns { get; init; }

    /// <summary>
    /// A second pass over a file already read: only these lines (1-based, ascending — the source
    /// lines of rows the first pass loaded) are parsed and loaded; the others are skipped unread, and
    /// repeats of an id are not looked for (the first pass did). Null: every line.
    /// </summary>
    public IReadOnlyList<int>? Lines { get; init; }

    /// <summary>
    /// These options for one pass of a job that reads its file in passes: the pass's own
    /// <paramref name="columns"/> and <paramref name="lines"/>. A later pass (given the
    /// <paramref name="firstPass"/>'s summary) reads with the encoding the first found — no second
    /// detection scan — and writes no reject file: the first pass reported and wrote the rejections.
    /// </summary>
    public DataLoadOptions ForPass(IReadOnlySet<string>? columns, IReadOnlyList<int>? lines = null, LoadSummary? firstPass = null) => new(Schema)
    {
        Encoding = firstPass is null ? Encoding : TextEncodings.Resolve(firstPass.EncodingName) ?? Encoding,
        Delimiter = Delimiter,
        Header = Header,
        DuplicateIds = DuplicateIds,
        RejectPath = firstPass is null ? RejectPath : null,
        RejectCommit = firstPass is null ? RejectCommit : null,
        Columns = columns,
        Lines = lines,
    };
}
