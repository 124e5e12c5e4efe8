using System.Management.Automation;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Retail;
using BankInsight.Rules;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of the retail cmdlets that mine product rules: the segmentation model and the mining
/// thresholds with SPEC's defaults — one definition, so Get-CrossSellRule,
/// Get-CrossSellRecommendation and Find-ProductOpportunity take the same parameters with the
/// same meaning.
/// </summary>
public abstract class RetailCmdlet : DataJobCmdlet, IUsesModel
{
    /// <summary>Mine each customer segment separately.</summary>
    [Parameter]
    public SwitchParameter PerCluster { get => PerClusterFlag; set => PerClusterFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool PerClusterFlag { get; set; }

    /// <summary>The segmentation for -PerCluster: a model file, a model, or New-CustomerClusterModel's output (default: the shipped retail_customer). Binds the Model property of a piped training result.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? Model { get; set; }

    /// <summary>Minimum share of customers holding an itemset.</summary>
    [Parameter]
    [ValidateRange(0.0001, 1.0)]
    public double MinSupport { get; set; } = 0.1;

    /// <summary>Keep rules whose antecedents at least this share of customers hold.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MinAntecedentSupport { get; set; } = 0.1;

    /// <summary>Keep rules whose consequents at least this share of customers hold.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MinConsequentSupport { get; set; } = 0.1;

    /// <summary>Keep rules with at least this confidence.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.3;

    /// <summary>Keep rules with at least this lift (default 1.0; Get-CrossSellRecommendation 1.1, so that no offer comes from a rule that hardly raises the chance).</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double MinLift { get => _minLift ?? DefaultMinLift; set => _minLift = value; }

    private double? _minLift;

    /// <summary>-MinLift when not given: SPEC's 1.0 for mining; recommending asks more.</summary>
    internal virtual double DefaultMinLift => RuleFilter.RetailDefaults.MinLift;

    /// <summary>FPGrowth (default) or Apriori: the same rules either way.</summary>
    [Parameter]
    public MiningAlgorithm Algorithm { get; set; } = MiningAlgorithm.FPGrowth;

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.Retail;

    /// <summary>The mining settings the parameters describe.</summary>
    internal RuleMiningSettings Mining() => new()
    {
        MinSupport = MinSupport,
        Filter = new RuleFilter(MinAntecedentSupport, MinConsequentSupport, MinConfidence, MinLift),
        Algorithm = Algorithm,
    };

    private SegmentationModel? _segmentation;

    /// <summary>The segmentation given with -Model (loaded once), or null: the job then uses the shipped one if it needs segments.</summary>
    internal SegmentationModel? GivenSegmentation(ICommandHost host) =>
        Model is null ? null : _segmentation ??= JobInputs.Segmentation(host, Model);
}
