using BankInsight.Results;

namespace BankInsight.Jobs.Churn;

/// <summary>The order a warning list is written or emitted in.</summary>
public enum ChurnSortOrder
{
    /// <summary>As the customers stand in the file (the default: streams, and matches the old delivery).</summary>
    File,
    /// <summary>Highest probability first.</summary>
    Probability,
    /// <summary>Highest assets at risk (probability × financial assets) first: where a call saves the most money. Unknown assets last.</summary>
    AssetsAtRisk,
}

/// <summary>Puts predictions in a <see cref="ChurnSortOrder"/>; ties keep file order, so the order is deterministic.</summary>
public static class ChurnOrder
{
    /// <summary>
    /// <paramref name="predictions"/> in <paramref name="order"/>. File order streams; the others
    /// hold every prediction first (a warning list is a small share of the month).
    /// </summary>
    public static IEnumerable<ChurnPrediction> Sort(IEnumerable<ChurnPrediction> predictions, ChurnSortOrder order) => order switch
    {
        ChurnSortOrder.Probability => predictions.OrderByDescending(p => p.Probability),
        ChurnSortOrder.AssetsAtRisk => predictions.OrderByDescending(p => p.AssetsAtRisk ?? double.NegativeInfinity),
        _ => predictions,
    };

    /// <summary>The order named as the runner spells it: file, probability, assets_at_risk.</summary>
    public static ChurnSortOrder Parse(string name) => name switch
    {
        "probability" => ChurnSortOrder.Probability,
        "assets_at_risk" => ChurnSortOrder.AssetsAtRisk,
        _ => ChurnSortOrder.File,
    };
}
