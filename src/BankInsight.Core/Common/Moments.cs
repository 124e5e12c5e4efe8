namespace BankInsight.Common;

/// <summary>
/// Mean and population standard deviation of the present (non-NaN) values — the scaling every
/// standardizing step uses (the linear model's inputs, the segmentation columns, the segment
/// profiles). Two passes, summed in row order, so results are bit-for-bit repeatable.
/// </summary>
internal static class Moments
{
    /// <summary>Of all <paramref name="values"/>, or only those at <paramref name="rows"/> when given. Count 0 gives mean and sd 0.</summary>
    public static (double Mean, double Sd, int Count) Of(ReadOnlySpan<double> values, int[]? rows = null)
    {
        double sum = 0;
        int count = 0;
        int n = rows?.Length ?? values.Length;
        for (int k = 0; k < n; k++)
        {
            double v = values[rows?[k] ?? k];
            if (double.IsNaN(v)) continue;
            sum += v;
            count++;
        }
        if (count == 0) return (0, 0, 0);
        double mean = sum / count, squares = 0;
        for (int k = 0; k < n; k++)
        {
            double v = values[rows?[k] ?? k];
            if (!double.IsNaN(v)) squares += (v - mean) * (v - mean);
        }
        return (mean, Math.Sqrt(squares / count), count);
    }
}
