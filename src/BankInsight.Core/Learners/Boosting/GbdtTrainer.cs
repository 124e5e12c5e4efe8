using BankInsight.Common;
using BankInsight.Features;
using BankInsight.Learners.Trees;
using BankInsight.Metrics;

namespace BankInsight.Learners;

/// <summary>
/// Gradient-boosted decision trees for binary classification (log-loss), histogram-based.
/// </summary>
/// <remarks>
/// Follows the second-order boosting of Chen &amp; Guestrin (XGBoost, 2016) with LightGBM's
/// histogram and leaf-wise growth (Ke et al., 2017): start from the prior log-odds; each round
/// fits a tree to gradient g = w(p − y) and hessian h = w·p(1 − p), with leaf values
/// −G/(H + λ) × learning rate. Features are binned once (≤ 255 bins, bin 0 = missing);
/// categorical features split by category sets; missing values learn their default direction.
/// Early stopping watches the validation log-loss and keeps the best round.
/// Cost: O(rounds × rows × features × depth) with the histogram subtraction trick.
/// Deterministic: the same data, options and seed give the same trees, whatever Threads is —
/// randomness comes from streams of the one seed, and parallel work (features of a histogram,
/// row blocks of gradients) never changes the order in which any sum is taken.
/// </remarks>
public sealed class GbdtTrainer(GbdtOptions? options = null) : IBinaryTrainer
{
    private const ulong BinStream = 1, BagStream = 2, ColumnStream = 3, ValidationStream = 4;

    /// <summary>The hyper-parameters used.</summary>
    public GbdtOptions Options { get; } = options ?? new GbdtOptions();

    /// <inheritdoc />
    public string Kind => "gbdt";

    /// <inheritdoc />
    public IBinaryModel Fit(FeatureMatrix features, bool[] labels, (FeatureMatrix Features, bool[] Labels)? validation, IOperationSink sink, CancellationToken cancellationToken = default) =>
        Train(features, labels, validation, sink, cancellationToken);

    /// <summary>Trains; see the class remarks.</summary>
    public GbdtModel Train(FeatureMatrix features, bool[] labels, (FeatureMatrix Features, bool[] Labels)? validation, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var o = Options;
        o.Validate();
        TrainingChecks.Labels(features, labels);
        var parallel = o.Parallel(cancellationToken);
        ulong seed = unchecked((ulong)o.Seed);

        // Hold out a stratified validation share when early stopping needs one and none was given.
        var train = features;
        var trainLabels = labels;
        bool stopEarly = o.EarlyStopping == EarlyStopping.On
            || (o.EarlyStopping == EarlyStopping.Auto && (validation is not null || features.RowCount >= 1_000));
        if (stopEarly && validation is null)
        {
            var (trainRows, validRows) = StratifiedFolds.HoldOut(labels, o.ValidationFraction, SeededRandom.ForStream(seed, ValidationStream, 0));
            validation = (features.Select(validRows), validRows.Select(r => labels[r]).ToArray());
            train = features.Select(trainRows);
            trainLabels = trainRows.Select(r => labels[r]).ToArray();
        }
        if (validation is { } v) TrainingChecks.SameFeatures(features.Names.ToArray(), features.Columns.Select(c => c.Kind).ToArray(), v.Features);

        int n = train.RowCount, featureCount = train.FeatureCount;
        sink.Verbose($"Training gradient-boosted trees on {n:N0} rows × {featureCount} features{(validation is { } vv ? $", early stopping on {vv.Features.RowCount:N0} validation rows" : "")}: up to {o.Trees} trees, learning rate {o.LearningRate}, {o.Growth} growth, seed {o.Seed}.");

        var mappers = new BinMapper[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            var column = train.Columns[f];
            mappers[f] = column.Kind == FeatureKind.Numeric
                ? BinMapper.ForNumeric(column.Values, o.MaxBins, o.BinSampleSize, SeededRandom.ForStream(seed, BinStream, (ulong)f))
                : BinMapper.ForCategorical(column.Codes, column.Categories.Count, o.MaxBins);
        }
        var binned = new BinnedFeatures(train, mappers, parallel);

        var weights = new double[n];
        double positiveWeight = 0, totalWeight = 0;
        for (int i = 0; i < n; i++)
        {
            weights[i] = trainLabels[i] ? o.PositiveWeight : 1.0;
            totalWeight += weights[i];
            if (trainLabels[i]) positiveWeight += weights[i];
        }
        double baseScore = Logistic.Logit(positiveWeight / totalWeight);
        var scores = new double[n];
        Array.Fill(scores, baseScore);
        var gradients = new double[n];
        var hessians = new double[n];

        double[]? validScores = null;
        double[]? validWeights = null;
        if (validation is { } val)
        {
            validScores = new double[val.Features.RowCount];
            Array.Fill(validScores, baseScore);
            validWeights = val.Labels.Select(l => l ? o.PositiveWeight : 1.0).ToArray();
        }

        var grower = new TreeGrower(binned, o, parallel);
        var allRows = Enumerable.Range(0, n).ToArray();
        var sample = new int[n];
        var allFeatures = Enumerable.Range(0, featureCount).ToArray();
        var trees = new List<RegressionTree>();
        double bestLoss = double.PositiveInfinity;
        int bestRounds = 0, sinceBest = 0;
        bool stoppedEarly = false;
        const string activity = "Training gradient-boosted trees";

        for (int t = 0; t < o.Trees; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ComputeGradients(scores, trainLabels, weights, gradients, hessians, parallel);

            int sampleCount = n;
            int[] rows = allRows;
            if (o.Subsample < 1)
            {
                var bag = SeededRandom.ForStream(seed, BagStream, (ulong)t);
                sampleCount = 0;
                for (int i = 0; i < n; i++) if (bag.NextDouble() < o.Subsample) sample[sampleCount++] = i;
                rows = sample;
            }
            int[] treeFeatures = allFeatures;
            if (o.ColumnSample < 1)
            {
                int keep = Math.Max(1, (int)Math.Round(featureCount * o.ColumnSample));
                var shuffled = (int[])allFeatures.Clone();
                var pick = SeededRandom.ForStream(seed, ColumnStream, (ulong)t);
                for (int i = 0; i < keep; i++)
                {
                    int j = i + pick.NextInt(featureCount - i);
                    (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
                }
                treeFeatures = shuffled[..keep];
                Array.Sort(treeFeatures);
            }

            var grown = grower.Grow(gradients, hessians, rows, sampleCount, treeFeatures, cancellationToken);
            var tree = grown.Tree;
            if (sampleCount == n)
            {
                var leafRows = grower.LeafRows;
                for (int leaf = 0; leaf < tree.LeafCount; leaf++)
                {
                    double value = tree.LeafValue[leaf];
                    int start = grown.LeafStart[leaf], end = start + grown.LeafCount[leaf];
                    for (int i = start; i < end; i++) scores[leafRows[i]] += value;
                }
            }
            else
            {
                Parallel.For(0, (n + 8191) / 8192, parallel, block =>
                {
                    int end = Math.Min(n, (block + 1) * 8192);
                    for (int i = block * 8192; i < end; i++) scores[i] += tree.LeafValue[LeafOfBinned(grown, binned, i)];
                });
            }
            trees.Add(tree);

            string status = $"tree {t + 1} of {o.Trees}";
            if (validation is { } vs)
            {
                var columns = vs.Features.Columns;
                for (int i = 0; i < validScores!.Length; i++) validScores[i] += tree.LeafValue[tree.LeafOf(columns, i)];
                double loss = WeightedLogLoss(validScores, vs.Labels, validWeights!);
                status += $", validation log-loss {loss:F5}";
                if (loss < bestLoss - o.EarlyStoppingTolerance)
                {
                    bestLoss = loss;
                    bestRounds = t + 1;
                    sinceBest = 0;
                }
                else if (++sinceBest >= o.EarlyStoppingRounds)
                {
                    stoppedEarly = true;
                    sink.Progress(new OperationProgress(activity, status, (t + 1.0) / o.Trees));
                    break;
                }
            }
            sink.Progress(new OperationProgress(activity, status, (t + 1.0) / o.Trees));
        }
        sink.Progress(new OperationProgress(activity, $"{trees.Count} trees", 1, Completed: true));

        if (validation is not null && bestRounds > 0 && bestRounds < trees.Count) trees.RemoveRange(bestRounds, trees.Count - bestRounds);
        string note = validation is null
            ? $"{trees.Count} trees (no early stopping)"
            : stoppedEarly
                ? $"stopped early: best validation log-loss {bestLoss:F5} after {trees.Count} trees"
                : $"{trees.Count} trees; validation log-loss still improving at the last tree ({bestLoss:F5})";
        sink.Verbose($"Gradient-boosted trees: {note}.");
        var report = new TrainingReport(trees.Count, true, stoppedEarly, validation is null ? null : bestLoss, note);
        return new GbdtModel(features, trees, baseScore, o, report);
    }

    private static void ComputeGradients(double[] scores, bool[] labels, double[] weights, double[] g, double[] h, ParallelOptions parallel)
    {
        const int block = 16384;
        Parallel.For(0, (scores.Length + block - 1) / block, parallel, b =>
        {
            int end = Math.Min(scores.Length, (b + 1) * block);
            for (int i = b * block; i < end; i++)
            {
                double p = Logistic.Sigmoid(scores[i]);
                double w = weights[i];
                g[i] = w * (p - (labels[i] ? 1.0 : 0.0));
                h[i] = Math.Max(w * p * (1 - p), 1e-16);
            }
        });
    }

    private static int LeafOfBinned(TreeGrower.Result grown, BinnedFeatures binned, int row)
    {
        var tree = grown.Tree;
        if (tree.NodeCount == 0) return 0;
        int node = 0;
        while (true)
        {
            byte bin = binned.Columns[tree.SplitFeature[node]][row];
            var leftBins = grown.SplitBins[node];
            bool goLeft = bin == BinMapper.MissingBin ? tree.DefaultLeft[node] : leftBins is null ? bin <= grown.SplitBin[node] : leftBins[bin];
            int next = goLeft ? tree.Left[node] : tree.Right[node];
            if (next < 0) return ~next;
            node = next;
        }
    }

    private static double WeightedLogLoss(double[] raw, bool[] labels, double[] weights)
    {
        double loss = 0, total = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            // log(1 + e^-z) for positives, log(1 + e^z) for negatives, computed stably.
            double z = labels[i] ? raw[i] : -raw[i];
            double l = z > 0 ? Math.Log(1 + Math.Exp(-z)) : -z + Math.Log(1 + Math.Exp(z));
            loss += weights[i] * l;
            total += weights[i];
        }
        return loss / total;
    }
}
