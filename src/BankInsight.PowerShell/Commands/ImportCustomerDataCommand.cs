using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.PowerShell.Infrastructure;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Loads a .del or .csv file into a columnar customer data set.</para>
/// <para type="description">Reads DB2 DEL (no header) or CSV with a header, detects the encoding, checks every row against the schema and reports bad rows as non-terminating errors (id BankInsight.RowRejected) while keeping the good ones.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "CustomerData", DefaultParameterSetName = PathSet)]
[OutputType(typeof(CustomerDataSet), typeof(PSObject))]
public sealed class ImportCustomerDataCommand : BankInsightCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>Files to load; wildcards allowed. Takes piped paths.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Files to load, taken exactly as written (no wildcards). Binds PSPath of Get-ChildItem's files, so names with [ ] work.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Built-in schema name (CorporateChurn, CorporateProspect, ProspectRelation, Retail) or a schema JSON file. Guessed from the file when omitted.</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    public string? Schema { get; set; }

    /// <summary>Auto (default: UTF-8 unless most lines of non-ASCII text are not valid UTF-8, then GB18030), utf8, gb18030, or an Encoding object.</summary>
    [Parameter]
    [EncodingTransformation(forReading: true)]
    [ArgumentCompleter(typeof(ReadEncodingCompleter))]
    public System.Text.Encoding? Encoding { get; set; }

    /// <summary>Field separator (default ',').</summary>
    [Parameter]
    public char Delimiter { get; set; } = ',';

    /// <summary>Whether the first line is a header: Auto (default), Present or Absent.</summary>
    [Parameter]
    public HeaderMode Header { get; set; } = HeaderMode.Auto;

    /// <summary>Writes rejected lines here verbatim, so nothing is lost (replacing the file of an earlier run; the folder must exist).</summary>
    [Parameter]
    public string? RejectPath { get; set; }

    /// <summary>Reject (default) or Keep rows whose customer id appeared on an earlier row.</summary>
    [Parameter]
    public DuplicateIdPolicy DuplicateId { get; set; } = DuplicateIdPolicy.Reject;

    /// <summary>Emit one object per row instead of the data set (for small files and ad-hoc filtering).</summary>
    [Parameter]
    public SwitchParameter AsRecord { get => AsRecordFlag; set => AsRecordFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool AsRecordFlag { get; set; }

    private BankSchema? _schema;
    private string? _rejectsOf;
    private readonly InputProblems _problems = new();

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Process(CommandHost));

    /// <inheritdoc />
    protected override void EndProcessing() => Guarded(() => Finish(CommandHost));

    internal void Process(ICommandHost host)
    {
        if (Schema is not null) _schema ??= SchemaResolution.Resolve(host, Schema); // a wrong -Schema stops the command, whatever the files
        bool literal = ParameterSetName == LiteralPathSet;
        var files = (literal ? LiteralPath : Path).SelectMany(p => InputFiles.Resolve(host, p, literal, _problems)).ToList();
        if (files.Count == 0) return;
        if (RejectPath is not null)
        {
            // One reject file per command: a second input (named, or piped on a later step) would replace the first's rejects.
            if (files.Count > 1 || _rejectsOf is not null)
                host.ThrowTerminatingError(ErrorMapping.InvalidParameter(
                    $"-RejectPath keeps the rejected lines of one input file{(_rejectsOf is null ? "" : $" ({_rejectsOf})")}, and this command has more; load the files one by one.", RejectPath));
            _rejectsOf = files[0];
        }
        // Checked before reading: a reject file that cannot be written must not cost the load.
        string? rejectPath = RejectPath is null ? null : OutputFiles.Prepare(host, RejectPath, noClobber: false, force: false, action: null)!.Value.Path;
        FileIdentity.RequireDistinct([(literal ? "-LiteralPath" : "-Path", files[0], false), ("-RejectPath", rejectPath, true)]);
        foreach (var file in files)
        {
            if (InputFiles.TryLoad(host, file, () => BuildOptions(host, file, rejectPath), _problems) is not { } data) continue;
            if (AsRecordFlag)
            {
                foreach (var row in DataSetRows.Enumerate(data))
                {
                    host.Cancellation.ThrowIfCancellationRequested();
                    host.WriteObject(host.CreateRecord(row));
                }
            }
            else
            {
                host.WriteObject(data);
            }
        }
    }

    /// <summary>The end of the input: when no file could be read, the command stops (see <see cref="InputProblems"/>).</summary>
    internal void Finish(ICommandHost host) => _problems.Finish(host);

    /// <summary>Maps the parameters onto the core's load options.</summary>
    internal DataLoadOptions BuildOptions(ICommandHost host, string file, string? rejectPath = null)
    {
        var encoding = Encoding;
        var schema = Schema is null
            ? SchemaGuesser.Guess(file, Delimiter, encoding)
            : _schema ??= SchemaResolution.Resolve(host, Schema);
        if (Schema is null) host.WriteVerbose($"Schema {schema.Name} chosen for {file} from its layout.");
        return new DataLoadOptions(schema)
        {
            Encoding = encoding,
            Delimiter = Delimiter,
            Header = Header,
            DuplicateIds = DuplicateId,
            RejectPath = rejectPath,
        };
    }
}
