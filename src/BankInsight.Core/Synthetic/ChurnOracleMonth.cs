namespace BankInsight.Synthetic;

/// <summary>
/// The oracle of one month of a synthetic sequence: for each customer in that month's file, in
/// file order, the true probability that it has churned by the next month (its assets below half
/// its three-month average there, or absent from the next file) given everything the story drew
/// up to this month. No model can do better on average; a model's ROC-AUC against the oracle's
/// says how much of the learnable signal it found.
/// </summary>
public sealed class ChurnOracleMonth
{
    internal ChurnOracleMonth(DateOnly month, string[] customerIds, double[] probabilities, NextMonth[] outcomes)
    {
        Month = month;
        CustomerIds = customerIds;
        Probabilities = probabilities;
        Outcomes = outcomes;
    }

    /// <summary>The month's last day (the last month of a sequence: its as-of date).</summary>
    public DateOnly Month { get; }

    /// <summary>客户编号 of every customer in the month's file, in file order.</summary>
    public IReadOnlyList<string> CustomerIds { get; }

    /// <summary>Probability, 0 to 1, that the customer of the same position has churned by the next month.</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>What the story then decided (Unknown for the sequence's last month).</summary>
    internal IReadOnlyList<NextMonth> Outcomes { get; }
}
