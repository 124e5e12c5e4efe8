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

    internal static GbdtModel Read(ModelFile file)
    {
        var p = file.Get("parameters");
        var options = new GbdtOptions
        {
            Trees = p.GetInt("trees"),
            LearningRate = p.GetDouble("learning_rate"),
            Growth = ParseEnum<TreeGrowth>(p, "growth"),
            MaxLeaves = p.GetInt("max_leaves"),
            MaxDepth = p.GetInt("max_depth"),
            MinSamplesLeaf = p.GetInt("min_samples_leaf"),
            MinChildWeight = p.GetDouble("min_child_weight"),
            L2 = p.GetDouble("l2"),
            MinSplitGain = p.GetDouble("min_split_gain"),
            MaxBins = p.GetInt("max_bins"),
            BinSampleSize = p.GetInt("bin_sample_size"),
            Subsample = p.GetDouble("subsample"),
            ColumnSample = p.GetDouble("column_sample"),
            PositiveWeight = p.GetDouble("positive_weight"),
            EarlyStopping = ParseEnum<EarlyStopping>(p, "early_stopping"),
            ValidationFraction = p.GetDouble("validation_fraction"),
            EarlyStoppingRounds = p.GetInt("early_stopping_rounds"),
            EarlyStoppingTolerance = p.GetDouble("early_stopping_tolerance"),
            CategorySmoothing = p.GetDouble("category_smoothing"),
            Seed = p.GetInt("seed"),
        };
        var g = file.Get("gbdt");
        var names = ModelFile.SplitList(g.Get("features")).ToArray();
        var kinds = ModelFile.SplitList(g.Get("kinds")).Select(k => Enum.TryParse<FeatureKind>(k, out var kind) && Enum.IsDefined(kind) ? kind : throw g.Invalid("kinds")).ToArray();
        if (kinds.Length != names.Length) throw g.Invalid("kinds");
        int count = g.GetInt("tree_count");
        var t = file.Get("trees");
        var trees = new RegressionTree[count];
        for (int i = 0; i < count; i++)
        {
            string prefix = $"tree.{i}.";
            var feature = t.GetInts(prefix + "split_feature");
            int nodes = feature.Length;
            var routes = new sbyte[]?[nodes];
            for (int node = 0; node < nodes; node++)
            {
                if (t.TryGet($"{prefix}routes.{node}") is not { } text) continue;
                var parts = text.Split('|');
                if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int size)) throw t.Invalid($"{prefix}routes.{node}");
                var route = new sbyte[size];
                Array.Fill(route, (sbyte)-1);
                foreach (var code in Codes(parts[1], size, t, prefix)) route[code] = 1;
                foreach (var code in Codes(parts[2], size, t, prefix)) route[code] = 0;
                routes[node] = route;
            }
            var tree = new RegressionTree(feature, t.GetDoubles(prefix + "threshold"), t.GetInts(prefix + "default_left").Select(d => d == 1).ToArray(), routes,
                t.GetInts(prefix + "left"), t.GetInts(prefix + "right"), t.GetDoubles(prefix + "gain"), t.GetDoubles(prefix + "node_cover"),
                t.GetDoubles(prefix + "leaf_value"), t.GetDoubles(prefix + "leaf_cover"));
            CheckTree(tree, names.Length, t, prefix);
            trees[i] = tree;
        }
        var r = file.Get("report");
        var report = new TrainingReport(r.GetInt("iterations"), true, r.GetBool("stopped_early"),
            r.TryGet("validation_log_loss") is null ? null : r.GetDouble("validation_log_loss"), r.Get("note"));
        return new GbdtModel(names, kinds, trees, g.GetDouble("base_score"), options, report);
    }

    private static IEnumerable<int> Codes(string text, int size, ModelSection section, string prefix)
    {
        if (text.Length == 0) yield break;
        foreach (var part in text.Split(' '))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int code) || code >= size) throw section.Invalid(prefix + "routes");
            yield return code;
        }
    }

    /// <summary>A damaged tree must not crash or loop at prediction time: check every index.</summary>
    private static void CheckTree(RegressionTree tree, int featureCount, ModelSection section, string prefix)
    {
        int nodes = tree.NodeCount, leaves = tree.LeafCount;
        bool ok = tree.Threshold.Length == nodes && tree.DefaultLeft.Length == nodes && tree.Left.Length == nodes && tree.Right.Length == nodes
            && tree.Gain.Length == nodes && tree.NodeCover.Length == nodes && tree.LeafCover.Length == leaves && leaves == nodes + 1;
        for (int node = 0; ok && node < nodes; node++)
        {
            ok = tree.SplitFeature[node] >= 0 && tree.SplitFeature[node] < featureCount
                && ValidChild(tree.Left[node], node, nodes, leaves) && ValidChild(tree.Right[node], node, nodes, leaves);
        }
        if (!ok) throw section.Invalid(prefix + "*");
    }

    // Children of node n are later nodes (so a walk always ends) or leaves.
    private static bool ValidChild(int child, int node, int nodes, int leaves) => child < 0 ? ~child < leaves : child > node && child < nodes;

    private static T ParseEnum<T>(ModelSection section, string key) where T : struct, Enum =>
        Enum.TryParse<T>(section.Get(key), out var value) && Enum.IsDefined(value) ? value : throw section.Invalid(key);
}
