using BankInsight.Bench.Learners;
using BankInsight.Clustering;
using BankInsight.Common;
using BankInsight.Data.Columns;

namespace BankInsight.Bench.KMeans;

/// <summary>
/// The k-means benchmark's matrices: bank-full's 7 numeric columns and Gaussian blobs, both
/// standardized with the population standard deviation (scikit-learn's StandardScaler).
/// </summary>
/// <remarks>
/// The Python peer's blobs came from numpy's generator, which we cannot reproduce; ours are drawn
/// the same way (10 centres uniform in [−10, 10]^d, standard deviation 2.5, seed 42, then
/// standardized), so the times compare like for like while the inertias are only of the same
/// size. The inertia check against scikit-learn is on bank-full, where the matrix is the same.
/// </remarks>
internal static class BenchPoints
{
    private static readonly string[] BankFullNumeric = ["age", "balance", "day", "duration", "campaign", "pdays", "previous"];

    /// <summary>bank-full's 7 numeric columns, standardized.</summary>
    public static PointMatrix BankFull(string folder, IOperationSink sink)
    {
        var definition = LearnerDatasets.All.Single(d => d.Name == "bank-full");
        var (_, _, data) = LearnerDatasets.Load(definition, folder, sink);
        return Standardized(BankFullNumeric.Select(c => ((NumericColumn)data[c]).Values.ToArray()).ToArray());
    }

    /// <summary>Gaussian blobs: <paramref name="centres"/> centres uniform in [−10, 10]^d, isotropic spread, standardized.</summary>
    public static PointMatrix Blobs(int rows, int dimensions, int centres, double spread, int seed)
    {
        var random = new SeededRandom((ulong)seed);
        var centre = new double[centres, dimensions];
        for (int j = 0; j < centres; j++) for (int f = 0; f < dimensions; f++) centre[j, f] = random.Uniform(-10, 10);
        var columns = new double[dimensions][];
        for (int f = 0; f < dimensions; f++) columns[f] = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            int j = random.NextInt(centres);
            for (int f = 0; f < dimensions; f++) columns[f][i] = centre[j, f] + spread * random.Normal();
        }
        return Standardized(columns);
    }

    private static PointMatrix Standardized(double[][] columns)
    {
        var result = new float[columns.Length][];
        for (int f = 0; f < columns.Length; f++)
        {
            var c = columns[f];
            double mean = c.Average();
            double sd = Math.Sqrt(c.Sum(v => (v - mean) * (v - mean)) / c.Length);
            result[f] = c.Select(v => (float)((v - mean) / (sd > 0 ? sd : 1))).ToArray();
        }
        return new PointMatrix(result);
    }

    /// <summary>Inertia of <paramref name="centres"/> (k × d, row-major) on <paramref name="points"/>, by our assignment code — the same sum for every learner.</summary>
    public static double Inertia(PointMatrix points, ReadOnlySpan<double> centres, int clusterCount)
    {
        var (_, distances) = new KMeansModel(centres, clusterCount, 0, 0).Assign(points);
        double sum = 0;
        foreach (float d in distances) sum += d;
        return sum;
    }
}
