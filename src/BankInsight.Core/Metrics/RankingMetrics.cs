namespace BankInsight.Metrics;

/// <summary>
/// Threshold-free metrics of binary scores. Ties are handled exactly: ROC-AUC is the
/// Mann–Whitney statistic with average ranks for tied scores (a tie between a positive and a
/// negative counts one half), and PR-AUC is average precision with tied scores taken as one
/// threshold, as scikit-learn's roc_auc_score and average_precision_score compute them.
/// O(n log n), one sort.
/// </summary>
public static class RankingMetrics
{
    /// <summary>Area under the ROC curve; NaN when only one class is present.</summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var order = SortedOrder(scores, descending: false);
        long positives = 0;
        double rankSumPositives = 0;
        int n = scores.Length;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double averageRank = (i + j) / 2.0 + 1; // ranks i+1 .. j+1
            for (int k = i; k <= j; k++)
            {
                if (!labels[order[k]]) continue;
                positives++;
                rankSumPositives += averageRank;
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Average precision (area under the precision–recall curve, step-wise); NaN without positives.</summary>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var order = SortedOrder(scores, descending: true);
        long totalPositives = 0;
        foreach (bool l in labels) if (l) totalPositives++;
        if (totalPositives == 0) return double.NaN;
        long tp = 0, fp = 0;
        double ap = 0, previousRecall = 0;
        int n = scores.Length;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            for (int k = i; k <= j; k++)
            {
                if (labels[order[k]]) tp++;
                else fp++;
            }
            double recall = (double)tp / totalPositives;
            double precision = (double)tp / (tp + fp);
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            i = j + 1;
        }
        return ap;
    }

    /// <summary>Mean negative log-likelihood of <paramref name="probabilities"/>, clipped to [1e-15, 1 − 1e-15].</summary>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        if (probabilities.Length == 0) return double.NaN;
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / probabilities.Length;
    }

    /// <summary>Row indexes sorted by score; ties keep row order (stable), NaN scores sort last.</summary>
    internal static int[] SortedOrder(ReadOnlySpan<double> scores, bool descending)
    {
        var order = new int[scores.Length];
        var keys = scores.ToArray();
        for (int i = 0; i < order.Length; i++) order[i] = i;
        if (descending)
            for (int i = 0; i < keys.Length; i++) keys[i] = double.IsNaN(keys[i]) ? double.PositiveInfinity : -keys[i];
        else
            for (int i = 0; i < keys.Length; i++) if (double.IsNaN(keys[i])) keys[i] = double.PositiveInfinity;
        // Sort by (key, index): deterministic and stable.
        Array.Sort(order, (a, b) =>
        {
            int c = keys[a].CompareTo(keys[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }
}
