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
[Cmdlet(VerbsDiagnostic.Test, "ChurnModel", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(ClassifierEvaluation))]
public sealed class TestChurnModelCommand : DataJobCmdlet, IUsesModel
{
    /// <summary>The model: a file path, a model, or New-ChurnModel's output (default: the shipped model). Binds the Model property of a piped training result.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public object? Model { get; set; }

    /// <summary>Decline that counts as churn (default: the model's).</summary>
    [Parameter]
    [ValidateRange(0.01, 0.99)]
    public double? DeclineThreshold { get; set; }

    /// <summary>The data's month (default: read from the file's dates, sentinels and future dates ignored).</summary>
    [Parameter]
    public DateTime? DataMonth { get; set; }

    private Serialization.TrainedModel? _model;

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.CorporateChurn;

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        _model ??= JobInputs.Model(host, Model, ShippedModels.Churn, ChurnJob.Purpose);
        host.WriteObject(ChurnJob.Evaluate(_model, data, new HostSink(host), DeclineThreshold, JobInputs.Month(DataMonth), host.Cancellation));
    }
}
