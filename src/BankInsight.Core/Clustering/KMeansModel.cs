namespace BankInsight.Clustering;

/// <summary>
/// Fitted k-means: k centres in the (scaled) space the points were given in. Assigning a point
/// means finding its nearest centre by squared Euclidean distance (ties to the lower index).
/// </summary>
public sealed class KMeansModel
{
    private readonly double[] _centres;

    /// <summary>A model over <paramref name="centres"/> (k × d, row-major; copied).</summary>
    public KMeansModel(ReadOnlySpan<double> centres, int clusterCount, double inertia, int iterations)
    {
        if (clusterCount < 1 || centres.Length == 0 || centres.Length % clusterCount != 0)
            throw new ArgumentException($"{centres.Length} centre coordinates do not split into {clusterCount} centres.", nameof(centres));
        _centres = centres.ToArray();
        ClusterCount = clusterCount;
        Dimensions = centres.Length / clusterCount;
        Inertia = inertia;
        Iterations = iterations;
    }

    /// <summary>"k-means: 6 centres in 28 dimensions, inertia 12345.6".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"k-means: {ClusterCount} centres in {Dimensions} dimensions, inertia {Inertia:0.###}");

    /// <summary>Number of clusters k.</summary>
    public int ClusterCount { get; }

    /// <summary>Dimensions of each centre.</summary>
    public int Dimensions { get; }

    /// <summary>Centres, k × d, row-major.</summary>
    public ReadOnlySpan<double> Centres => _centres;

    /// <summary>Centre <paramref name="cluster"/>'s coordinates.</summary>
    public ReadOnlySpan<double> Centre(int cluster) => _centres.AsSpan(cluster * Dimensions, Dimensions);

    /// <summary>Sum of squared distances of the training points to their centres.</summary>
    public double Inertia { get; }

    /// <summary>Lloyd iterations of the kept initialisation.</summary>
    public int Iterations { get; }

    /// <summary>Nearest centre and squared distance to it, for every point.</summary>
    public (int[] Labels, float[] SquaredDistances) Assign(PointMatrix points, int threads = 0, CancellationToken cancellationToken = default)
    {
        if (points.Dimensions != Dimensions)
            throw new ArgumentException($"Points have {points.Dimensions} dimensions; the model's centres have {Dimensions}.", nameof(points));
        var labels = new int[points.Rows];
        var distances = new float[points.Rows];
        var kernel = new CentroidKernel(_centres, ClusterCount, Dimensions);
        RowChunks.For(points.Rows, RowChunks.Options(threads, cancellationToken), (_, start, end) =>
            kernel.Nearest(points, start, end, labels.AsSpan(start, end - start), distances.AsSpan(start, end - start)));
        return (labels, distances);
    }
}
