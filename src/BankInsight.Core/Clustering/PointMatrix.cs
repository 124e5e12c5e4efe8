namespace BankInsight.Clustering;

/// <summary>
/// Points to cluster, one <see cref="float"/> array per dimension (column-major), no missing
/// values. Columns rather than rows so distance kernels stream each dimension with SIMD loads
/// across rows, and because the data set they come from is already columnar.
/// </summary>
/// <remarks>Single precision halves memory and doubles SIMD width; sums and inertia are accumulated in double.</remarks>
public sealed class PointMatrix
{
    /// <summary>A matrix over <paramref name="columns"/> (not copied); all must have the same length and be finite.</summary>
    public PointMatrix(IReadOnlyList<float[]> columns)
    {
        if (columns.Count == 0) throw new ArgumentException("Points need at least one dimension.", nameof(columns));
        int n = columns[0].Length;
        for (int f = 0; f < columns.Count; f++)
        {
            if (columns[f].Length != n) throw new ArgumentException($"Dimension {f} has {columns[f].Length} values; dimension 0 has {n}.", nameof(columns));
            foreach (float v in columns[f])
                if (!float.IsFinite(v)) throw new ArgumentException($"Dimension {f} holds {v}; points must be finite (impute missing values first).", nameof(columns));
        }
        Columns = columns.ToArray();
        Rows = n;
    }

    /// <summary>One array per dimension.</summary>
    internal float[][] Columns { get; }

    /// <summary>Number of points.</summary>
    public int Rows { get; }

    /// <summary>Number of dimensions.</summary>
    public int Dimensions => Columns.Length;

    /// <summary>Point <paramref name="row"/>'s coordinates, copied into <paramref name="destination"/>.</summary>
    public void CopyRow(int row, Span<float> destination)
    {
        for (int f = 0; f < Columns.Length; f++) destination[f] = Columns[f][row];
    }

    /// <summary>The points at <paramref name="rows"/> (copied), in that order.</summary>
    public PointMatrix Select(ReadOnlySpan<int> rows)
    {
        var columns = new float[Columns.Length][];
        for (int f = 0; f < columns.Length; f++)
        {
            var source = Columns[f];
            var column = columns[f] = new float[rows.Length];
            for (int i = 0; i < rows.Length; i++) column[i] = source[rows[i]];
        }
        return new PointMatrix(columns);
    }

    /// <summary>Points from row-major arrays (tests, small data).</summary>
    public static PointMatrix FromRows(IReadOnlyList<double[]> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("No points.", nameof(rows));
        int d = rows[0].Length;
        var columns = new float[d][];
        for (int f = 0; f < d; f++)
        {
            columns[f] = new float[rows.Count];
            for (int i = 0; i < rows.Count; i++) columns[f][i] = (float)rows[i][f];
        }
        return new PointMatrix(columns);
    }
}
