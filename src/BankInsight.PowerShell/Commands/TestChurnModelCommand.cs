using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Evaluates a churn model on a labelled file, typically a later month.</para>
/// <para type="description">Labels the file with the model's decline threshold and reports ROC-AUC, PR-AUC and the confusion matrix at the model's decision threshold — the bank's time-based validation.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ChurnModel", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ClassifierEvaluation))]
public sealed class TestChurnModelCommand : BankInsightCmdlet
{
    private const string PathSet = "Path";
    private const string InputObjectSet = "InputObject";

    /// <summary>The labelled file to evaluate on.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    /// <summary>A data set from Import-CustomerData.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public CustomerDataSet? InputObject { get; set; }

    /// <summary>The model: a file path, a model, or New-ChurnModel's output (default: the shipped model).</summary>
    [Parameter(Position = 1)]
    public object? Model { get; set; }

    /// <summary>Decline that counts as churn (default: the model's).</summary>
    [Parameter]
    [ValidateRange(0.01, 0.99)]
    public double? DeclineThreshold { get; set; }

    /// <summary>The data's month (default: the month of the latest date in the file).</summary>
    [Parameter]
    public DateTime? DataMonth { get; set; }

    /// <summary>A schema name or JSON file for -Path (default CorporateChurn).</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    public string? Schema { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Process(CommandHost));

    internal void Process(ICommandHost host)
    {
        var model = JobInputs.Model(host, Model, ShippedModels.Churn, ChurnJob.Purpose);
        foreach (var data in JobInputs.Data(host, InputObject is null ? null : [InputObject], string.IsNullOrEmpty(Path) ? null : [Path], BuiltInSchemas.CorporateChurn, Schema))
            host.WriteObject(ChurnJob.Evaluate(model, data, new HostSink(host), DeclineThreshold, JobInputs.Month(DataMonth), host.Cancellation));
    }
}
