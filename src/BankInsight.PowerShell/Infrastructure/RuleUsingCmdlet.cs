using System.Management.Automation;
using BankInsight.Results;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of the retail cmdlets that can work from rules already mined (Get-CrossSellRecommendation,
/// Find-ProductOpportunity): -Rule, or rules piped from Get-CrossSellRule. They need every rule
/// before they start, so they gather their pipeline input and run at its end. With the data named
/// by -Path or -LiteralPath, piped rules bind -Rule; with data on the pipeline, rules travel with it
/// through -InputObject.
/// </summary>
public abstract class RuleUsingCmdlet : RetailCmdlet
{
    private readonly List<CrossSellRule> _rules = [];
    private readonly HashSet<CrossSellRule> _seen = new(ReferenceEqualityComparer.Instance);

    /// <summary>Rules to use, given or piped from Get-CrossSellRule (default: mined from the data with the thresholds given).</summary>
    [Parameter(ParameterSetName = PathSet, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = LiteralPathSet, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = InputObjectSet)]
    public CrossSellRule[]? Rule { get; set; }

    /// <summary>The rules given with -Rule or piped (each once), or null when there are none.</summary>
    internal IReadOnlyList<CrossSellRule>? Rules => _rules.Count > 0 ? _rules : null;

    /// <inheritdoc />
    internal override bool GathersInput => true;

    /// <inheritdoc />
    internal override void Collect() => Add(Rule);

    /// <inheritdoc />
    internal override bool Accept(object item)
    {
        if (item is not CrossSellRule rule) return false;
        Add([rule]);
        return true;
    }

    // Keeps rules not seen before: rules given by name come back on every pipeline step.
    private void Add(IEnumerable<CrossSellRule>? rules)
    {
        foreach (var rule in rules ?? [])
            if (_seen.Add(rule)) _rules.Add(rule);
    }
}
