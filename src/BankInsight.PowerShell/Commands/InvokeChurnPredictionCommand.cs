using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Scores a month of corporate customers and emits the churn warning list.</para>
/// <para type="description">Emits the customers predicted to churn (or everyone with -IncludeAll), each with probability, risk band and the features that drove the prediction. Results stream as they are computed.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ChurnPrediction", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(ChurnPrediction))]
public sealed class InvokeChurnPredictionCommand : DataJobCmdlet, IUsesModel
{
    /// <summary>The model: a file path, a model, or New-ChurnModel's output (default: the shipped model). Binds the Model property of a piped training result.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public object? Model { get; set; }

    /// <summary>Emit every customer, not only the predicted churners.</summary>
    [Parameter]
    public SwitchParameter IncludeAll { get => IncludeAllFlag; set => IncludeAllFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool IncludeAllFlag { get; set; }

    /// <summary>Flag customers at or above this probability (default: the model's decision threshold).</summary>
    [Parameter]
    [ValidateRange(0.0001, 0.9999)]
    public double? ProbabilityThreshold { get; set; }

    /// <summary>Drivers per customer (0 for none, which is faster with -IncludeAll).</summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int Drivers { get; set; } = 3;

    /// <summary>The data's month (default: read from the file's dates, sentinels and future dates ignored).</summary>
    [Parameter]
    public DateTime? DataMonth { get; set; }

    /// <summary>Earlier months, newest first, for a next-month model that learnt trends from them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] HistoryPath { get; set; } = [];

    /// <summary>File (default: the file's order, streamed), Probability or AssetsAtRisk (highest first; waits for every customer of the file).</summary>
    [Parameter]
    public ChurnSortOrder SortBy { get; set; } = ChurnSortOrder.File;

    private Serialization.TrainedModel? _model;
    private IReadOnlyList<CustomerDataSet>? _history;

    internal ChurnPredictionRequest BuildRequest(CustomerDataSet data, Serialization.TrainedModel model, IReadOnlyList<CustomerDataSet>? history = null) => new(data, model)
    {
        IncludeAll = IncludeAllFlag,
        ProbabilityThreshold = ProbabilityThreshold,
        Drivers = Drivers,
        DataMonth = JobInputs.Month(DataMonth),
        History = history ?? [],
    };

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.CorporateChurn;

    /// <inheritdoc />
    /// <remarks>A month with earlier months (-HistoryPath) is loaded: its trend features join whole months.</remarks>
    internal override bool StreamsFiles => HistoryPath.Length == 0;

    /// <inheritdoc />
    internal override void RunFile(ICommandHost host, StreamedFile input)
    {
        _model ??= JobInputs.Model(host, Model, ShippedModels.Churn, ChurnJob.Purpose);
        ChurnFilePrediction.Predict(new ChurnFileRequest(input.Path, input.Options, _model)
        {
            IncludeAll = IncludeAllFlag,
            ProbabilityThreshold = ProbabilityThreshold,
            Drivers = Drivers,
            DataMonth = JobInputs.Month(DataMonth),
            SortBy = SortBy,
            Checked = input.Check,
        }, host.WriteObject, new HostSink(host), host.Cancellation);
    }

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        _model ??= JobInputs.Model(host, Model, ShippedModels.Churn, ChurnJob.Purpose);
        _history ??= HistoryPath.Select(h => JobInputs.MonthFile(host, h, "HistoryPath", FileSchema(host), MaxRejectedShare)).ToList();
        foreach (var prediction in ChurnOrder.Sort(ChurnJob.Predict(BuildRequest(data, _model, _history), new HostSink(host), host.Cancellation), SortBy))
            host.WriteObject(prediction);
    }
}
