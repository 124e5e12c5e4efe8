namespace BankInsight.Metrics;

/// <summary>
/// Lift: how much richer in churners the top of the ranked list is than the whole — what a
/// relationship manager who can call only the first 5% or 10% gets from the model.
/// </summary>
public static class Lift
{
    /// <summary>
    /// The positive rate among the <paramref name="fraction"/> highest scores (at least one row),
    /// over the positive rate of all rows; NaN without positives. Ties at the cut are broken by
    /// row order, so the result is deterministic.
    /// </summary>
    public static double AtTop(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double fraction)
    {
        if (!(fraction is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be in (0, 1]");
        int n = scores.Length, positives = 0;
        foreach (bool label in labels) if (label) positives++;
        if (n == 0 || positives == 0) return double.NaN;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(order, (a, b) => keys[b].CompareTo(keys[a]) is var c && c != 0 ? c : a.CompareTo(b));
        int top = Math.Max(1, (int)Math.Ceiling(n * fraction));
        int hits = 0;
        for (int k = 0; k < top; k++) if (labels[order[k]]) hits++;
        return ((double)hits / top) / ((double)positives / n);
    }
}
