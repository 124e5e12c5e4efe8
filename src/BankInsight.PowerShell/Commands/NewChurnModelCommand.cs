using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Trains a churn early-warning model on a labelled month.</para>
/// <para type="description">Labels each customer from the decline of this month's financial assets against the three-month average, holds out 20% to measure the model honestly, and returns the model with its held-out metrics.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ChurnModel", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
[OutputType(typeof(ModelTrainingResult))]
public sealed class NewChurnModelCommand : TrainingCmdlet
{
    /// <inheritdoc />
    internal override string SaveAction => "Write churn model";

    /// <summary>Decline that counts as churn (0.5: assets more than halved).</summary>
    [Parameter]
    [ValidateRange(0.01, 0.99)]
    public double DeclineThreshold { get; set; } = ChurnLabels.DefaultDeclineThreshold;

    /// <summary>Gbdt (default) or LogisticRegression.</summary>
    [Parameter]
    public ModelAlgorithm Algorithm { get; set; } = ModelAlgorithm.Gbdt;

    /// <summary>The data's month (default: read from the file's dates, sentinels and future dates ignored).</summary>
    [Parameter]
    public DateTime? DataMonth { get; set; }

    /// <summary>Seed for the hold-out split and the learner.</summary>
    [Parameter]
    public int Seed { get; set; } = 42;

    internal ChurnTrainingRequest BuildRequest(CustomerDataSet data, Common.OutputFile? outFile) => new(data)
    {
        DeclineThreshold = DeclineThreshold,
        Algorithm = Algorithm,
        DataMonth = JobInputs.Month(DataMonth),
        Seed = Seed,
        OutFile = outFile,
    };

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.CorporateChurn;

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        var target = ModelFile(data);
        host.WriteObject(ChurnJob.Train(BuildRequest(data, target), new HostSink(host), host.Cancellation));
    }
}
