using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Prospects;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Finds upstream/downstream prospects among companies and their related parties.</para>
/// <para type="description">Scores every company with a prospect model, keeps those in the region (registered or business address), and with -ExpandRelations also lists the related companies of strong prospects that are not yet the bank's customers (-RelatedParty Person or All for the related persons).</para>
/// </summary>
[Cmdlet(VerbsCommon.Find, "Prospect", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(ProspectResult))]
public sealed class FindProspectCommand : DataJobCmdlet, IUsesModel
{
    /// <summary>The relation file (recommended: relation features and -ExpandRelations need it).</summary>
    [Parameter(Position = 1)]
    public string? RelationPath { get; set; }

    /// <summary>The relations as a data set (Import-CustomerData -Schema ProspectRelation), instead of -RelationPath: for scripts that load the file themselves, e.g. to keep its rejected rows aside.</summary>
    [Parameter]
    public CustomerDataSet? Relation { get; set; }

    /// <summary>The model: a file path, a model, or New-ProspectModel's output (default: the shipped model). Binds the Model property of a piped training result.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? Model { get; set; }

    /// <summary>Keep companies whose registered or business address contains this (default 广东); '' keeps all.</summary>
    [Parameter]
    [AllowEmptyString]
    public string Region { get; set; } = RegionFilter.DefaultRegion;

    /// <summary>The count bar of the prospect definition, for MeetsDefinition (default: the model's).</summary>
    [Parameter]
    [ValidateRange(0, double.MaxValue)]
    public double? MinMonthlyCount { get; set; }

    /// <summary>The amount bar of the prospect definition, for MeetsDefinition (default: the model's).</summary>
    [Parameter]
    [ValidateRange(0, double.MaxValue)]
    public double? MinMonthlyAmount { get; set; }

    /// <summary>Also list the related parties of predicted prospects that are not yet our customers.</summary>
    [Parameter]
    public SwitchParameter ExpandRelations { get => ExpandRelationsFlag; set => ExpandRelationsFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool ExpandRelationsFlag { get; set; }

    /// <summary>
    /// Which related parties -ExpandRelations lists: Company (the default: upstream/downstream
    /// prospects), Person (legal representatives, directors, key people, individual shareholders:
    /// retail leads) or All.
    /// </summary>
    [Parameter]
    public RelatedPartySelection? RelatedParty { get; set; }

    /// <summary>Emit every company in the region, not only predicted prospects.</summary>
    [Parameter]
    public SwitchParameter IncludeAll { get => IncludeAllFlag; set => IncludeAllFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool IncludeAllFlag { get; set; }

    /// <summary>Flag companies at or above this probability (default: the model's decision threshold).</summary>
    [Parameter]
    [ValidateRange(0.0001, 0.9999)]
    public double? ProbabilityThreshold { get; set; }

    internal ProspectSearchRequest BuildRequest(CustomerDataSet prospects, CustomerDataSet? relations, Serialization.TrainedModel model) => new(prospects, relations, model)
    {
        Region = Region,
        IncludeAll = IncludeAllFlag,
        ExpandRelations = ExpandRelationsFlag,
        RelatedParty = RelatedParty ?? RelatedPartySelection.Company,
        ProbabilityThreshold = ProbabilityThreshold,
        MaxUnmatchedRelationShare = MaxRejectedShare,
        Definition = Definition(model),
    };

    /// <summary>The same settings for a file the job streams (the relation file is this command's, loaded once).</summary>
    internal ProspectFileRequest BuildRequest(StreamedFile file, Serialization.TrainedModel model) => new(file.Path, file.Options, () => _relations, model)
    {
        Region = Region,
        IncludeAll = IncludeAllFlag,
        ExpandRelations = ExpandRelationsFlag,
        RelatedParty = RelatedParty ?? RelatedPartySelection.Company,
        ProbabilityThreshold = ProbabilityThreshold,
        MaxUnmatchedRelationShare = MaxRejectedShare,
        Definition = Definition(model),
        Checked = file.Check,
    };

    /// <summary>-MinMonthlyCount / -MinMonthlyAmount over the model's own definition, or null for the model's.</summary>
    private ProspectDefinition? Definition(Serialization.TrainedModel model) => MinMonthlyCount is null && MinMonthlyAmount is null ? null : new ProspectDefinition(
        MinMonthlyCount ?? model.SettingOr("min_monthly_count", ProspectDefinition.DefaultMinMonthlyCount),
        MinMonthlyAmount ?? model.SettingOr("min_monthly_amount", ProspectDefinition.DefaultMinMonthlyAmount));

    private Serialization.TrainedModel? _model;
    private CustomerDataSet? _relations;

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.CorporateProspect;

    /// <inheritdoc />
    internal override void Begin(ICommandHost host)
    {
        base.Begin(host);
        if (RelatedParty is not null && !ExpandRelationsFlag)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                "-RelatedParty needs -ExpandRelations: it chooses which related parties the expansion lists.", "RelatedParty");
        _relations = JobInputs.Relations(host, RelationPath, Relation, MaxRejectedShare); // before any scoring: a wrong relation file stops the command at once
    }

    /// <inheritdoc />
    internal override bool StreamsFiles => true;

    /// <inheritdoc />
    internal override void RunFile(ICommandHost host, StreamedFile input)
    {
        _model ??= JobInputs.Model(host, Model, ShippedModels.Prospect, ProspectJob.Purpose);
        ProspectFileSearch.Find(BuildRequest(input, _model), host.WriteObject, null, new HostSink(host), host.Cancellation);
    }

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        _model ??= JobInputs.Model(host, Model, ShippedModels.Prospect, ProspectJob.Purpose);
        foreach (var result in ProspectJob.Find(BuildRequest(data, _relations, _model), new HostSink(host), host.Cancellation))
            host.WriteObject(result);
    }
}
