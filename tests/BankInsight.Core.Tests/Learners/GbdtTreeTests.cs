using BankInsight.Common;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Learners;

/// <summary>Single trees on tiny data, with every split and leaf value worked out by hand.</summary>
public class GbdtTreeTests
{
    // One tree, no shrinkage, no regularisation, no minimums: the tree is the exact second-order step.
    private static readonly GbdtOptions OneStep = new()
    {
        Trees = 1, LearningRate = 1, MaxLeaves = 2, MinSamplesLeaf = 1, MinChildWeight = 0, L2 = 0,
        EarlyStopping = EarlyStopping.Off, CategorySmoothing = 0, Threads = 1,
    };

    private static GbdtModel Train(FeatureColumn column, bool[] labels, GbdtOptions? options = null) =>
        new GbdtTrainer(options ?? OneStep).Train(new FeatureMatrix([column]), labels, null, new CollectingSink());

    [Fact]
    public void Numeric_split_lands_midway_and_leaves_are_minus_G_over_H()
    {
        // x = 1..8, y = 0,0,0,0,1,1,1,1. Prior 0.5 → raw 0; g = 0.5 − y = ±0.5, h = 0.25.
        // Best split x ≤ 4.5: left G = 2, H = 1 → −2; right G = −2, H = 1 → +2; gain 2²/1 + 2²/1 − 0 = 8.
        var model = Train(FeatureColumn.Numeric("x", [1, 2, 3, 4, 5, 6, 7, 8]), [false, false, false, false, true, true, true, true]);
        Assert.Equal(0.0, model.BaseScore, 12);
        var tree = Assert.Single(model.Trees);
        Assert.Equal(4.5, tree.Threshold[0]);
        Assert.Equal([-2.0, 2.0], tree.LeafValue);
        Assert.Equal(8.0, tree.Gain[0], 12);
        Assert.Equal([4.0, 4.0], tree.LeafCover);
        var raw = model.PredictRaw(new FeatureMatrix([FeatureColumn.Numeric("x", [4.5, 4.6, -100, 100])]));
        Assert.Equal([-2.0, 2.0, -2.0, 2.0], raw);
    }

    [Fact]
    public void L2_shrinks_leaf_values()
    {
        // Same data, λ = 1: leaves −G/(H + λ) = ∓2/2.
        var model = Train(FeatureColumn.Numeric("x", [1, 2, 3, 4, 5, 6, 7, 8]), [false, false, false, false, true, true, true, true], OneStep with { L2 = 1 });
        Assert.Equal([-1.0, 1.0], model.Trees[0].LeafValue);
    }

    [Fact]
    public void Missing_values_learn_their_direction()
    {
        // x = 1, 2, 3, 4, NaN, NaN with y = 0, 0, 1, 1, 1, 1. Prior 4/6 → raw ln 2; p = 2/3:
        // g = 2/3 for y = 0 and −1/3 for y = 1; h = 2/9. Best: x ≤ 2.5 left {1, 2}, the rest — NaN
        // included — right. Left G = 4/3, H = 4/9 → −3; right G = −4/3, H = 8/9 → +1.5; gain 4 + 2 = 6.
        var model = Train(FeatureColumn.Numeric("x", [1, 2, 3, 4, double.NaN, double.NaN]), [false, false, true, true, true, true]);
        var tree = model.Trees[0];
        Assert.Equal(Math.Log(2), model.BaseScore, 12);
        Assert.Equal(2.5, tree.Threshold[0]);
        Assert.False(tree.DefaultLeft[0]);
        Assert.Equal(-3.0, tree.LeafValue[0], 12);
        Assert.Equal(1.5, tree.LeafValue[1], 12);
        Assert.Equal(6.0, tree.Gain[0], 12);
        var raw = model.PredictRaw(new FeatureMatrix([FeatureColumn.Numeric("x", [double.NaN])]));
        Assert.Equal(Math.Log(2) + 1.5, raw[0], 12);
    }

    [Fact]
    public void Categories_split_by_set_not_by_code_order()
    {
        // Categories A B C D (codes 0..3), two rows each; A and C positive. Ordered by G/H the
        // split is {A, C} | {B, D} — not expressible as a threshold on the codes.
        var codes = new[] { 0, 0, 1, 1, 2, 2, 3, 3 };
        var labels = new[] { true, true, false, false, true, true, false, false };
        var model = Train(FeatureColumn.Categorical("kind", codes, ["A", "B", "C", "D"]), labels);
        var tree = model.Trees[0];
        var routes = tree.CategoryRoutes[0]!;
        Assert.Equal(routes[0], routes[2]);
        Assert.Equal(routes[1], routes[3]);
        Assert.NotEqual(routes[0], routes[1]);
        var raw = model.PredictRaw(new FeatureMatrix([FeatureColumn.Categorical("kind", [0, 1, 2, 3, -1], ["A", "B", "C", "D"])]));
        Assert.Equal([2.0, -2.0, 2.0, -2.0], raw[..4]);
        // Missing follows the default direction, which is one of the two leaves.
        Assert.Contains(raw[4], new[] { 2.0, -2.0 });
    }

    [Fact]
    public void Categories_never_seen_in_training_follow_the_default_direction()
    {
        var model = Train(FeatureColumn.Categorical("kind", [0, 0, 1, 1], ["A", "B", "C"]), [true, true, false, false]);
        var tree = model.Trees[0];
        Assert.Equal(-1, tree.CategoryRoutes[0]![2]); // C had no training rows
        double expected = tree.DefaultLeft[0] ? tree.LeafValue[0] : tree.LeafValue[1];
        var raw = model.PredictRaw(new FeatureMatrix([FeatureColumn.Categorical("kind", [2], ["A", "B", "C"])]));
        Assert.Equal(model.BaseScore + expected, raw[0], 12);
    }

    [Fact]
    public void Min_samples_per_leaf_blocks_small_leaves()
    {
        var model = Train(FeatureColumn.Numeric("x", [1, 2, 3, 4, 5, 6, 7, 8]), [false, false, false, false, true, true, true, true], OneStep with { MinSamplesLeaf = 5 });
        Assert.Equal(0, model.Trees[0].NodeCount);
        Assert.Equal(1, model.Trees[0].LeafCount);
    }

    [Fact]
    public void Depthwise_growth_respects_max_depth_and_leafwise_respects_max_leaves()
    {
        var random = new SeededRandom(5);
        int n = 2000;
        var a = new double[n];
        var b = new double[n];
        var y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = random.NextDouble();
            b[i] = random.NextDouble();
            y[i] = (a[i] > 0.5) ^ (b[i] > 0.5) ^ random.Bernoulli(0.1);
        }
        var x = new FeatureMatrix([FeatureColumn.Numeric("a", a), FeatureColumn.Numeric("b", b)]);
        var depthwise = new GbdtTrainer(new GbdtOptions { Trees = 3, Growth = TreeGrowth.Depthwise, MaxDepth = 2, EarlyStopping = EarlyStopping.Off }).Train(x, y, null, NullSink.Instance);
        Assert.All(depthwise.Trees, t => Assert.True(t.MaxDepth() <= 2 && t.LeafCount <= 4));
        var leafwise = new GbdtTrainer(new GbdtOptions { Trees = 3, MaxLeaves = 5, EarlyStopping = EarlyStopping.Off }).Train(x, y, null, NullSink.Instance);
        Assert.All(leafwise.Trees, t => Assert.True(t.LeafCount <= 5));
        // XOR needs both features: depth 2 captures it.
        var probabilities = Logistic.Probabilities(depthwise.PredictRaw(x));
        Assert.True(BankInsight.Metrics.RankingMetrics.RocAuc(probabilities, y) > 0.85);
    }

    [Fact]
    public void Boosting_reduces_training_loss_round_after_round()
    {
        var (x, y) = LearnerData.Synthetic(3000, 11);
        double Loss(int trees) => BankInsight.Metrics.RankingMetrics.LogLoss(
            Logistic.Probabilities(new GbdtTrainer(new GbdtOptions { Trees = trees, EarlyStopping = EarlyStopping.Off }).Train(x, y, null, NullSink.Instance).PredictRaw(x)), y);
        Assert.True(Loss(1) > Loss(10));
        Assert.True(Loss(10) > Loss(50));
    }

    [Theory]
    [InlineData("Trees", 0)]
    [InlineData("LearningRate", 0.0)]
    [InlineData("MaxBins", 300)]
    [InlineData("Subsample", 1.5)]
    public void Bad_hyper_parameters_are_named(string name, double value)
    {
        var options = name switch
        {
            "Trees" => new GbdtOptions { Trees = (int)value },
            "LearningRate" => new GbdtOptions { LearningRate = value },
            "MaxBins" => new GbdtOptions { MaxBins = (int)value },
            _ => new GbdtOptions { Subsample = value },
        };
        var (x, y) = LearnerData.Synthetic(100, 1);
        var e = Assert.Throws<BankInsightException>(() => new GbdtTrainer(options).Train(x, y, null, NullSink.Instance));
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
        Assert.StartsWith(name + " must be", e.Message);
    }

    [Fact]
    public void One_class_cannot_be_learned()
    {
        var x = new FeatureMatrix([FeatureColumn.Numeric("x", [1, 2, 3])]);
        var e = Assert.Throws<BankInsightException>(() => new GbdtTrainer().Train(x, [false, false, false], null, NullSink.Instance));
        Assert.Equal(ErrorIds.TrainingDataInvalid, e.ErrorId);
        Assert.Contains("all negative", e.Message);
    }
}

/// <summary>Learner test data: a noisy logistic world with numeric, missing and categorical features.</summary>
public static class LearnerData
{
    public static (FeatureMatrix X, bool[] Y) Synthetic(int n, int seed)
    {
        var random = new SeededRandom((ulong)seed);
        var a = new double[n];
        var b = new double[n];
        var c = new int[n];
        var y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = random.Normal();
            b[i] = random.Bernoulli(0.15) ? double.NaN : random.Uniform(0, 10);
            c[i] = random.Bernoulli(0.05) ? -1 : random.NextInt(4);
            double z = 1.2 * a[i] + (double.IsNaN(b[i]) ? 0.8 : -0.2 * (b[i] - 5)) + (c[i] == 2 ? 1.0 : c[i] == 0 ? -0.7 : 0) + 0.5 * random.Normal();
            y[i] = random.Bernoulli(Logistic.Sigmoid(z - 0.5));
        }
        return (new FeatureMatrix([FeatureColumn.Numeric("a", a), FeatureColumn.Numeric("b", b), FeatureColumn.Categorical("c", c, ["w", "x", "y", "z"])]), y);
    }
}
