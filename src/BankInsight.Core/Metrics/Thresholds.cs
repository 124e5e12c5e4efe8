namespace BankInsight.Metrics;

/// <summary>Choosing the probability above which a customer is flagged.</summary>
public static class Thresholds
{
    /// <summary>
    /// The threshold that maximises F1 on these labels (flag rows with probability ≥ it).
    /// Among equal F1 the higher threshold wins (fewer customers to call). 0.5 when there are no positives.
    /// </summary>
    public static double MaxF1(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        var order = RankingMetrics.SortedOrder(probabilities, descending: true);
        int positives = 0;
        foreach (bool l in labels) if (l) positives++;
        if (positives == 0) return 0.5;
        int tp = 0, called = 0;
        double best = -1, bestThreshold = 0.5;
        int n = probabilities.Length;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && probabilities[order[j + 1]] == probabilities[order[i]]) j++;
            for (int k = i; k <= j; k++)
            {
                called++;
                if (labels[order[k]]) tp++;
            }
            double f1 = 2.0 * tp / (called + positives);
            if (f1 > best)
            {
                best = f1;
                bestThreshold = probabilities[order[i]];
            }
            i = j + 1;
        }
        return bestThreshold;
    }

    /// <summary>
    /// The threshold that flags the top <paramref name="fraction"/> of rows by probability
    /// (e.g. 0.05 for the riskiest 5%); ties at the cut are all flagged.
    /// </summary>
    public static double TopFraction(ReadOnlySpan<double> probabilities, double fraction)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be in (0, 1]");
        if (probabilities.Length == 0) return 0.5;
        var order = RankingMetrics.SortedOrder(probabilities, descending: true);
        int k = Math.Max(1, (int)Math.Ceiling(fraction * probabilities.Length));
        return probabilities[order[k - 1]];
    }
}

/// <summary>One row of a calibration table: predicted against observed rates in a probability band.</summary>
/// <param name="Lower">Band lower bound (inclusive).</param>
/// <param name="Upper">Band upper bound (exclusive, inclusive for the last band).</param>
/// <param name="Count">Rows in the band.</param>
/// <param name="MeanPredicted">Mean predicted probability in the band.</param>
/// <param name="ObservedRate">Share of positive labels in the band.</param>
public sealed record CalibrationBand(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate)
{
    /// <summary>"0.012-0.034: 120 rows, predicted 0.021, observed 0.025": a band as one cell of text.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Lower:0.000}-{Upper:0.000}: {Count} rows, predicted {MeanPredicted:0.000}, observed {ObservedRate:0.000}");
}

/// <summary>Calibration: do predicted probabilities match observed rates?</summary>
public static class Calibration
{
    /// <summary>Equal-width bands over [0, 1]; empty bands are left out.</summary>
    public static IReadOnlyList<CalibrationBand> Table(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int bands = 10)
    {
        if (bands < 1) throw new ArgumentOutOfRangeException(nameof(bands), bands, "must be at least 1");
        var count = new int[bands];
        var predicted = new double[bands];
        var observed = new int[bands];
        for (int i = 0; i < probabilities.Length; i++)
        {
            int b = Math.Clamp((int)(probabilities[i] * bands), 0, bands - 1);
            count[b]++;
            predicted[b] += probabilities[i];
            if (labels[i]) observed[b]++;
        }
        var table = new List<CalibrationBand>();
        for (int b = 0; b < bands; b++)
            if (count[b] > 0)
                table.Add(new CalibrationBand((double)b / bands, (double)(b + 1) / bands, count[b], predicted[b] / count[b], (double)observed[b] / count[b]));
        return table;
    }

    /// <summary>
    /// Equal-count bands (deciles by default) of the rows ranked by predicted probability: with churn
    /// a few percent a month nearly every probability falls in [0, 0.1), where equal-width bands say
    /// nothing. Each band's bounds are its lowest and highest prediction; ties never straddle bands
    /// unevenly because rows are cut by rank (row order breaks ties, so the table is deterministic).
    /// </summary>
    public static IReadOnlyList<CalibrationBand> Quantiles(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int bands = 10)
    {
        if (bands < 1) throw new ArgumentOutOfRangeException(nameof(bands), bands, "must be at least 1");
        int n = probabilities.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var p = probabilities.ToArray();
        Array.Sort(order, (a, b) => p[a].CompareTo(p[b]) is var c && c != 0 ? c : a.CompareTo(b));
        var table = new List<CalibrationBand>();
        for (int b = 0; b < bands; b++)
        {
            int start = (int)((long)n * b / bands), end = (int)((long)n * (b + 1) / bands);
            if (end <= start) continue;
            double predicted = 0;
            int observed = 0;
            for (int k = start; k < end; k++)
            {
                predicted += p[order[k]];
                if (labels[order[k]]) observed++;
            }
            table.Add(new CalibrationBand(p[order[start]], p[order[end - 1]], end - start, predicted / (end - start), (double)observed / (end - start)));
        }
        return table;
    }
}
