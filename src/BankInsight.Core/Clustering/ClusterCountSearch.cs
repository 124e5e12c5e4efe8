using BankInsight.Common;

namespace BankInsight.Clustering;

/// <summary>One candidate k and how well it separated the sample.</summary>
/// <param name="ClusterCount">k.</param>
/// <param name="Silhouette">Mean silhouette on the scoring sample.</param>
/// <param name="Inertia">Inertia on the fitting sample.</param>
public sealed record ClusterCountScore(int ClusterCount, double Silhouette, double Inertia);

/// <summary>
/// Chooses k when the user does not: k-means is fitted for every k in a range on a random
/// sample (at most <see cref="FitSample"/> points), and the k with the highest mean silhouette
/// on a smaller sample (at most <see cref="ScoreSample"/> points) wins; ties go to the smaller k.
/// </summary>
/// <remarks>
/// Why the silhouette: it rewards clusters that are both tight and apart, needs no labels and no
/// elbow judged by eye, and — unlike inertia — does not simply fall as k grows. Why samples: its
/// cost is quadratic, and the choice of k is stable long before a million rows (cluster shapes,
/// not counts, decide it). Deterministic: samples and fits are seeded.
/// </remarks>
public static class ClusterCountSearch
{
    /// <summary>Points the candidate models are fitted on.</summary>
    public const int FitSample = 20_000;

    /// <summary>Points the silhouette is computed on.</summary>
    public const int ScoreSample = 3_000;

    /// <summary>Scores each k in [<paramref name="minK"/>, <paramref name="maxK"/>] and returns the scores with the chosen k.</summary>
    public static (int ClusterCount, IReadOnlyList<ClusterCountScore> Scores) Choose(PointMatrix points, int minK, int maxK, KMeansOptions options, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        if (minK < 2 || maxK < minK)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"The range of k to search must satisfy 2 ≤ min ≤ max (got {minK}..{maxK}).", minK);
        maxK = Math.Min(maxK, points.Rows - 1);
        if (maxK < minK)
            throw new BankInsightException(ErrorIds.TrainingDataInvalid, ErrorKind.InvalidOperation, $"{points.Rows} points are too few to choose a number of clusters.", points.Rows);
        var random = new SeededRandom((ulong)options.Seed);
        var fitRows = random.SampleRows(points.Rows, FitSample);
        var fitPoints = points.Select(fitRows);
        var scoreRows = random.SampleRows(fitPoints.Rows, ScoreSample);
        var scorePoints = fitPoints.Select(scoreRows);
        var scores = new List<ClusterCountScore>();
        for (int k = minK; k <= maxK; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sink.Progress(new OperationProgress("Choosing the number of clusters", $"k = {k} of {minK}..{maxK}", (double)(k - minK) / (maxK - minK + 1)));
            var fit = new KMeansTrainer(options with { ClusterCount = k }).Fit(fitPoints, NullSink.Instance, cancellationToken);
            var labels = new int[scoreRows.Length];
            for (int i = 0; i < labels.Length; i++) labels[i] = fit.Labels[scoreRows[i]];
            double silhouette = Silhouette.Score(scorePoints, labels, options.Threads, cancellationToken);
            scores.Add(new ClusterCountScore(k, silhouette, fit.Model.Inertia));
            sink.Verbose($"k-means with k = {k}: silhouette {silhouette:F4}, inertia {fit.Model.Inertia:G6} (on {fitPoints.Rows:N0} sampled points).");
        }
        sink.Progress(new OperationProgress("Choosing the number of clusters", "done", 1, Completed: true));
        var best = scores.OrderByDescending(s => s.Silhouette).ThenBy(s => s.ClusterCount).First();
        return (best.ClusterCount, scores);
    }
}
