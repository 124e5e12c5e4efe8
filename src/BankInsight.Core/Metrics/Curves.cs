using System.Globalization;

namespace BankInsight.Metrics;

/// <summary>One point of a curve: for gains, the share of customers called (X) and of positives caught (Y); for ROC, the false and true positive rates.</summary>
public sealed record CurvePoint(double X, double Y)
{
    /// <summary>"0.100:0.352": a point as text, so a curve exports as one CSV cell.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X:0.000}:{Y:0.000}");
}

/// <summary>
/// The curves an analyst reads a ranking by: cumulative gains (call the top x% of the list, catch
/// y% of the churners), and ROC. Few points, so they travel inside an evaluation and draw quickly.
/// Ties in score are broken by row order, as <see cref="Lift.AtTop"/> breaks them.
/// </summary>
public static class Curves
{
    /// <summary>Gains at 0%, 5%, …, 100% of the ranked rows (<paramref name="steps"/> + 1 points); empty without positives.</summary>
    public static IReadOnlyList<CurvePoint> Gains(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, int steps = 20)
    {
        var order = Ranked(scores);
        int n = order.Length, positives = 0;
        foreach (bool label in labels) if (label) positives++;
        if (n == 0 || positives == 0) return [];
        var caught = new int[n + 1];
        for (int k = 0; k < n; k++) caught[k + 1] = caught[k] + (labels[order[k]] ? 1 : 0);
        var points = new CurvePoint[steps + 1];
        for (int s = 0; s <= steps; s++)
        {
            double share = (double)s / steps;
            int top = (int)Math.Round(share * n, MidpointRounding.AwayFromZero);
            points[s] = new CurvePoint(share, (double)caught[top] / positives);
        }
        return points;
    }

    /// <summary>ROC points (false positive rate, true positive rate) at the distinct scores, thinned to at most <paramref name="maxPoints"/>; empty without both classes.</summary>
    public static IReadOnlyList<CurvePoint> Roc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, int maxPoints = 101)
    {
        var order = Ranked(scores);
        int positives = 0;
        foreach (bool label in labels) if (label) positives++;
        int negatives = order.Length - positives;
        if (positives == 0 || negatives == 0) return [];
        var all = new List<CurvePoint> { new(0, 0) };
        int tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++; else fp++;
            // A point only where the score changes: tied rows move together.
            if (k + 1 == order.Length || scores[order[k + 1]] != scores[order[k]])
                all.Add(new CurvePoint((double)fp / negatives, (double)tp / positives));
        }
        if (all.Count <= maxPoints) return all;
        var thinned = new List<CurvePoint>(maxPoints);
        for (int i = 0; i < maxPoints; i++) thinned.Add(all[(int)Math.Round((double)i * (all.Count - 1) / (maxPoints - 1))]);
        return thinned;
    }

    private static int[] Ranked(ReadOnlySpan<double> scores)
    {
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(order, (a, b) => keys[b].CompareTo(keys[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return order;
    }
}
