using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Prospects;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Trains an upstream/downstream prospect model.</para>
/// <para type="description">Labels companies from their monthly averages (count above -MinMonthlyCount or amount above -MinMonthlyAmount) and learns them from the transaction windows and the relation file.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ProspectModel", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
[OutputType(typeof(ModelTrainingResult))]
public sealed class NewProspectModelCommand : TrainingCmdlet
{
    /// <inheritdoc />
    internal override string SaveAction => "Write prospect model";

    /// <summary>The relation file (recommended).</summary>
    [Parameter(Position = 1)]
    public string? RelationPath { get; set; }

    /// <summary>The relations as a data set (Import-CustomerData -Schema ProspectRelation), instead of -RelationPath: for scripts that load the file themselves, e.g. to keep its rejected rows aside.</summary>
    [Parameter]
    public CustomerDataSet? Relation { get; set; }

    /// <summary>A prospect makes more transactions a month than this (default 3).</summary>
    [Parameter]
    [ValidateRange(0, double.MaxValue)]
    public double MinMonthlyCount { get; set; } = ProspectDefinition.DefaultMinMonthlyCount;

    /// <summary>…or a monthly amount above this (default 3,000,000).</summary>
    [Parameter]
    [ValidateRange(0, double.MaxValue)]
    public double MinMonthlyAmount { get; set; } = ProspectDefinition.DefaultMinMonthlyAmount;

    /// <summary>Gbdt (default) or LogisticRegression.</summary>
    [Parameter]
    public ModelAlgorithm Algorithm { get; set; } = ModelAlgorithm.Gbdt;

    /// <summary>Seed for the hold-out split and the learner.</summary>
    [Parameter]
    public int Seed { get; set; } = 42;

    private Data.CustomerDataSet? _relations;

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.CorporateProspect;

    /// <inheritdoc />
    internal override void Begin(ICommandHost host)
    {
        base.Begin(host);
        _relations = JobInputs.Relations(host, RelationPath, Relation, MaxRejectedShare);
        if (_relations is not null && File.Exists(_relations.Source)) RequireNotTheModelFile("the relation file", _relations.Source);
        if (_relations is null) host.WriteWarning("No -RelationPath or -Relation: the model learns without relation features.");
    }

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        var target = ModelFile(data);
        var request = new ProspectTrainingRequest(data, _relations)
        {
            Definition = new ProspectDefinition(MinMonthlyCount, MinMonthlyAmount),
            Algorithm = Algorithm,
            Seed = Seed,
            OutFile = target,
            MaxUnmatchedRelationShare = MaxRejectedShare,
        };
        host.WriteObject(ProspectJob.Train(request, new HostSink(host), host.Cancellation));
    }
}
