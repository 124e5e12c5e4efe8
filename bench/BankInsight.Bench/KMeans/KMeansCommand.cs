using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BankInsight.Bench.Learners;
using BankInsight.Bench.Measuring;
using BankInsight.Clustering;
using BankInsight.Common;
using Microsoft.ML;

namespace BankInsight.Bench.KMeans;

/// <summary>
/// <c>bankinsight-bench kmeans</c>: our k-means (k = 10, 10 initialisations, k-means++) beside
/// Microsoft.ML's KMeans (k = 10, its defaults) on the same standardized matrices — UCI
/// bank-full's 7 numeric columns and 1,000,000 × 28 Gaussian blobs (see <see cref="BenchPoints"/>) —
/// with both inertias computed by our code, and scikit-learn's figures (PERFORMANCE.md) as a
/// fixed reference.
/// </summary>
internal static class KMeansCommand
{
    public const int ClusterCount = 10;

    /// <summary>A JSON row: today's fields first (seconds is now the median), then the new ones. Iterations are null for ML.NET, which does not report them.</summary>
    public sealed record Row(string Dataset, int Rows, int Columns, double Seconds, double Inertia, int? Iterations, double PeerSeconds, double PeerInertia,
        string Library, string Model, int Initialisations, double SecondsBest, double SecondsMedian, int Repeats, string LoadAverageStart, string LoadAverageEnd);

    public static Command Create(BenchContext context)
    {
        var datasets = BenchContext.Datasets();
        var rows = new Option<int>("--rows") { Description = "Rows of the synthetic blobs (default 1,000,000).", DefaultValueFactory = _ => 1_000_000 };
        var json = BenchContext.Json("{dataset, rows, columns, seconds (median), inertia, iterations, peerSeconds, peerInertia, library, model, initialisations, secondsBest, secondsMedian, repeats}");
        var repeat = BenchContext.Repeat(Repeats.Default, "each fit, after a warm-up fit");
        var command = new Command("kmeans", "k-means on bank-full and on 1,000,000 × 28 blobs beside Microsoft.ML's KMeans (and scikit-learn's figures).") { datasets, rows, json, repeat };
        return command.WithAction(context, parse =>
        {
            int repeats = BenchContext.RepeatCount(parse, repeat);
            bool asJson = parse.GetValue(json);
            string loadStart = LoadAverage.Read();
            if (!asJson)
            {
                context.WriteLoad("start", loadStart);
                context.Out.WriteLine($"k = {ClusterCount}, standardized; seconds: median of {repeats} after a warm-up (best in brackets); inertia by our code for both; reference = scikit-learn 1.2.1 (PERFORMANCE.md, fixed)");
                context.Out.WriteLine($"{"dataset",-10} {"rows × cols",16} {"learner",-44} {"seconds",8} {"(best)",9} {"inertia",12} | {"sklearn s",9} {"sklearn inertia",15} {"inertia vs sklearn",18}");
            }
            var results = new List<Row>();
            string folder = parse.GetValue(datasets)!;
            string bankPath = LearnerDatasets.PathOf(LearnerDatasets.All.Single(d => d.Name == "bank-full"), folder);
            var matrices = new List<(string Name, Func<PointMatrix> Make, double PeerSeconds, double PeerInertia)>();
            if (File.Exists(bankPath)) matrices.Add(("bank-full", () => BenchPoints.BankFull(folder, NullSink.Instance), 1.17, 121_420));
            else context.Error.WriteLine($"bankinsight-bench: skipped bank-full: {bankPath} does not exist (--datasets names the folder).");
            matrices.Add(("blobs", () => BenchPoints.Blobs(parse.GetValue(rows), 28, 10, 2.5, 42), 18.7, 4.765e6));
            foreach (var (name, make, peerSeconds, peerInertia) in matrices)
            {
                var points = make();
                foreach (var row in Measure(name, points, repeats, peerSeconds, peerInertia, context.Cancel))
                {
                    results.Add(row);
                    if (!asJson) WriteRow(context.Out, row);
                }
            }
            string loadEnd = LoadAverage.Read();
            if (asJson) context.Out.WriteLine(BenchJson.Serialize(results.Select(r => r with { LoadAverageStart = loadStart, LoadAverageEnd = loadEnd })));
            else context.WriteLoad("end", loadEnd);
            return BenchApp.Success;
        });
    }

    /// <summary>Ours, then ML.NET's, on one matrix: each warmed up once, then timed <paramref name="repeat"/> times.</summary>
    internal static IEnumerable<Row> Measure(string name, PointMatrix points, int repeat, double peerSeconds, double peerInertia, CancellationToken cancel)
    {
        var options = new KMeansOptions { ClusterCount = ClusterCount, InitCount = 10, Seed = 42 };
        KMeansFit? ours = null;
        var oursTiming = Repeats.Measure(repeat, () =>
        {
            var clock = Stopwatch.StartNew();
            ours = new KMeansTrainer(options).Fit(points, NullSink.Instance, cancel);
            return clock.Elapsed.TotalSeconds;
        });
        double oursInertia = BenchPoints.Inertia(points, ours!.Model.Centres, ClusterCount);
        yield return new Row(name, points.Rows, points.Dimensions, oursTiming.Median, oursInertia, ours.Model.Iterations, peerSeconds, peerInertia,
            "BankInsight", "kmeans", options.InitCount, oursTiming.Best, oursTiming.Median, repeat, "", "");

        var ml = new MLContext(seed: 42);
        var view = MlNetKMeans.View(ml, points);
        double[] centres = [];
        var theirs = Repeats.Measure(repeat, () =>
        {
            cancel.ThrowIfCancellationRequested();
            var (seconds, c) = MlNetKMeans.Fit(ml, view, ClusterCount);
            centres = c;
            return seconds;
        });
        yield return new Row(name, points.Rows, points.Dimensions, theirs.Median, BenchPoints.Inertia(points, centres, ClusterCount), null, peerSeconds, peerInertia,
            MlNetKMeans.LibraryName, "mlnet-kmeans", 1, theirs.Best, theirs.Median, repeat, "", "");
    }

    private static void WriteRow(TextWriter o, Row r)
    {
        string learner = r.Library == "BankInsight" ? $"ours ({r.Initialisations} inits, k-means++, {r.Iterations} iter)" : "ML.NET KMeans (defaults: 1 init, k-means||)";
        string versus = r.Dataset == "bank-full" ? $"{(r.Inertia / r.PeerInertia - 1) * 100:+0.00;-0.00}%" : "(other blobs)";
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Dataset,-10} {$"{r.Rows:N0} × {r.Columns}",16} {learner,-44} {r.Seconds,8:F2} {$"({r.SecondsBest:F2})",9} {r.Inertia,12:G6} | {r.PeerSeconds,9:F2} {r.PeerInertia,15:G6} {versus,18}"));
    }
}
