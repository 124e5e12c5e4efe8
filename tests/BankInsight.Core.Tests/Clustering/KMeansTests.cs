using BankInsight.Clustering;
using BankInsight.Common;

namespace BankInsight.Tests.Clustering;

public class KMeansTests
{
    private static readonly ParallelOptions Serial = new() { MaxDegreeOfParallelism = 1 };

    private static PointMatrix Points(params double[][] rows) => PointMatrix.FromRows(rows);

    [Fact]
    public void Lloyd_from_given_centres_matches_scikit_learns_hand_case()
    {
        // scikit-learn's test_kmeans_results case without its sample weights: X = [[0,0],[.5,0],[.5,1],[1,1]],
        // centres [[0,0],[1,1]] → labels [0,0,1,1], centres [[.25,0],[.75,1]], each point 0.25 away
        // (0.0625 squared, inertia 0.25), converged on the 2nd iteration (no label changed).
        var x = Points([0, 0], [0.5, 0], [0.5, 1], [1, 1]);
        var fit = KMeansTrainer.Lloyd(x, [0, 0, 1, 1], 2, 300, 0, Serial);
        Assert.Equal([0, 0, 1, 1], fit.Labels);
        Assert.Equal([0.25, 0, 0.75, 1], fit.Model.Centres.ToArray());
        Assert.Equal(0.25, fit.Model.Inertia, 12);
        Assert.Equal(2, fit.Model.Iterations);
    }

    [Fact]
    public void An_empty_cluster_takes_the_point_farthest_from_its_centre()
    {
        // 1-D points 0, 1, 2, 10 and centres 0, 1, 100: nobody is nearest 100. The farthest point
        // from its centre is 10 (81 from centre 1), so it becomes centre 3's only member.
        var x = Points([0], [1], [2], [10]);
        var fit = KMeansTrainer.Lloyd(x, [0, 1, 100], 3, 300, 0, Serial);
        Assert.Equal([0, 1.5, 10], fit.Model.Centres.ToArray());
        Assert.Equal([0, 1, 1, 2], fit.Labels);
        Assert.Equal(0.5, fit.Model.Inertia, 12);
    }

    [Fact]
    public void Two_separated_squares_give_their_centres_and_inertia()
    {
        var x = Points([0, 0], [0, 1], [1, 0], [1, 1], [10, 10], [10, 11], [11, 10], [11, 11]);
        var fit = new KMeansTrainer(new KMeansOptions { ClusterCount = 2, InitCount = 3 }).Fit(x, NullSink.Instance);
        var centres = Enumerable.Range(0, 2).Select(c => fit.Model.Centre(c).ToArray()).OrderBy(c => c[0]).ToArray();
        Assert.Equal([0.5, 0.5], centres[0]);
        Assert.Equal([10.5, 10.5], centres[1]);
        Assert.Equal(4.0, fit.Model.Inertia, 9);   // 8 points, each 0.5 from its centre (squared)
        Assert.Equal(fit.Labels[0], fit.Labels[3]);
        Assert.NotEqual(fit.Labels[0], fit.Labels[4]);
    }

    private static PointMatrix Blobs(int n, int d, int k, int seed, double spread = 1)
    {
        var random = new SeededRandom((ulong)seed);
        var centres = new double[k, d];
        for (int j = 0; j < k; j++) for (int f = 0; f < d; f++) centres[j, f] = random.Uniform(-10, 10);
        var columns = new float[d][];
        for (int f = 0; f < d; f++) columns[f] = new float[n];
        for (int i = 0; i < n; i++)
        {
            int j = random.NextInt(k);
            for (int f = 0; f < d; f++) columns[f][i] = (float)(centres[j, f] + spread * random.Normal());
        }
        return new PointMatrix(columns);
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count_and_repeat_by_seed()
    {
        var x = Blobs(40_000, 7, 5, 3, spread: 4); // more than two row chunks, overlapping blobs
        var options = new KMeansOptions { ClusterCount = 5, InitCount = 2, Seed = 9 };
        var one = new KMeansTrainer(options with { Threads = 1 }).Fit(x, NullSink.Instance);
        var many = new KMeansTrainer(options with { Threads = 4 }).Fit(x, NullSink.Instance);
        var again = new KMeansTrainer(options).Fit(x, NullSink.Instance);
        Assert.Equal(one.Model.Centres.ToArray(), many.Model.Centres.ToArray());
        Assert.Equal(one.Model.Inertia, many.Model.Inertia);
        Assert.Equal(one.Labels, many.Labels);
        Assert.Equal(one.Model.Centres.ToArray(), again.Model.Centres.ToArray());
        var otherSeed = new KMeansTrainer(options with { Seed = 10 }).Fit(x, NullSink.Instance);
        Assert.NotEqual(one.Model.Centres.ToArray(), otherSeed.Model.Centres.ToArray());
    }

    [Fact]
    public void Assign_agrees_with_the_fit_and_distances_are_squared_euclidean()
    {
        var x = Blobs(5_000, 4, 3, 4);
        var fit = new KMeansTrainer(new KMeansOptions { ClusterCount = 3, InitCount = 2 }).Fit(x, NullSink.Instance);
        var (labels, distances) = fit.Model.Assign(x);
        Assert.Equal(fit.Labels, labels);
        var row = new float[4];
        for (int i = 0; i < 50; i++)
        {
            x.CopyRow(i, row);
            var centres = Enumerable.Range(0, 3).Select(c => fit.Model.Centre(c).ToArray()).ToArray();
            var d2 = centres.Select(c => c.Select((v, f) => (row[f] - v) * (row[f] - v)).Sum()).ToArray();
            Assert.Equal(Array.IndexOf(d2, d2.Min()), labels[i]);
            Assert.Equal(d2.Min(), distances[i], 3);
        }
        Assert.Equal(distances.Sum(v => (double)v), fit.Model.Inertia, 6);
    }

    [Fact]
    public void Seeding_puts_one_centre_in_each_far_apart_group()
    {
        var x = Points([0, 0], [0, 0.1], [0.1, 0], [50, 50], [50, 50.1], [-50, 50], [-50, 50.2]);
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var centres = KMeansPlusPlus.Seed(x, 3, new SeededRandom(seed), Serial);
            var groups = Enumerable.Range(0, 3).Select(c => centres[c * 2] < -25 ? "left" : centres[c * 2] > 25 ? "right" : "origin").Order().ToArray();
            Assert.Equal(["left", "origin", "right"], groups);
        }
    }

    [Fact]
    public void Many_inits_never_end_worse_than_one()
    {
        var x = Blobs(3_000, 5, 8, 5, spread: 2);
        var one = new KMeansTrainer(new KMeansOptions { ClusterCount = 8, InitCount = 1 }).Fit(x, NullSink.Instance);
        var ten = new KMeansTrainer(new KMeansOptions { ClusterCount = 8, InitCount = 10 }).Fit(x, NullSink.Instance);
        Assert.True(ten.Model.Inertia <= one.Model.Inertia);   // init 0 is the same draw in both
    }

    [Theory]
    [InlineData(0, 10, 300, 1e-4, "ClusterCount")]
    [InlineData(2, 0, 300, 1e-4, "InitCount")]
    [InlineData(2, 10, 0, 1e-4, "MaxIterations")]
    [InlineData(2, 10, 300, -1, "Tolerance")]
    public void Bad_options_are_refused_by_name(int k, int inits, int iterations, double tolerance, string name)
    {
        var e = Assert.Throws<BankInsightException>(() => new KMeansTrainer(new KMeansOptions { ClusterCount = k, InitCount = inits, MaxIterations = iterations, Tolerance = tolerance })
            .Fit(Points([0], [1], [2]), NullSink.Instance));
        Assert.Contains(name, e.Message);
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
    }

    [Fact]
    public void Fewer_points_than_clusters_is_a_clear_error()
    {
        var e = Assert.Throws<BankInsightException>(() => new KMeansTrainer(new KMeansOptions { ClusterCount = 5 }).Fit(Points([0], [1]), NullSink.Instance));
        Assert.Contains("2 points for ClusterCount 5", e.Message);
    }

    [Fact]
    public void Points_must_be_finite()
    {
        var e = Assert.Throws<ArgumentException>(() => new PointMatrix([[1f, float.NaN]]));
        Assert.Contains("finite", e.Message);
    }

    [Fact]
    public void Silhouette_matches_the_hand_computed_value()
    {
        // 1-D points 0, 1 | 10, 11. Point 0: a = 1, b = (10 + 11) / 2 → (10.5 − 1) / 10.5; point 1: a = 1, b = 9.5.
        var x = Points([0], [1], [10], [11]);
        double expected = (9.5 / 10.5 + 8.5 / 9.5 + 8.5 / 9.5 + 9.5 / 10.5) / 4;
        Assert.Equal(expected, Silhouette.Score(x, [0, 0, 1, 1]), 6);
        // A point alone in its cluster scores 0: 10 has a = 1, b = 10; 11 has a = 1, b = 11.
        Assert.Equal((0 + 9.0 / 10 + 10.0 / 11) / 3, Silhouette.Score(Points([0], [10], [11]), [0, 1, 1]), 6);
        Assert.Equal(0, Silhouette.Score(Points([0], [10], [11]), [0, 0, 0]));
    }

    [Fact]
    public void The_search_finds_the_number_of_separated_groups()
    {
        var x = Blobs(6_000, 3, 4, 8, spread: 0.3);
        var (k, scores) = ClusterCountSearch.Choose(x, 2, 7, new KMeansOptions { InitCount = 3 }, NullSink.Instance);
        Assert.Equal(4, k);
        Assert.Equal(6, scores.Count);
        Assert.Equal(scores.Max(s => s.Silhouette), scores.Single(s => s.ClusterCount == 4).Silhouette);
    }
}
