using BankInsight.ResultFiles;

namespace BankInsight.Results;

/// <summary>How urgent a churn warning is.</summary>
public enum RiskBand
{
    /// <summary>Below the decision threshold: not flagged.</summary>
    Low,
    /// <summary>Flagged: at or above the decision threshold.</summary>
    Medium,
    /// <summary>Flagged and in the upper half of the range above the threshold.</summary>
    High,
}

/// <summary>
/// One customer's churn score with the features that drove it. Its bank result line is
/// <c>"客户编号"</c>. Drivers are contributions to the log-odds: positive raises the risk.
/// </summary>
public sealed class ChurnPrediction : IBankResultRecord
{
    /// <summary>Customer id, as written in the file.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Customer name.</summary>
    public string? CustomerName { get; init; }

    /// <summary>Probability of churning.</summary>
    public double Probability { get; init; }

    /// <summary>True when <see cref="Probability"/> ≥ the decision threshold (and, for a next-month model, the customer has not already gone: <see cref="AlreadyChurned"/>).</summary>
    public bool IsChurn { get; init; }

    /// <summary>
    /// For a next-month model: this month's own figures already meet the churn rule, so the money has
    /// left and the customer is not on the next-month warning list (the same-month model lists it).
    /// Always false for a same-month model.
    /// </summary>
    public bool AlreadyChurned { get; init; }

    /// <summary>The decision threshold the probability was compared with (the model's, or the one given).</summary>
    public double Threshold { get; init; }

    /// <summary>Low (not flagged), Medium or High.</summary>
    public RiskBand RiskBand { get; init; }

    /// <summary>What the probability is of: "churn by 2026-11" (a next-month model) or "churn in 2026-10" (a same-month one).</summary>
    public string? Predicts { get; init; }

    /// <summary>The customer's financial assets this month (金融资产月日均); null when the file has none for the row.</summary>
    public double? Assets { get; init; }

    /// <summary>Probability × assets: what the bank stands to lose, to rank the warning list by.</summary>
    public double? AssetsAtRisk { get; init; }

    /// <summary>The drivers as text: "feature (+0.82); feature (−0.31); …", strongest first.</summary>
    public string? Drivers { get; init; }

    /// <summary>Strongest driver.</summary>
    public string? Driver1 { get; init; }

    /// <summary>Its contribution to the log-odds.</summary>
    public double? Driver1Effect { get; init; }

    /// <summary>Second driver.</summary>
    public string? Driver2 { get; init; }

    /// <summary>Its contribution to the log-odds.</summary>
    public double? Driver2Effect { get; init; }

    /// <summary>Third driver.</summary>
    public string? Driver3 { get; init; }

    /// <summary>Its contribution to the log-odds.</summary>
    public double? Driver3Effect { get; init; }

    /// <summary>Line in the input file.</summary>
    public int Line { get; init; }

    /// <summary>The input file (or "pipeline input (N rows)"): with several files, which one <see cref="Line"/> is in.</summary>
    public string? File { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<ResultField> ToResultFields() => [ResultField.FromText(CustomerId)];

    /// <inheritdoc />
    public string? WhyNoResultLine => IsChurn ? null :
        $"Customer {CustomerId} is not a churn warning (IsChurn is false{(AlreadyChurned ? ", already over the churn line" : "")}): the churn result file lists the customers predicted to churn. Filter with Where-Object IsChurn, or write every customer's id with -Property CustomerId.";
}
