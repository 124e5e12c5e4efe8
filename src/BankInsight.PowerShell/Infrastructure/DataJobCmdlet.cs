using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Retail;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of every job cmdlet: where its data comes from, the same way everywhere. -Path names
/// files (wildcards allowed), -LiteralPath names them exactly, and -InputObject takes whatever the
/// pipeline brings — data sets from Import-CustomerData, files from Get-ChildItem (read by their
/// exact name), paths as strings, and rows from Import-Csv (bound to the schema's columns by name
/// and read like a file when the input ends). Each file and data set is a run of its own, so
/// results stream; a file that cannot be read is a non-terminating error and the rest go on.
/// </summary>
/// <remarks>
/// The default set is InputObject, and neither -Path nor -LiteralPath binds from the pipeline.
/// PowerShell's binder picks a parameter set before the first piped object arrives; when the
/// default set's mandatory parameter bound by property name (as -Path once did), it latched onto
/// that set and refused every data set, string and Import-Csv row. And -InputObject, taking any
/// object by value, always binds first anyway: Get-ChildItem's files arrive there and are read by
/// their exact name, which is what -LiteralPath's PSPath binding would have given. The Pester tests
/// pipe each kind of input into every job.
/// </remarks>
public abstract class DataJobCmdlet : BankInsightCmdlet
{
    /// <summary>Parameter set of -InputObject (the default: what the pipeline brings).</summary>
    protected const string InputObjectSet = "InputObject";

    /// <summary>Parameter set of -Path.</summary>
    protected const string PathSet = "Path";

    /// <summary>Parameter set of -LiteralPath.</summary>
    protected const string LiteralPathSet = "LiteralPath";

    private readonly List<IReadOnlyList<KeyValuePair<string, object?>>> _records = [];

    /// <summary>The data file(s); wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [FilePathsOnly]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>The data file(s), taken exactly as written (names with [ ] and *). Files piped from Get-ChildItem are read so too, through -InputObject.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Data sets from Import-CustomerData, files, paths, or rows (e.g. from Import-Csv) whose property names are the schema's column names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public object[]? InputObject { get; set; }

    /// <summary>Produce nothing (a terminating error) when more than this share of an input's rows was rejected; 0.5 by default, 1 accepts any.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MaxRejectedShare { get; set; } = InputCheck.DefaultMaxRejectedShare;

    /// <summary>A schema name or JSON file for files and rows (default: the job's own).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    public string? Schema { get; set; }

    /// <summary>The schema the job reads its files with.</summary>
    internal abstract string DefaultSchema { get; }

    /// <summary>Does the job for one data set, writing its results.</summary>
    internal abstract void Run(ICommandHost host, CustomerDataSet data);

    /// <summary>Takes a pipeline object that is not data (e.g. rules); false when the job has no use for it.</summary>
    internal virtual bool Accept(object item) => false;

    /// <summary>Called at each pipeline step before the data: where a job picks up other piped input (e.g. -Rule).</summary>
    internal virtual void Collect() { }

    /// <summary>True for jobs that need all their pipeline input first (e.g. every rule before recommending); they run at the end.</summary>
    internal virtual bool GathersInput => false;

    /// <summary>Called once after every data set was run: for a job over all its data sets together (a backtest over months).</summary>
    internal virtual void Complete(ICommandHost host) { }

    /// <summary>
    /// True for jobs that stream the files they read themselves (the retail jobs: see <see cref="RetailFile"/>)
    /// rather than load them: memory is a chunk and a few bytes per customer, whatever the file's size.
    /// Data sets given whole still run through <see cref="Run"/>.
    /// </summary>
    internal virtual bool StreamsFiles => false;

    /// <summary>Does the job for one file read in chunks, writing its results (jobs that <see cref="StreamsFiles"/>).</summary>
    internal virtual void RunFile(ICommandHost host, StreamedFile file) => throw new NotSupportedException($"{GetType().Name} does not stream files.");

    private readonly List<object> _gathered = [];
    private readonly InputProblems _problems = new();
    private BankSchema? _fileSchema;
    private bool _pathsRead, _sawDataInput, _sawPipelineItems;

    /// <inheritdoc />
    protected override void BeginProcessing() => Guarded(() => Begin(CommandHost));

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Process(CommandHost));

    /// <inheritdoc />
    protected override void EndProcessing() => Guarded(() => Finish(CommandHost, MyInvocation.ExpectingInput));

    /// <summary>Checks what can be checked before any data is read: the schema, and whatever the job adds.</summary>
    internal virtual void Begin(ICommandHost host) => FileSchema(host);

    /// <summary>The schema files and rows are read with (-Schema, or the job's own), resolved once.</summary>
    internal BankSchema FileSchema(ICommandHost host) => _fileSchema ??= SchemaResolution.Resolve(host, Schema ?? DefaultSchema);

    /// <summary>One pipeline step: runs (or, for gathering jobs, keeps) the data that arrived.</summary>
    internal void Process(ICommandHost host)
    {
        Collect();
        foreach (var data in Arrived(host)) Take(host, data);
    }

    private void Take(ICommandHost host, object input)
    {
        if (input is StreamedFile file)
        {
            if (GathersInput) _gathered.Add(file);
            else RunStreamed(host, file);
            return;
        }
        var data = (CustomerDataSet)input;
        _problems.Read(host);
        // No result from a file with no usable row or mostly rejected rows: stop, so that nothing
        // downstream (Export-BankResult) replaces last month's result with a list of nearly nobody.
        InputCheck.Usable(data, MaxRejectedShare, "-MaxRejectedShare");
        if (GathersInput) _gathered.Add(data);
        else Run(host, data);
    }

    /// <summary>
    /// The end of the input: runs the rows as one data set and what was gathered. Stops the command
    /// when nothing could be read, or nothing came (<paramref name="expectingInput"/>: the command
    /// stands in a pipeline that brought no object at all, e.g. Get-ChildItem matching no file).
    /// </summary>
    internal void Finish(ICommandHost host, bool expectingInput = false)
    {
        if (_records.Count > 0)
        {
            var data = RecordTable.Load(_records, FileSchema(host), $"pipeline input ({_records.Count:N0} rows)", new HostSink(host), host.Cancellation);
            _records.Clear();
            Take(host, data);
        }
        if (!(_sawPipelineItems ? !_sawDataInput : expectingInput && !_pathsRead))
        {
            // Gathered input runs before the final word on unreadable files: a streamed file is read
            // only here, and its problems must still stop a command that could read nothing.
            foreach (var input in _gathered)
            {
                if (input is StreamedFile file) RunStreamed(host, file);
                else Run(host, (CustomerDataSet)input);
            }
            _gathered.Clear();
        }
        _problems.Finish(host);
        if (_sawPipelineItems ? !_sawDataInput : expectingInput && !_pathsRead)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"Nothing to work on: the pipeline brought no data{(_sawPipelineItems ? " (only models or rules)" : "")}. Give the data with -Path, or pipe a data set, files or rows.", null);
        Complete(host);
    }

    /// <summary>The data sets this step brings: the files named (each once), piped data sets, files and paths; rows are kept for the end.</summary>
    private IEnumerable<object> Arrived(ICommandHost host)
    {
        // Paths are given by name only, so they come back unchanged on every step (e.g. one per
        // piped rule) and are read on the first.
        bool literal = ParameterSetName == LiteralPathSet;
        string[] paths = literal ? LiteralPath : Path;
        if (paths.Length > 0 && !_pathsRead)
        {
            _pathsRead = true;
            _sawDataInput = true;
            foreach (string path in paths)
                foreach (string file in InputFiles.Resolve(host, path, literal, _problems))
                    if (Load(host, file) is { } data) yield return data;
        }
        foreach (var raw in InputObject ?? [])
        {
            _sawPipelineItems = true;
            object? item = JobInputs.Unwrap(raw);
            // Data in any form counts even when it cannot be read (that is reported on its own);
            // models and rules alone leave the job nothing to work on.
            if (item is CustomerDataSet or FileSystemInfo or PathInfo or string) _sawDataInput = true;
            switch (item)
            {
                case null:
                    continue;
                case CustomerDataSet data:
                    yield return data;
                    break;
                case FileInfo file:
                    // Get-ChildItem's files are read by their exact name: [ ] in a name is not a wildcard here.
                    foreach (string exact in InputFiles.Resolve(host, file.FullName, literal: true, _problems))
                        if (Load(host, exact) is { } fileData) yield return fileData;
                    break;
                case DirectoryInfo folder:
                    InputFiles.Resolve(host, folder.FullName, literal: true, _problems); // reports "a folder, not a data file"
                    break;
                case PathInfo resolved: // Resolve-Path
                    foreach (string exact in InputFiles.Resolve(host, resolved.ProviderPath, literal: true, _problems))
                        if (Load(host, exact) is { } resolvedData) yield return resolvedData;
                    break;
                case string path:
                    foreach (string file in InputFiles.Resolve(host, path, literal: false, _problems))
                        if (Load(host, file) is { } pathData) yield return pathData;
                    break;
                case ModelTrainingResult or TrainedModel or SegmentationResult or SegmentationModel:
                    if (this is not IUsesModel user)
                        throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                            $"A {item.GetType().Name} came down the pipeline, but this command trains models rather than using one; give it data.", item);
                    user.Model ??= item;   // -Model given by name wins
                    break;
                default:
                    if (Accept(item)) break;
                    _sawDataInput = true;
                    var properties = host.ReadProperties(raw);
                    if (NamedFile(properties) is not { } named)
                    {
                        _records.Add(properties);
                        break;
                    }
                    // An object that names a file, as Get-ChildItem's do after Select-Object FullName.
                    foreach (string exact in InputFiles.Resolve(host, named, literal: true, _problems))
                        if (Load(host, exact) is { } namedData) yield return namedData;
                    break;
            }
        }
        InputObject = null; // consumed: the next step brings its own
    }

    /// <summary>The file an object names by a PSPath or FullName property (the names Get-ChildItem's files bind by), or null for a data row.</summary>
    private static string? NamedFile(IReadOnlyList<KeyValuePair<string, object?>> properties) =>
        properties.FirstOrDefault(p => p.Key is "PSPath" or "FullName" && p.Value is string { Length: > 0 }).Value as string;

    /// <summary>
    /// A streamed file's run: the file's own read problems (unreadable, not of this schema) are the
    /// same non-terminating errors a load gives; too many rejected rows stop the command, as after a load —
    /// checked once the first pass has read the whole file, before any result is written.
    /// </summary>
    private void RunStreamed(ICommandHost host, StreamedFile file)
    {
        try
        {
            RunFile(host, file);
        }
        catch (BankInsightException e) when (e.ErrorId is ErrorIds.FileUnreadable or ErrorIds.FileLayoutInvalid or ErrorIds.EncodingUnsupported or ErrorIds.FileNotFound
            && !_streamChecked.Contains(file) && Equals(e.Target, file.Path))   // the file's own problem, not the model's or the job's
        {
            _problems.Add(host, ErrorMapping.FromException(e));
        }
    }

    private readonly HashSet<StreamedFile> _streamChecked = [];

    /// <summary>Reads one file with the job's schema, bad rows as non-terminating errors; null when it cannot be read at all.</summary>
    private object? Load(ICommandHost host, string file)
    {
        BeforeReading(file);
        if (StreamsFiles)
        {
            StreamedFile? streamed = null;
            streamed = new StreamedFile(file, new DataLoadOptions(FileSchema(host)), summary =>
            {
                _problems.Read(host);
                _streamChecked.Add(streamed!);   // from here on, a problem is the job's, not the file's
                InputCheck.Usable(summary, MaxRejectedShare, "-MaxRejectedShare");
            });
            return streamed;
        }
        return InputFiles.TryLoad(host, file, () =>
        {
            var schema = FileSchema(host);
            return new DataLoadOptions(schema) { Columns = ColumnsRead(host, schema) };
        }, _problems);
    }

    /// <summary>
    /// The columns the job reads from a file it loads itself (null: all): the others are checked
    /// but not kept (<see cref="DataLoadOptions.Columns"/>). Data sets given whole are used as they are.
    /// </summary>
    internal virtual IReadOnlySet<string>? ColumnsRead(ICommandHost host, Data.Schemas.BankSchema schema) => null;

    /// <summary>Called with each data file's path before it is read (a writer checks it is not its output).</summary>
    internal virtual void BeforeReading(string file) { }
}

/// <summary>
/// A job cmdlet that uses a model given with -Model (a path, a model, or a training result, which
/// also binds by its Model property); one piped as a whole object is taken as -Model too.
/// </summary>
internal interface IUsesModel
{
    /// <summary>The -Model parameter.</summary>
    object? Model { get; set; }
}
