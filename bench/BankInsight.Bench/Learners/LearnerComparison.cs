using BankInsight.Bench.Measuring;
using BankInsight.Features;
using BankInsight.Metrics;

namespace BankInsight.Bench.Learners;

/// <summary>One training fold and its held-out fold, in the learners' common form.</summary>
internal sealed record FoldSplit(FeatureMatrix TrainX, bool[] TrainY, FeatureMatrix TestX, bool[] TestY);

/// <summary>A learner's cross-validated result on one data set.</summary>
/// <param name="RocAuc">Mean over folds (and over repeats, which differ only for a learner that is not deterministic).</param>
/// <param name="PrAuc">Likewise.</param>
/// <param name="Fit">Seconds per fold: each repeat's mean over the folds, best and median over the repeats.</param>
/// <param name="Predict">Likewise, for scoring the held-out fold.</param>
/// <param name="FoldRows">Held-out rows of each fold: identical for every learner.</param>
/// <param name="FoldPositives">Held-out positives of each fold.</param>
/// <param name="FoldRocAuc">ROC-AUC of each fold (mean over repeats).</param>
internal sealed record LearnerResult(IBenchLearner Learner, double RocAuc, double PrAuc, Timing Fit, Timing Predict,
    int[] FoldRows, int[] FoldPositives, double[] FoldRocAuc);

/// <summary>
/// Ours and Microsoft.ML's learners on the same stratified folds (<see cref="StratifiedFolds"/>,
/// the assignment <see cref="CrossValidation"/> uses: 5 folds, shuffled, seed 42), the same features,
/// and our metrics code on every learner's probabilities. Each learner is warmed up on the first
/// fold (not counted), then cross-validated <c>repeat</c> times.
/// </summary>
internal static class LearnerComparison
{
    public const int Folds = 5;
    public const int Seed = 42;

    /// <summary>Every learner of the benchmark, in table order: trees, then linear; ours first in each.</summary>
    public static IReadOnlyList<IBenchLearner> All() =>
    [
        OurLearner.Gbdt(), MlNetLearner.LightGbm(), MlNetLearner.LightGbmEarlyStopping(), MlNetLearner.FastTree(),
        OurLearner.Logistic(), MlNetLearner.Lbfgs(),
    ];

    /// <summary>The folds, exactly as <see cref="CrossValidation.Run"/> makes them.</summary>
    public static IReadOnlyList<FoldSplit> Splits(FeatureMatrix features, bool[] labels, int folds = Folds, int seed = Seed)
    {
        var assignment = StratifiedFolds.Assign(labels, folds, seed);
        var splits = new List<FoldSplit>(folds);
        for (int k = 0; k < folds; k++)
        {
            var (trainRows, testRows) = StratifiedFolds.Split(assignment, k);
            splits.Add(new FoldSplit(features.Select(trainRows), trainRows.Select(r => labels[r]).ToArray(),
                features.Select(testRows), testRows.Select(r => labels[r]).ToArray()));
        }
        return splits;
    }

    /// <summary>Warm-up on the first fold, then <paramref name="repeat"/> cross-validations.</summary>
    public static LearnerResult Measure(IBenchLearner learner, IReadOnlyList<FoldSplit> splits, int repeat, CancellationToken cancellationToken)
    {
        var first = splits[0];
        learner.Run(first.TrainX, first.TrainY, first.TestX, cancellationToken);
        int folds = splits.Count;
        var fit = new double[repeat];
        var predict = new double[repeat];
        var roc = new double[folds];
        var pr = new double[folds];
        for (int r = 0; r < repeat; r++)
        {
            for (int k = 0; k < folds; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var split = splits[k];
                var run = learner.Run(split.TrainX, split.TrainY, split.TestX, cancellationToken);
                var evaluation = BinaryEvaluation.Evaluate(run.Probabilities, split.TestY, 0.5);
                fit[r] += run.FitSeconds / folds;
                predict[r] += run.PredictSeconds / folds;
                roc[k] += evaluation.RocAuc / repeat;
                pr[k] += evaluation.PrAuc / repeat;
            }
        }
        return new LearnerResult(learner, roc.Average(), pr.Average(), Timing.Of(fit), Timing.Of(predict),
            splits.Select(s => s.TestY.Length).ToArray(), splits.Select(s => s.TestY.Count(y => y)).ToArray(), roc);
    }
}
