using System.Text.Json;
using BankInsight.Bench.KMeans;

namespace BankInsight.Bench.Tests;

public sealed class KMeansBenchTests
{
    [Fact]
    public void OursAndMicrosoftMlClusterTheSamePointsAndOurCodeScoresBoth()
    {
        var points = BenchPoints.Blobs(3000, 5, 10, 2.5, 42);
        var rows = KMeansCommand.Measure("blobs", points, 2, 18.7, 4.765e6, CancellationToken.None).ToList();
        Assert.Equal(["kmeans", "mlnet-kmeans"], rows.Select(r => r.Model));
        var (ours, theirs) = (rows[0], rows[1]);
        Assert.All(rows, r => Assert.True(r.SecondsBest <= r.SecondsMedian && r.SecondsBest > 0));
        Assert.All(rows, r => Assert.Equal((3000, 5), (r.Rows, r.Columns)));
        // Standardized 5-d points around 10 centres: the inertia is below the total variance (3000 × 5)
        // and ten initialisations never do worse than ML.NET's one by more than rounding.
        Assert.InRange(ours.Inertia, 1, 15_000);
        Assert.InRange(theirs.Inertia, ours.Inertia * 0.999, 15_000);
        Assert.Null(theirs.Iterations);
        Assert.True(ours.Iterations > 0);
    }

    [Fact]
    public void WithoutBankFullOnlyTheBlobsRun()
    {
        using var temp = new TempFolder();
        var (exit, output, error) = Bench.Run("kmeans", "--datasets", temp.Path, "--rows", "2000", "--repeat", "1", "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("skipped bank-full", error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["blobs", "blobs"], rows.Select(r => r.GetProperty("dataset").GetString()));
        Assert.Equal(["BankInsight", "Microsoft.ML 5.0.1"], rows.Select(r => r.GetProperty("library").GetString()));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("loadAverageStart").GetString())));
    }
}
