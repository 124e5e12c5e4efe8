namespace BankInsight.Results;

/// <summary>
/// One month of a rolling backtest: a next-month model trained on one pair of consecutive months
/// and checked on the following pair, as it would have been used that month.
/// </summary>
public sealed class ChurnBacktestRow
{
    /// <summary>The month the model learnt from (its features; the labels came from the month after).</summary>
    public required string TrainedOn { get; init; }

    /// <summary>The month it was checked on.</summary>
    public required string TestedOn { get; init; }

    /// <summary>"churn by 2026-11": what was predicted in the checked month.</summary>
    public required string Predicts { get; init; }

    /// <summary>Labelled customers checked.</summary>
    public int Rows { get; init; }

    /// <summary>Share of them that churned.</summary>
    public double PositiveRate { get; init; }

    /// <summary>Area under the ROC curve.</summary>
    public double RocAuc { get; init; }

    /// <summary>Area under the precision-recall curve.</summary>
    public double PrAuc { get; init; }

    /// <summary>Precision at the model's decision threshold.</summary>
    public double Precision { get; init; }

    /// <summary>Recall at the model's decision threshold.</summary>
    public double Recall { get; init; }

    /// <summary>Churn rate in the top 10% over the overall rate.</summary>
    public double LiftTop10 { get; init; }

    /// <summary>"2026-08 → 2026-09: ROC-AUC 0.87, lift@10% 3.9".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TrainedOn} → {TestedOn}: ROC-AUC {RocAuc:0.000}, PR-AUC {PrAuc:0.000}, lift@10% {LiftTop10:0.0}");
}
