using BankInsight.Common;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Serialization;

namespace BankInsight.Tests.Learners;

public class DeterminismTests
{
    private static string Text(IBinaryModel model) =>
        new TrainedModel("test", "T", "0000000000000000", new FeaturePlan(model.FeatureNames.Select(n => new FeatureSpec(n, n, FeatureTransform.Number, [])).ToArray(), null), model).ToText();

    [Fact]
    public void Trees_are_identical_with_one_thread_or_many()
    {
        // Big enough for parallel histograms, with bagging and column sampling in play.
        var (x, y) = LearnerData.Synthetic(60_000, 21);
        var options = new GbdtOptions { Trees = 30, Subsample = 0.8, ColumnSample = 0.67, Seed = 7 };
        var one = new GbdtTrainer(options with { Threads = 1 }).Train(x, y, null, NullSink.Instance);
        var many = new GbdtTrainer(options with { Threads = 4 }).Train(x, y, null, NullSink.Instance);
        Assert.Equal(one.PredictRaw(x), many.PredictRaw(x));
        Assert.Equal(Comparable(one), Comparable(many));
    }

    // The parameters section records Threads nowhere, so whole files must match.
    private static string Comparable(GbdtModel model) => Text(model);

    [Fact]
    public void Same_data_and_seed_give_the_same_bytes_and_another_seed_differs()
    {
        var (x, y) = LearnerData.Synthetic(5000, 22);
        var options = new GbdtOptions { Trees = 20, Subsample = 0.7 };
        string a = Text(new GbdtTrainer(options).Train(x, y, null, NullSink.Instance));
        string b = Text(new GbdtTrainer(options).Train(x, y, null, NullSink.Instance));
        string c = Text(new GbdtTrainer(options with { Seed = 8 }).Train(x, y, null, NullSink.Instance));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Logistic_regression_is_identical_with_one_thread_or_many()
    {
        var (x, y) = LearnerData.Synthetic(40_000, 23);
        var one = new LogisticRegressionTrainer(new LogisticRegressionOptions { Threads = 1 }).Train(x, y, NullSink.Instance);
        var many = new LogisticRegressionTrainer(new LogisticRegressionOptions { Threads = 4 }).Train(x, y, NullSink.Instance);
        Assert.Equal(one.Weights, many.Weights);
        Assert.Equal(one.Intercept, many.Intercept);
    }
}
