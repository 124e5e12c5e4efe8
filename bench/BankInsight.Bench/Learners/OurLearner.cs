using System.Diagnostics;
using BankInsight.Common;
using BankInsight.Features;
using BankInsight.Learners;

namespace BankInsight.Bench.Learners;

/// <summary>One of our trainers, timed exactly as <see cref="Metrics.CrossValidation"/> times it.</summary>
internal sealed class OurLearner(IBinaryTrainer trainer, string label, LearnerFamily family) : IBenchLearner
{
    /// <summary>Settings of the linear model in the benchmark: scikit-learn's peer used C = 100 on scaled, one-hot data.</summary>
    public static readonly LogisticRegressionOptions LogisticSettings = new() { C = 100 };

    public static OurLearner Gbdt() => new(new GbdtTrainer(), "ours GBDT (defaults)", LearnerFamily.Trees);

    public static OurLearner Logistic() => new(new LogisticRegressionTrainer(LogisticSettings), $"ours logistic regression (C={LogisticSettings.C})", LearnerFamily.Linear);

    public string Model => trainer.Kind;
    public string Label => label;
    public string Library => "BankInsight";
    public LearnerFamily Family => family;

    public FoldRun Run(FeatureMatrix trainX, bool[] trainY, FeatureMatrix testX, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(trainX, trainY, null, NullSink.Instance, cancellationToken);
        double fit = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var probabilities = BankInsight.Learners.Logistic.Probabilities(model.PredictRaw(testX, cancellationToken));
        return new FoldRun(fit, clock.Elapsed.TotalSeconds, probabilities);
    }
}
