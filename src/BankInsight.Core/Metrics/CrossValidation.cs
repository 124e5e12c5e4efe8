using System.Diagnostics;
using BankInsight.Common;
using BankInsight.Features;
using BankInsight.Learners;

namespace BankInsight.Metrics;

/// <summary>One fold of a cross-validation.</summary>
/// <param name="Fold">Fold number (0-based).</param>
/// <param name="Evaluation">Metrics on the held-out fold at the given threshold.</param>
/// <param name="FitSeconds">Training time.</param>
/// <param name="PredictSeconds">Time to score the held-out fold.</param>
/// <param name="Report">How training went.</param>
public sealed record FoldResult(int Fold, BinaryEvaluation Evaluation, double FitSeconds, double PredictSeconds, TrainingReport Report);

/// <summary>Stratified k-fold cross-validation of any binary trainer.</summary>
public static class CrossValidation
{
    /// <summary>
    /// Trains on k−1 folds and evaluates on the held-out one, k times, with folds from
    /// <see cref="StratifiedFolds"/> (shuffled by <paramref name="seed"/>).
    /// </summary>
    public static IReadOnlyList<FoldResult> Run(IBinaryTrainer trainer, FeatureMatrix features, bool[] labels, int folds, int seed,
        IOperationSink sink, double threshold = 0.5, CancellationToken cancellationToken = default)
    {
        var assignment = StratifiedFolds.Assign(labels, folds, seed);
        var results = new List<FoldResult>();
        for (int k = 0; k < folds; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (trainRows, testRows) = StratifiedFolds.Split(assignment, k);
            var trainX = features.Select(trainRows);
            var trainY = trainRows.Select(r => labels[r]).ToArray();
            var testX = features.Select(testRows);
            var testY = testRows.Select(r => labels[r]).ToArray();
            var clock = Stopwatch.StartNew();
            var model = trainer.Fit(trainX, trainY, null, NullSink.Instance, cancellationToken);
            double fit = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var probabilities = Logistic.Probabilities(model.PredictRaw(testX, cancellationToken));
            double predict = clock.Elapsed.TotalSeconds;
            var evaluation = BinaryEvaluation.Evaluate(probabilities, testY, threshold);
            results.Add(new FoldResult(k, evaluation, fit, predict, model.Report));
            sink.Progress(new OperationProgress($"Cross-validating {trainer.Kind}", $"fold {k + 1} of {folds}: ROC-AUC {evaluation.RocAuc:F4}", (k + 1.0) / folds));
        }
        sink.Progress(new OperationProgress($"Cross-validating {trainer.Kind}", $"{folds} folds", 1, Completed: true));
        return results;
    }
}
