using BankInsight.Common;

namespace BankInsight.Learners;

/// <summary>How trees grow.</summary>
public enum TreeGrowth
{
    /// <summary>Always split the leaf with the largest gain (LightGBM); bounded by MaxLeaves (and MaxDepth).</summary>
    Leafwise,
    /// <summary>Split level by level (XGBoost); bounded by MaxDepth (and MaxLeaves).</summary>
    Depthwise,
}

/// <summary>When to stop adding trees early.</summary>
public enum EarlyStopping
{
    /// <summary>On when a validation set is given, or when there are at least 1,000 training rows (10% held out); off for tiny data.</summary>
    Auto,
    /// <summary>Always (holding out ValidationFraction of the rows when no validation set is given).</summary>
    On,
    /// <summary>Never: exactly Trees trees.</summary>
    Off,
}

/// <summary>
/// Gradient-boosted trees hyper-parameters, with defaults that work without tuning: close to
/// scikit-learn's HistGradientBoostingClassifier, but early stopping on a stratified 10% holdout
/// from 1,000 rows up (a small bank's files overfit otherwise; on the public benchmarks this
/// default was as good or better on all three sets). Immutable; checked by <see cref="Validate"/>
/// at the start of training, naming the parameter at fault.
/// </summary>
public sealed record GbdtOptions
{
    /// <summary>Maximum number of trees (boosting rounds); early stopping usually ends sooner.</summary>
    public int Trees { get; init; } = 300;

    /// <summary>Shrinkage applied to every tree's values.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Leaf-wise (default) or depth-wise growth.</summary>
    public TreeGrowth Growth { get; init; } = TreeGrowth.Leafwise;

    /// <summary>Maximum leaves per tree (0 = automatic: 31 leaf-wise, 2^MaxDepth depth-wise).</summary>
    public int MaxLeaves { get; init; }

    /// <summary>Maximum depth (0 = no limit of its own for leaf-wise; depth-wise needs a limit and uses 6 when 0). Trees never grow deeper than 256 levels, the deepest a model file holds.</summary>
    public int MaxDepth { get; init; }

    /// <summary>Minimum training rows in a leaf.</summary>
    public int MinSamplesLeaf { get; init; } = 20;

    /// <summary>Minimum hessian sum in a leaf (XGBoost's min_child_weight).</summary>
    public double MinChildWeight { get; init; } = 1e-3;

    /// <summary>L2 regularisation of leaf values (λ).</summary>
    public double L2 { get; init; }

    /// <summary>Minimum gain for a split to be made.</summary>
    public double MinSplitGain { get; init; }

    /// <summary>Bins per feature, missing bin included (2–255).</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Rows sampled to find bin edges.</summary>
    public int BinSampleSize { get; init; } = 200_000;

    /// <summary>Share of rows each tree is grown on (1 = all).</summary>
    public double Subsample { get; init; } = 1.0;

    /// <summary>Share of features each tree may split on (1 = all).</summary>
    public double ColumnSample { get; init; } = 1.0;

    /// <summary>Weight of positive rows (for rare churners, e.g. negatives/positives); 1 = unweighted.</summary>
    public double PositiveWeight { get; init; } = 1.0;

    /// <summary>Early stopping policy.</summary>
    public EarlyStopping EarlyStopping { get; init; } = EarlyStopping.Auto;

    /// <summary>Share of training rows held out (stratified) for early stopping when no validation set is given.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Stop after this many rounds without improving the validation log-loss.</summary>
    public int EarlyStoppingRounds { get; init; } = 10;

    /// <summary>Improvement in validation log-loss that counts as progress.</summary>
    public double EarlyStoppingTolerance { get; init; } = 1e-7;

    /// <summary>Smoothing added to hessians when ordering categories for a split.</summary>
    public double CategorySmoothing { get; init; } = 10;

    /// <summary>Seed for sampling rows, columns, bins and the validation split.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads (0 = all cores). Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Throws naming the first parameter out of range.</summary>
    public void Validate()
    {
        Check(Trees >= 1, nameof(Trees), Trees, "at least 1");
        Check(LearningRate > 0 && LearningRate <= 1, nameof(LearningRate), LearningRate, "in (0, 1]");
        Check(MaxLeaves == 0 || MaxLeaves >= 2, nameof(MaxLeaves), MaxLeaves, "0 (automatic) or at least 2");
        Check(MaxDepth >= 0, nameof(MaxDepth), MaxDepth, "0 (unlimited) or more");
        Check(MinSamplesLeaf >= 1, nameof(MinSamplesLeaf), MinSamplesLeaf, "at least 1");
        Check(MinChildWeight >= 0, nameof(MinChildWeight), MinChildWeight, "0 or more");
        Check(L2 >= 0, nameof(L2), L2, "0 or more");
        Check(MinSplitGain >= 0, nameof(MinSplitGain), MinSplitGain, "0 or more");
        Check(MaxBins is >= 2 and <= 255, nameof(MaxBins), MaxBins, "between 2 and 255");
        Check(BinSampleSize >= 1000, nameof(BinSampleSize), BinSampleSize, "at least 1000");
        Check(Subsample > 0 && Subsample <= 1, nameof(Subsample), Subsample, "in (0, 1]");
        Check(ColumnSample > 0 && ColumnSample <= 1, nameof(ColumnSample), ColumnSample, "in (0, 1]");
        Check(PositiveWeight > 0, nameof(PositiveWeight), PositiveWeight, "greater than 0");
        Check(ValidationFraction > 0 && ValidationFraction < 0.5, nameof(ValidationFraction), ValidationFraction, "in (0, 0.5)");
        Check(EarlyStoppingRounds >= 1, nameof(EarlyStoppingRounds), EarlyStoppingRounds, "at least 1");
        Check(EarlyStoppingTolerance >= 0, nameof(EarlyStoppingTolerance), EarlyStoppingTolerance, "0 or more");
        Check(CategorySmoothing >= 0, nameof(CategorySmoothing), CategorySmoothing, "0 or more");
        Check(Threads >= 0, nameof(Threads), Threads, "0 (all cores) or more");
    }

    internal static void Check(bool ok, string name, object value, string expected)
    {
        if (!ok)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"{name} must be {expected} (got {value}).", value);
    }

    internal int EffectiveMaxDepth => Growth == TreeGrowth.Depthwise && MaxDepth == 0 ? 6 : MaxDepth;

    internal int EffectiveMaxLeaves => MaxLeaves > 0 ? MaxLeaves
        : Growth == TreeGrowth.Leafwise ? 31 : 1 << Math.Min(EffectiveMaxDepth, 20);

    internal ParallelOptions Parallel(CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = Threads == 0 ? Environment.ProcessorCount : Threads,
        CancellationToken = cancellationToken,
    };
}
