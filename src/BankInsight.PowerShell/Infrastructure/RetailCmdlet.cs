using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Retail;
using BankInsight.Rules;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of the retail cmdlets that mine product rules: the data (a file or a data set from the
/// pipeline), the segmentation model, and the mining thresholds with SPEC's defaults — one
/// definition, so Get-CrossSellRule, Get-CrossSellRecommendation and Find-ProductOpportunity
/// take the same parameters with the same meaning.
/// </summary>
public abstract class RetailCmdlet : BankInsightCmdlet
{
    /// <summary>Parameter set of -Path.</summary>
    protected const string PathSet = "Path";

    /// <summary>Parameter set of -InputObject.</summary>
    protected const string InputObjectSet = "InputObject";

    /// <summary>The retail file (.del or .csv).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = "";

    /// <summary>A data set from Import-CustomerData.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public CustomerDataSet? InputObject { get; set; }

    /// <summary>A schema name or JSON file for -Path (default Retail).</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    public string? Schema { get; set; }

    /// <summary>Mine each customer segment separately.</summary>
    [Parameter]
    public SwitchParameter PerCluster { get => PerClusterFlag; set => PerClusterFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool PerClusterFlag { get; set; }

    /// <summary>The segmentation for -PerCluster: a model file, a model, or New-CustomerClusterModel's output (default: the shipped retail_customer).</summary>
    [Parameter]
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

    /// <summary>Keep rules with at least this lift.</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double MinLift { get; set; } = 1.0;

    /// <summary>FPGrowth (default) or Apriori: the same rules either way.</summary>
    [Parameter]
    public MiningAlgorithm Algorithm { get; set; } = MiningAlgorithm.FPGrowth;

    /// <summary>The mining settings the parameters describe.</summary>
    internal RuleMiningSettings Mining() => new()
    {
        MinSupport = MinSupport,
        Filter = new RuleFilter(MinAntecedentSupport, MinConsequentSupport, MinConfidence, MinLift),
        Algorithm = Algorithm,
    };

    /// <summary>The segmentation model when one is needed (-PerCluster, or given); null otherwise.</summary>
    internal SegmentationModel? SegmentationFor(ICommandHost host, bool needed) =>
        Model is not null || needed ? JobInputs.Segmentation(host, Model) : null;

    /// <summary>The data: the piped data set, or the file at -Path read with the Retail schema.</summary>
    internal IEnumerable<CustomerDataSet> RetailData(ICommandHost host) =>
        JobInputs.Data(host, InputObject is null ? null : [InputObject], string.IsNullOrEmpty(Path) ? null : [Path], BuiltInSchemas.Retail, Schema);
}
