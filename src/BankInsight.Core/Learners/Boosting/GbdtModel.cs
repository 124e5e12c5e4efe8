using System.Globalization;
using BankInsight.Explain;
using BankInsight.Features;
using BankInsight.Learners.Trees;
using BankInsight.Serialization;

namespace BankInsight.Learners;

/// <summary>A trained gradient-boosted tree ensemble: prediction, TreeSHAP explanations, gain importance.</summary>
public sealed class GbdtModel : IBinaryModel
{
    private readonly RegressionTree[] _trees;
    private readonly FeatureKind[] _kinds;

    internal GbdtModel(FeatureMatrix trainingFeatures, IReadOnlyList<RegressionTree> trees, double baseScore, GbdtOptions options, TrainingReport report)
        : this(trainingFeatures.Names.ToArray(), trainingFeatures.Columns.Select(c => c.Kind).ToArray(), trees.ToArray(), baseScore, options, report)
    {
    }

    private GbdtModel(string[] names, FeatureKind[] kinds, RegressionTree[] trees, double baseScore, GbdtOptions options, TrainingReport report)
    {
        FeatureNames = names;
        _kinds = kinds;
        _trees = trees;
        BaseScore = baseScore;
        Options = options;
        Report = report;
    }

    /// <inheritdoc />
    public string Kind => "gbdt";

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc />
    public TrainingReport Report { get; }

    /// <summary>The hyper-parameters it was trained with.</summary>
    public GbdtOptions Options { get; }

    /// <summary>Log-odds before any tree (the training prior).</summary>
    public double BaseScore { get; }

    /// <summary>"gradient-boosted trees: 300 trees over 71 features".</summary>
    public override string ToString() => $"gradient-boosted trees: {TreeCount} trees over {FeatureNames.Count} features";

    /// <summary>Number of trees.</summary>
    public int TreeCount => _trees.Length;

    internal IReadOnlyList<RegressionTree> Trees => _trees;

    /// <inheritdoc />
    public double[] PredictRaw(FeatureMatrix features, CancellationToken cancellationToken = default)
    {
        TrainingChecks.SameFeatures(FeatureNames, _kinds, features);
        int n = features.RowCount;
        var raw = new double[n];
        var columns = features.Columns;
        const int block = 4096;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Options.Threads == 0 ? Environment.ProcessorCount : Options.Threads };
        Parallel.For(0, (n + block - 1) / block, parallel, b =>
        {
            int end = Math.Min(n, (b + 1) * block);
            for (int r = b * block; r < end; r++)
            {
                double score = BaseScore;
                foreach (var tree in _trees) score += tree.LeafValue[tree.LeafOf(columns, r)];
                raw[r] = score;
            }
        });
        return raw;
    }

    /// <inheritdoc />
    public Contributions Explain(FeatureMatrix features, IReadOnlyList<int> rows, CancellationToken cancellationToken = default)
    {
        TrainingChecks.SameFeatures(FeatureNames, _kinds, features);
        int featureCount = FeatureNames.Count;
        var values = new double[rows.Count * featureCount];
        double bias = BaseScore + _trees.Sum(t => t.ExpectedValue());
        var biases = new double[rows.Count];
        Array.Fill(biases, bias);
        var columns = features.Columns;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Options.Threads == 0 ? Environment.ProcessorCount : Options.Threads };
        const int block = 256;
        // The explainers are shared; each thread has one workspace for all trees (memory per
        // thread grows with the deepest tree, not with the number of trees).
        var shaps = _trees.Select(t => new TreeShap(t)).ToArray();
        Parallel.For(0, (rows.Count + block - 1) / block, parallel, () => new TreeShap.Workspace(shaps, featureCount), (b, _, workspace) =>
        {
            int end = Math.Min(rows.Count, (b + 1) * block);
            for (int i = b * block; i < end; i++)
            {
                var phi = values.AsSpan(i * featureCount, featureCount);
                foreach (var shap in shaps) shap.Add(columns, rows[i], phi, workspace);
            }
            return workspace;
        }, _ => { });
        return new Contributions(FeatureNames, rows, values, biases);
    }

    /// <inheritdoc />
    public IReadOnlyList<FeatureImportance> Importance()
    {
        var gain = new double[FeatureNames.Count];
        foreach (var tree in _trees)
            for (int node = 0; node < tree.NodeCount; node++) gain[tree.SplitFeature[node]] += tree.Gain[node];
        double total = gain.Sum();
        return Enumerable.Range(0, gain.Length)
            .Select(f => new FeatureImportance(FeatureNames[f], gain[f], total > 0 ? gain[f] / total : 0))
            .OrderByDescending(i => i.Importance).ThenBy(i => i.Feature, StringComparer.Ordinal).ToList();
    }

    // ---- model file --------------------------------------------------------------------------
    // [parameters] every hyper-parameter; [gbdt] base score, feature names/kinds, tree count;
    // [trees] per tree t: tree.t.{split_feature, threshold, default_left, left, right, gain,
    // node_cover, leaf_value, leaf_cover} as space-separated arrays, and tree.t.routes.n for each
    // categorical node n as "left codes|right codes" (codes not listed follow the default).

    void IBinaryModel.WriteTo(ModelFile file)
    {
        var p = file.Add("parameters");
        var o = Options;
        p.Add("trees", o.Trees).Add("learning_rate", o.LearningRate).Add("growth", o.Growth.ToString()).Add("max_leaves", o.MaxLeaves)
            .Add("max_depth", o.MaxDepth).Add("min_samples_leaf", o.MinSamplesLeaf).Add("min_child_weight", o.MinChildWeight)
            .Add("l2", o.L2).Add("min_split_gain", o.MinSplitGain).Add("max_bins", o.MaxBins).Add("bin_sample_size", o.BinSampleSize)
            .Add("subsample", o.Subsample).Add("column_sample", o.ColumnSample).Add("positive_weight", o.PositiveWeight)
            .Add("early_stopping", o.EarlyStopping.ToString()).Add("validation_fraction", o.ValidationFraction)
            .Add("early_stopping_rounds", o.EarlyStoppingRounds).Add("early_stopping_tolerance", o.EarlyStoppingTolerance)
            .Add("category_smoothing", o.CategorySmoothing).Add("seed", o.Seed);

        var g = file.Add("gbdt");
        g.Add("base_score", BaseScore).Add("features", ModelFile.JoinList(FeatureNames))
            .Add("kinds", ModelFile.JoinList(_kinds.Select(k => k.ToString()))).Add("tree_count", _trees.Length);

        var t = file.Add("trees");
        for (int i = 0; i < _trees.Length; i++)
        {
            var tree = _trees[i];
            string prefix = $"tree.{i}.";
            t.Add(prefix + "split_feature", ModelFile.Integers(tree.SplitFeature))
                .Add(prefix + "threshold", ModelFile.Numbers(tree.Threshold))
                .Add(prefix + "default_left", ModelFile.Integers(tree.DefaultLeft.Select(d => d ? 1 : 0)))
                .Add(prefix + "left", ModelFile.Integers(tree.Left))
                .Add(prefix + "right", ModelFile.Integers(tree.Right))
                .Add(prefix + "gain", ModelFile.Numbers(tree.Gain))
                .Add(prefix + "node_cover", ModelFile.Numbers(tree.NodeCover))
                .Add(prefix + "leaf_value", ModelFile.Numbers(tree.LeafValue))
                .Add(prefix + "leaf_cover", ModelFile.Numbers(tree.LeafCover));
            for (int node = 0; node < tree.NodeCount; node++)
            {
                if (tree.CategoryRoutes[node] is not { } routes) continue;
                var leftCodes = Enumerable.Range(0, routes.Length).Where(c => routes[c] == 1);
                var rightCodes = Enumerable.Range(0, routes.Length).Where(c => routes[c] == 0);
                t.Add($"{prefix}routes.{node}", $"{routes.Length}|{ModelFile.Integers(leftCodes)}|{ModelFile.Integers(rightCodes)}");
            }
        }
        var r = file.Add("report");
        r.Add("iterations", Report.Iterations).Add("stopped_early", Report.StoppedEarly).Add("note", Report.Note);
        if (Report.ValidationLogLoss is double loss) r.Add("validation_log_loss", loss);
    }

    /// <summary>
    /// Reads a model written by <see cref="IBinaryModel.WriteTo"/>, as untrusted input: every
    /// hyper-parameter in the range training accepts, the tree count bounded by the trees present,
    /// every tree checked (see <see cref="CheckTree"/>) and category routes bounded by the plan's
    /// category lists before anything is allocated for them.
    /// </summary>
    internal static GbdtModel Read(ModelFile file, FeaturePlan plan)
    {
        static bool Share(double v) => v > 0 && v <= 1;
        static bool NotNegative(double v) => v >= 0;
        var p = file.Get("parameters");
        var options = new GbdtOptions
        {
            Trees = p.GetInt("trees", 1, int.MaxValue),
            LearningRate = p.GetDouble("learning_rate", Share, "in (0, 1]"),
            Growth = p.GetEnum<TreeGrowth>("growth"),
            MaxLeaves = p.GetInt("max_leaves", 0, int.MaxValue) is var leaves && leaves != 1 ? leaves : throw p.Invalid("max_leaves", "0 (automatic) or at least 2"),
            MaxDepth = p.GetInt("max_depth", 0, int.MaxValue),
            MinSamplesLeaf = p.GetInt("min_samples_leaf", 1, int.MaxValue),
            MinChildWeight = p.GetDouble("min_child_weight", NotNegative, "a finite number, 0 or more"),
            L2 = p.GetDouble("l2", NotNegative, "a finite number, 0 or more"),
            MinSplitGain = p.GetDouble("min_split_gain", NotNegative, "a finite number, 0 or more"),
            MaxBins = p.GetInt("max_bins", 2, 255),
            BinSampleSize = p.GetInt("bin_sample_size", 1000, int.MaxValue),
            Subsample = p.GetDouble("subsample", Share, "in (0, 1]"),
            ColumnSample = p.GetDouble("column_sample", Share, "in (0, 1]"),
            PositiveWeight = p.GetDouble("positive_weight", v => v > 0, "a finite number greater than 0"),
            EarlyStopping = p.GetEnum<EarlyStopping>("early_stopping"),
            ValidationFraction = p.GetDouble("validation_fraction", v => v > 0 && v < 0.5, "in (0, 0.5)"),
            EarlyStoppingRounds = p.GetInt("early_stopping_rounds", 1, int.MaxValue),
            EarlyStoppingTolerance = p.GetDouble("early_stopping_tolerance", NotNegative, "a finite number, 0 or more"),
            CategorySmoothing = p.GetDouble("category_smoothing", NotNegative, "a finite number, 0 or more"),
            Seed = p.GetInt("seed"),
        };
        var g = file.Get("gbdt");
        var names = ModelFile.SplitList(g.Get("features")).ToArray();
        var kinds = ModelFile.SplitList(g.Get("kinds")).ToArray();
        if (kinds.Length != names.Length) throw g.Invalid("kinds", $"{names.Length} kinds, one per feature");
        var featureKinds = new FeatureKind[kinds.Length];
        for (int f = 0; f < kinds.Length; f++)
            featureKinds[f] = Enum.GetNames<FeatureKind>().Contains(kinds[f], StringComparer.Ordinal) ? Enum.Parse<FeatureKind>(kinds[f]) : throw g.InvalidItem("kinds", f, kinds[f], "Numeric or Categorical");
        TrainedModel.CheckFeatures(plan, names, featureKinds, g, "features");
        double baseScore = g.GetDouble("base_score", v => Math.Abs(v) <= ModelLimits.MaxLogOdds, "log-odds within ±100");

        var t = file.Get("trees");
        // Nine lines per tree: the count cannot exceed what [trees] holds, and must not hide trees it holds.
        int count = g.GetInt("tree_count", 0, t.Entries.Count / TreeKeys, $"[trees] has lines for at most {t.Entries.Count / TreeKeys}");
        if (t.TryGet($"tree.{count}.split_feature") is not null) throw g.Damaged("tree_count", $"is {count} but [trees] holds a tree {count}");
        // Base score and leaf values are bounded (ModelLimits), so no score can overflow to ±∞ (nor
        // become ∞ − ∞ = NaN): trees × 10⁶ stays far inside the double range.
        var trees = new RegressionTree[count];
        for (int i = 0; i < count; i++) trees[i] = ReadTree(t, $"tree.{i}.", featureKinds, plan);

        var r = file.Get("report");
        var report = new TrainingReport(r.GetInt("iterations", 0, int.MaxValue), true, r.GetBool("stopped_early"),
            r.TryGet("validation_log_loss") is null ? null : r.GetDouble("validation_log_loss", NotNegative, "a finite number, 0 or more"), r.Get("note"));
        if (!double.IsFinite(trees.Sum(tree => tree.Gain.Sum()))) throw t.Damaged("gain", "values are so large that their total overflows");
        return new GbdtModel(names, featureKinds, trees, baseScore, options, report);
    }

    private const int TreeKeys = 9;

    /// <summary>One tree, every array checked before the next is read.</summary>
    private static RegressionTree ReadTree(ModelSection t, string prefix, FeatureKind[] kinds, FeaturePlan plan)
    {
        var feature = t.GetInts(prefix + "split_feature", 0, kinds.Length - 1, "a feature index");
        int nodes = feature.Length;
        double[] Doubles(string key, int length, Func<double, bool> valid, string expected)
        {
            var values = t.GetDoubles(prefix + key, valid, expected);
            return values.Length == length ? values : throw t.Invalid(prefix + key, $"{length} values, one per {(length == nodes ? "node" : "leaf")}");
        }
        int[] Ints(string key, int length, int min, int max, string why)
        {
            var values = t.GetInts(prefix + key, min, max, why);
            return values.Length == length ? values : throw t.Invalid(prefix + key, $"{length} values, one per node");
        }
        var threshold = Doubles("threshold", nodes, _ => true, "a finite number");
        var defaultLeft = Ints("default_left", nodes, 0, 1, "1 for left, 0 for right");
        var left = Ints("left", nodes, -(nodes + 1), nodes - 1, "a node index or ~leaf index");
        var right = Ints("right", nodes, -(nodes + 1), nodes - 1, "a node index or ~leaf index");
        var gain = Doubles("gain", nodes, v => v >= 0, "a finite number, 0 or more");
        // Covers are training row counts; TreeSHAP divides by them, so below a split none may be 0.
        int minCover = nodes > 0 ? 1 : 0;
        bool IsCount(double v) => v >= minCover && v <= int.MaxValue && v == Math.Floor(v);
        string countText = nodes > 0 ? "a whole number of rows, at least 1" : "a whole number of rows";
        var nodeCover = Doubles("node_cover", nodes, IsCount, countText);
        var leafValue = Doubles("leaf_value", nodes + 1, v => Math.Abs(v) <= ModelLimits.MaxLeafOrWeight, "a number within ±10^6");
        var leafCover = Doubles("leaf_cover", nodes + 1, IsCount, countText);

        var routes = new sbyte[]?[nodes];
        for (int node = 0; node < nodes; node++)
        {
            string key = $"{prefix}routes.{node}";
            int f = feature[node];
            if (t.TryGet(key) is not { } text)
            {
                if (kinds[f] == FeatureKind.Categorical) throw t.Damaged(key, $"is missing: node {node} splits the category feature {f + 1}");
                continue;
            }
            if (kinds[f] != FeatureKind.Categorical) throw t.Damaged(key, $"routes categories but node {node} splits the numeric feature {f + 1}");
            int categories = plan.Features[f].Categories.Count;
            var parts = text.Split('|');
            if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size > categories)
                throw t.Invalid(key, $"size|left codes|right codes, the size at most the feature's {categories} categories");
            var route = new sbyte[size];
            Array.Fill(route, (sbyte)-1);
            foreach (var code in Codes(parts[1], size, t, key)) route[code] = 1;
            foreach (var code in Codes(parts[2], size, t, key)) route[code] = 0;
            routes[node] = route;
        }
        var tree = new RegressionTree(feature, threshold, defaultLeft.Select(d => d == 1).ToArray(), routes, left, right, gain, nodeCover, leafValue, leafCover);
        CheckTree(tree, t, prefix);
        return tree;
    }

    private static IEnumerable<int> Codes(string text, int size, ModelSection section, string key)
    {
        if (text.Length == 0) yield break;
        foreach (var part in text.Split(' '))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int code) || code >= size)
                throw section.Invalid(key, $"category codes from 0 to {size - 1}");
            yield return code;
        }
    }

    /// <summary>
    /// A damaged tree must not crash, loop or blow up at prediction or explanation time: children
    /// are later nodes or leaves, every node but the root and every leaf has exactly one parent
    /// (a tree, not a graph whose paths multiply), and no leaf lies deeper than
    /// <see cref="ModelLimits.MaxTreeDepth"/>.
    /// </summary>
    private static void CheckTree(RegressionTree tree, ModelSection section, string prefix)
    {
        int nodes = tree.NodeCount, leaves = tree.LeafCount;
        var depth = new int[nodes];
        var nodeParent = new bool[nodes];
        var leafParent = new bool[leaves];
        for (int node = 0; node < nodes; node++)
        {
            foreach (var (child, side) in new[] { (tree.Left[node], "left"), (tree.Right[node], "right") })
            {
                bool taken;
                if (child < 0)
                {
                    taken = leafParent[~child];
                    leafParent[~child] = true;
                }
                else
                {
                    if (child <= node) throw section.Damaged(prefix + side, $"gives node {node} the child {child}: a child must be a later node or a leaf");
                    taken = nodeParent[child];
                    nodeParent[child] = true;
                    depth[child] = depth[node] + 1;
                }
                if (taken) throw section.Damaged(prefix + side, $"gives {(child < 0 ? $"leaf {~child}" : $"node {child}")} a second parent (node {node})");
                if (depth[node] + 1 > ModelLimits.MaxTreeDepth)
                    throw section.Damaged(prefix + side, $"makes the tree deeper than {ModelLimits.MaxTreeDepth} levels");
            }
        }
    }
}
