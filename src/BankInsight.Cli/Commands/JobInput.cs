using System.CommandLine;
using System.Globalization;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Serialization;

namespace BankInsight.Cli;

/// <summary>
/// What job commands share: loading their input files (remembering whether any row was
/// rejected, which makes the exit code 3, and refusing a file no result may be built on), a
/// --schema override, --data_month, --max_rejected_share, the model file (the shipped one by
/// default), and the rule that no two paths of a command name the same file.
/// </summary>
internal sealed class JobInput(string defaultSchema)
{
    public DataFileOptions Files { get; } = new();
    public Option<string?> Schema { get; } = new("--schema") { Description = $"Schema name or JSON file (default {defaultSchema})." };
    public Option<string?> DataMonth { get; } = new("--data_month") { Description = "The data's month, yyyy-MM (default: read from the file's dates; sentinels such as 99991231 and dates after this month ignored; --verbose says which)." };
    public Option<double> MaxRejectedShare { get; } = new("--max_rejected_share")
    {
        Description = "Produce nothing, and leave earlier results as they are, when more than this share of a file's rows is rejected (default 0.5).",
        DefaultValueFactory = _ => InputCheck.DefaultMaxRejectedShare,
    };

    /// <summary>
    /// For schedulers that know only "0 unless it crashed": rows rejected exit 0, not 3. The
    /// rejected rows are still counted on stderr and kept with --reject_path.
    /// </summary>
    public Option<bool> LegacyExitCodes { get; } = new("--legacy_exit_codes") { Description = "Exit 0, not 3, when some rows were rejected (the count is still printed), for schedulers that only know 0 and failure." };

    public bool RowsRejected { get; private set; }
    private bool _legacyExitCodes;

    public void AddTo(Command command, bool dataMonth = false)
    {
        Files.AddTo(command);
        command.Options.Add(Schema);
        command.Options.Add(MaxRejectedShare);
        command.Options.Add(LegacyExitCodes);
        if (dataMonth) command.Options.Add(DataMonth);
    }

    /// <summary>
    /// Loads one input file. Its rejected lines (--reject_path) join <paramref name="commit"/>, so
    /// they are replaced with the job's results or not at all; a file with no usable row or too many
    /// rejected stops the job before it writes anything.
    /// </summary>
    /// <param name="columns">The columns the job reads, from the schema (null: all; see <see cref="DataLoadOptions.Columns"/>).</param>
    public CustomerDataSet Load(ParseResult parse, CliContext context, string path, CommitGroup commit, string? schemaOverride = null, bool withRejectPath = true,
        Func<BankSchema, IReadOnlySet<string>?>? columns = null)
    {
        _legacyExitCodes = parse.GetValue(LegacyExitCodes);
        var schema = BuiltInSchemas.Resolve(schemaOverride ?? parse.GetValue(Schema) ?? defaultSchema);
        var options = Files.Build(parse, schema, withRejectPath);
        var data = CustomerDataLoader.Load(path, new DataLoadOptions(options.Schema)
        {
            Encoding = options.Encoding, Delimiter = options.Delimiter, Header = options.Header, DuplicateIds = options.DuplicateIds,
            RejectPath = options.RejectPath, RejectCommit = commit, Columns = columns?.Invoke(options.Schema),
        }, context.Sink(parse), context.Cancel);
        InputCheck.Usable(data, parse.GetValue(MaxRejectedShare), "--max_rejected_share");
        if (data.Summary.RowsRejected > 0)
        {
            RowsRejected = true;
            context.Error.WriteLine($"note: {data.Summary.RowsRejected:N0} of {data.Summary.RecordsRead:N0} rows of {path} were rejected (see the errors above{(withRejectPath && parse.GetValue(Files.RejectPath) is { } r ? $" and {r}" : "")}).");
        }
        return data;
    }

    /// <summary>
    /// A retail file the job streams (<see cref="Jobs.Retail.RetailFile"/>): the same options, rejections and
    /// reject file as <see cref="Load"/>, and the same check of the rejected share — made once the first pass
    /// has read the whole file, before any result is written.
    /// </summary>
    public Jobs.Retail.RetailFile Open(ParseResult parse, CliContext context, string path, CommitGroup commit)
    {
        _legacyExitCodes = parse.GetValue(LegacyExitCodes);
        var schema = BuiltInSchemas.Resolve(parse.GetValue(Schema) ?? defaultSchema);
        var options = Files.Build(parse, schema, withRejectPath: true);
        return new Jobs.Retail.RetailFile(path, new DataLoadOptions(options.Schema)
        {
            Encoding = options.Encoding, Delimiter = options.Delimiter, Header = options.Header, DuplicateIds = options.DuplicateIds,
            RejectPath = options.RejectPath, RejectCommit = commit,
        })
        {
            Checked = summary =>
            {
                InputCheck.Usable(summary, parse.GetValue(MaxRejectedShare), "--max_rejected_share");
                if (summary.RowsRejected == 0) return;
                RowsRejected = true;
                context.Error.WriteLine($"note: {summary.RowsRejected:N0} of {summary.RecordsRead:N0} rows of {path} were rejected (see the errors above{(parse.GetValue(Files.RejectPath) is { } r ? $" and {r}" : "")}).");
            },
        };
    }

    public DateOnly? Month(ParseResult parse) =>
        parse.GetValue(DataMonth) is not { } text ? null
        : DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new Common.BankInsightException(Common.ErrorIds.ParameterInvalid, Common.ErrorKind.InvalidArgument, $"--data_month '{text}' is not a month as yyyy-MM.", text);

    public int ExitCode => RowsRejected && !_legacyExitCodes ? ExitCodes.RowsRejected : ExitCodes.Success;

    /// <summary>
    /// Before any work: no two paths name one file (after links and '..'), and every file to write
    /// can be written where it is named (not a folder, its folder there).
    /// </summary>
    public void CheckPaths(ParseResult parse, params (string Parameter, string? Path, bool Written)[] paths)
    {
        (string Parameter, string? Path, bool Written)[] all = [.. paths, ("--reject_path", parse.GetValue(Files.RejectPath), true)];
        FileIdentity.RequireDistinct(all);
        foreach (var (parameter, path, written) in all)
        {
            if (!written) continue;
            OutputPaths.RequireWritable(parameter, path);
            if (parameter != "--model") OutputPaths.RequireNotAModel(parameter, path); // training replaces a model; results never do
        }
    }

    public static TrainedModel LoadModel(string? path, string shippedName, string purpose) =>
        TrainedModel.Load(path is null ? ShippedModels.Locate(shippedName) : ShippedModels.Resolve(path, path), purpose);
}
