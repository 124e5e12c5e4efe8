using BankInsight.Features;

namespace BankInsight.Bench.Learners;

/// <summary>Which of our learners a peer is set beside: its fit time is shown as a ratio to ours.</summary>
internal enum LearnerFamily
{
    /// <summary>Gradient-boosted trees (ours: GBDT).</summary>
    Trees,
    /// <summary>L2-regularised logistic regression (ours: L-BFGS).</summary>
    Linear,
}

/// <summary>One fit on a training fold and the scoring of its held-out fold.</summary>
/// <param name="FitSeconds">Training only: inputs already in the learner's own form (feature matrix, or ML.NET rows).</param>
/// <param name="PredictSeconds">Scoring the held-out rows to probabilities.</param>
/// <param name="Probabilities">P(positive) of every held-out row, in the fold's row order.</param>
internal sealed record FoldRun(double FitSeconds, double PredictSeconds, double[] Probabilities);

/// <summary>
/// A learner in the benchmark, ours or a peer's, behind one shape so that every learner sees the
/// same folds, the same features and the same metrics code.
/// </summary>
internal interface IBenchLearner
{
    /// <summary>The JSON row's "model": gbdt and logistic (ours, as before), mlnet-* (Microsoft.ML).</summary>
    string Model { get; }

    /// <summary>The table's name for it, with the settings that matter.</summary>
    string Label { get; }

    /// <summary>"BankInsight" or "Microsoft.ML 5.0.1".</summary>
    string Library { get; }

    /// <summary>Which of ours it stands beside.</summary>
    LearnerFamily Family { get; }

    /// <summary>Fits on the training fold, scores the held-out one, timing each.</summary>
    FoldRun Run(FeatureMatrix trainX, bool[] trainY, FeatureMatrix testX, CancellationToken cancellationToken);
}
