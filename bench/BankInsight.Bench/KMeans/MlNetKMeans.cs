using System.Diagnostics;
using BankInsight.Clustering;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace BankInsight.Bench.KMeans;

/// <summary>One point for ML.NET.</summary>
public sealed class MlNetPoint
{
    /// <summary>The point's coordinates.</summary>
    public float[] Features { get; set; } = [];
}

/// <summary>
/// Microsoft.ML 5.0.1's KMeans with its defaults but k (one initialisation, k-means|| "Yinyang"
/// seeding, tolerance 1e-7, at most 1,000 iterations, ProcessorCount/2 threads), on the points our
/// k-means gets. The points are turned into ML.NET rows before the clock starts.
/// </summary>
internal static class MlNetKMeans
{
    public const string LibraryName = "Microsoft.ML 5.0.1";

    /// <summary>The points as a data view, made once per matrix.</summary>
    public static IDataView View(MLContext ml, PointMatrix points)
    {
        var rows = new MlNetPoint[points.Rows];
        for (int i = 0; i < rows.Length; i++)
        {
            var x = new float[points.Dimensions];
            points.CopyRow(i, x);
            rows[i] = new MlNetPoint { Features = x };
        }
        var schema = SchemaDefinition.Create(typeof(MlNetPoint));
        schema[nameof(MlNetPoint.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, points.Dimensions);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Fits; returns the seconds and the centres (k × d, row-major).</summary>
    public static (double Seconds, double[] Centres) Fit(MLContext ml, IDataView points, int clusterCount)
    {
        var clock = Stopwatch.StartNew();
        var model = ml.Clustering.Trainers.KMeans(new Microsoft.ML.Trainers.KMeansTrainer.Options { NumberOfClusters = clusterCount }).Fit(points);
        double seconds = clock.Elapsed.TotalSeconds;
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out int k);
        var centres = new List<double>();
        for (int j = 0; j < k; j++) centres.AddRange(centroids[j].DenseValues().Select(v => (double)v));
        return (seconds, centres.ToArray());
    }
}
