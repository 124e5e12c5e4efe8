using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Jobs.Retail;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of every job cmdlet: where its data comes from, the same way everywhere. -Path names
/// files (wildcards allowed); -InputObject takes whatever the pipeline brings — data sets from
/// Import-CustomerData, files from Get-ChildItem, paths as strings, and rows from Import-Csv
/// (bound to the schema's columns by name and read like a file when the input ends). Data sets
/// and files run as they arrive, so results stream; rows are gathered first.
/// </summary>
public abstract class DataJobCmdlet : BankInsightCmdlet
{
    /// <summary>Parameter set of -Path.</summary>
    protected const string PathSet = "Path";

    /// <summary>Parameter set of -InputObject.</summary>
    protected const string InputObjectSet = "InputObject";

    private readonly List<IReadOnlyList<KeyValuePair<string, object?>>> _records = [];

    /// <summary>The data file(s); wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Data sets from Import-CustomerData, files, paths, or rows (e.g. from Import-Csv) whose property names are the schema's column names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public object[]? InputObject { get; set; }

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

    private readonly List<CustomerDataSet> _gathered = [];
    private bool _pathsDone, _sawData, _sawPipelineItems;

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Process(CommandHost));

    /// <inheritdoc />
    protected override void EndProcessing() => Guarded(() => Finish(CommandHost));

    /// <summary>One pipeline step: runs (or, for gathering jobs, keeps) the data that arrived.</summary>
    internal void Process(ICommandHost host)
    {
        Collect();
        foreach (var data in Arrived(host)) Take(host, data);
    }

    private void Take(ICommandHost host, CustomerDataSet data)
    {
        _sawData = true;
        if (GathersInput) _gathered.Add(data);
        else Run(host, data);
    }

    /// <summary>The end of the input: runs what was gathered, and the rows as one data set.</summary>
    internal void Finish(ICommandHost host)
    {
        if (_records.Count > 0)
        {
            var schema = SchemaResolution.Resolve(host, Schema ?? DefaultSchema);
            var data = RecordTable.Load(_records, schema, $"pipeline input ({_records.Count:N0} rows)", new HostSink(host), host.Cancellation);
            _records.Clear();
            Take(host, data);
        }
        if (!_sawData && _sawPipelineItems)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                "Nothing to work on: the pipeline brought no data (only models or rules). Give the data with -Path, or pipe a data set, files or rows.", null);
        foreach (var data in _gathered) Run(host, data);
        _gathered.Clear();
    }

    /// <summary>The data sets this step brings: -Path's files (once), piped data sets, files and paths; rows are kept for the end.</summary>
    private IEnumerable<CustomerDataSet> Arrived(ICommandHost host)
    {
        if (Path.Length > 0 && !_pathsDone)
        {
            // With -Path, ProcessRecord runs once per piped object (e.g. rules); the files are read once.
            _pathsDone = true;
            foreach (var path in Path)
                foreach (var file in host.ResolveInputPaths(path, literal: false))
                    yield return JobInputs.Load(host, file, DefaultSchema, Schema);
        }
        foreach (var raw in InputObject ?? [])
        {
            _sawPipelineItems = true;
            object? item = JobInputs.Unwrap(raw);
            switch (item)
            {
                case null:
                    continue;
                case CustomerDataSet data:
                    yield return data;
                    break;
                case FileInfo file:
                    yield return JobInputs.Load(host, file.FullName, DefaultSchema, Schema);
                    break;
                case string path:
                    foreach (var file in host.ResolveInputPaths(path, literal: false))
                        yield return JobInputs.Load(host, file, DefaultSchema, Schema);
                    break;
                case ModelTrainingResult or TrainedModel or SegmentationResult or SegmentationModel:
                    if (this is not IUsesModel user)
                        throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                            $"A {item.GetType().Name} came down the pipeline, but this command trains models rather than using one; give it data.", item);
                    user.Model ??= item;   // -Model given by name wins
                    break;
                default:
                    if (!Accept(item)) _records.Add(host.ReadProperties(raw));
                    break;
            }
        }
        InputObject = null; // consumed: the next step brings its own
    }
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
