using System.Diagnostics;
using BankInsight.Features;
using BankInsight.Metrics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace BankInsight.Bench.Learners;

/// <summary>
/// Microsoft.ML 5.0.1's binary learners as peers, each fitted on the same training fold and scoring
/// the same held-out fold as ours; its probabilities go through our metrics code.
/// </summary>
/// <remarks>
/// The settings, and why:
/// <list type="bullet">
/// <item>LightGbm, defaults: what an ML.NET user gets (100 trees, ML.NET's automatic leaves and learning rate).</item>
/// <item>LightGbm, 300 trees and early stopping: our GBDT's budget (300 trees, learning rate 0.1,
/// stop after 10 rounds without a better validation log-loss) on a stratified 10% of the training
/// fold held out the way our GBDT holds it out (the same helper, seed 42); the held-out fold is never seen.</item>
/// <item>FastTree, defaults.</item>
/// <item>L-BFGS logistic regression: ours minimises mean log-loss + ‖w‖²/(2·C·n); ML.NET minimises
/// (Σ log-loss + L2·‖w‖²/2)/n (LbfgsTrainerBase divides the sum, regulariser included, by the row
/// count), so L2Regularization = 1/C = 0.01 with C = 100 gives the same minimiser. L1Regularization
/// is set to 0 (ML.NET's default is 1, which ours does not have). The inputs are our design matrix
/// (<see cref="MlNetInputs.ForLinear"/>).</item>
/// </list>
/// MLContext seed 42 everywhere; threads are ML.NET's defaults.
/// </remarks>
internal sealed class MlNetLearner : IBenchLearner
{
    private enum Kind { LightGbm, LightGbmEarlyStopping, FastTree, Lbfgs }

    public const string LibraryName = "Microsoft.ML 5.0.1";
    public const int Seed = 42;
    public const double ValidationFraction = 0.1;
    public const int EarlyStoppingRounds = 10;

    private readonly Kind _kind;

    private MlNetLearner(Kind kind, string model, string label, LearnerFamily family) => (_kind, Model, Label, Family) = (kind, model, label, family);

    public static MlNetLearner LightGbm() => new(Kind.LightGbm, "mlnet-lightgbm", "ML.NET LightGbm (defaults)", LearnerFamily.Trees);

    public static MlNetLearner LightGbmEarlyStopping() => new(Kind.LightGbmEarlyStopping, "mlnet-lightgbm-es", "ML.NET LightGbm (300 trees, early stop)", LearnerFamily.Trees);

    public static MlNetLearner FastTree() => new(Kind.FastTree, "mlnet-fasttree", "ML.NET FastTree (defaults)", LearnerFamily.Trees);

    public static MlNetLearner Lbfgs() => new(Kind.Lbfgs, "mlnet-lbfgs", $"ML.NET L-BFGS logistic (L2={1 / OurLearner.LogisticSettings.C}, L1=0)", LearnerFamily.Linear);

    public string Model { get; }
    public string Label { get; }
    public string Library => LibraryName;
    public LearnerFamily Family { get; }

    public FoldRun Run(FeatureMatrix trainX, bool[] trainY, FeatureMatrix testX, CancellationToken cancellationToken)
    {
        // Inputs in ML.NET's form before the clock starts, as ours get a ready feature matrix.
        var ml = new MLContext(seed: Seed);
        var inputs = _kind == Kind.Lbfgs ? MlNetInputs.ForLinear(trainX) : MlNetInputs.ForTrees(trainX);
        IDataView train, test = inputs.View(ml, inputs.Rows(testX, null));
        IDataView? validation = null;
        if (_kind == Kind.LightGbmEarlyStopping)
        {
            var (fitRows, validRows) = StratifiedFolds.HoldOut(trainY, ValidationFraction, Seed);
            train = inputs.View(ml, inputs.Rows(trainX, trainY, fitRows));
            validation = inputs.View(ml, inputs.Rows(trainX, trainY, validRows));
        }
        else train = inputs.View(ml, inputs.Rows(trainX, trainY));
        cancellationToken.ThrowIfCancellationRequested();

        var clock = Stopwatch.StartNew();
        ITransformer model = _kind switch
        {
            Kind.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options()).Fit(train),
            Kind.LightGbmEarlyStopping => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = 300,
                LearningRate = 0.1,
                EarlyStoppingRound = EarlyStoppingRounds,
            }).Fit(train, validation),
            Kind.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options()).Fit(train),
            Kind.Lbfgs => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L1Regularization = 0,
                L2Regularization = (float)(1 / OurLearner.LogisticSettings.C),
            }).Fit(train),
            _ => throw new InvalidOperationException(_kind.ToString()),
        };
        double fit = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var probabilities = model.Transform(test).GetColumn<float>("Probability").Select(p => (double)p).ToArray();
        return new FoldRun(fit, clock.Elapsed.TotalSeconds, probabilities);
    }
}
