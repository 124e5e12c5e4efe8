using BankInsight.Common;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Learners;

public class LogisticRegressionTests
{
    [Fact]
    public void Converges_and_says_so()
    {
        var (x, y) = LearnerData.Synthetic(5000, 31);
        var sink = new CollectingSink();
        var model = new LogisticRegressionTrainer().Train(x, y, sink);
        Assert.True(model.Report.Converged);
        Assert.Contains("converged in", model.Report.Note);
        Assert.Contains(sink.VerboseMessages, m => m.Contains("converged in"));
    }

    [Fact]
    public void The_solution_zeroes_the_gradient()
    {
        // At the optimum of mean log-loss + λ/2‖w‖² the intercept's gradient is the mean residual: ≈ 0.
        var (x, y) = LearnerData.Synthetic(5000, 32);
        var model = new LogisticRegressionTrainer(new LogisticRegressionOptions { Tolerance = 1e-8 }).Train(x, y, NullSink.Instance);
        var p = Logistic.Probabilities(model.PredictRaw(x));
        double meanResidual = p.Select((pi, i) => pi - (y[i] ? 1 : 0)).Average();
        Assert.InRange(meanResidual, -1e-7, 1e-7);
    }

    [Fact]
    public void Recovers_the_direction_of_effects()
    {
        var (x, y) = LearnerData.Synthetic(20_000, 33);
        var model = new LogisticRegressionTrainer().Train(x, y, NullSink.Instance);
        // The world: +1.2·a, −0.2 per unit of b (+0.8 when b is missing), category y +1.0, w −0.7.
        // Layout: [a, b, b-missing indicator, c=w, c=x, c=y, c=z].
        Assert.True(model.Weights[0] > 0.8, $"a {model.Weights[0]}");
        Assert.True(model.Weights[1] < -0.3, $"b {model.Weights[1]}");
        Assert.True(model.Weights[5] > model.Weights[4] && model.Weights[4] > model.Weights[3]);
        // c spans 1.7 on the logit scale, more than a's 1.2: it ranks first.
        Assert.Equal("c", model.Importance()[0].Feature);
    }

    [Fact]
    public void Too_few_iterations_is_reported_not_hidden()
    {
        var (x, y) = LearnerData.Synthetic(2000, 34);
        var sink = new CollectingSink();
        var model = new LogisticRegressionTrainer(new LogisticRegressionOptions { MaxIterations = 2 }).Train(x, y, sink);
        Assert.False(model.Report.Converged);
        Assert.Contains(sink.Warnings, w => w.Contains("did not converge in 2 iterations"));
    }

    [Fact]
    public void Stronger_regularisation_shrinks_weights()
    {
        var (x, y) = LearnerData.Synthetic(3000, 35);
        var weak = new LogisticRegressionTrainer(new LogisticRegressionOptions { C = 100 }).Train(x, y, NullSink.Instance);
        var strong = new LogisticRegressionTrainer(new LogisticRegressionOptions { C = 0.001 }).Train(x, y, NullSink.Instance);
        Assert.True(strong.Weights.Sum(w => w * w) < weak.Weights.Sum(w => w * w) / 10);
    }
}
