using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BankInsight.Common;
using BankInsight.Data.Schemas;
using BankInsight.Features;
using BankInsight.Jobs;
using BankInsight.Jobs.Retail;
using BankInsight.Learners;
using BankInsight.Serialization;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Learners;

/// <summary>
/// Model files are untrusted input. Each case edits a real saved model the way an attacker would
/// (change a value, then recompute the checksum) and expects BankInsight.ModelDamaged naming the
/// key and the value — never an IndexOutOfRange, a NullReference, an OutOfMemory or a NaN score.
/// </summary>
public class ModelFileHardeningTests
{
    // ---- real models to tamper with ------------------------------------------------------------

    private static readonly Lazy<(string Text, FeatureMatrix X)> Gbdt = new(() => Tiny(new GbdtTrainer(new GbdtOptions { Trees = 6, EarlyStopping = EarlyStopping.Off })));
    private static readonly Lazy<(string Text, FeatureMatrix X)> Linear = new(() => Tiny(new LogisticRegressionTrainer()));
    private static string Retail => File.ReadAllText(ShippedModels.Locate(ShippedModels.Retail));
    private static string Prospect => File.ReadAllText(ShippedModels.Locate(ShippedModels.Prospect));

    private static (string, FeatureMatrix) Tiny(IBinaryTrainer trainer)
    {
        var (x, y) = LearnerData.Synthetic(1500, 41);
        var classifier = trainer.Fit(x, y, null, NullSink.Instance);
        var plan = new FeaturePlan(
        [
            new FeatureSpec("a", "a", FeatureTransform.Number, []),
            new FeatureSpec("b", "b", FeatureTransform.Number, []),
            new FeatureSpec("c", "c", FeatureTransform.Category, ["w", "x", "y", "z"]),
        ], null);
        var schema = BuiltInSchemas.Get("CorporateChurn");
        var model = new TrainedModel("churn", schema.Name, schema.Fingerprint, plan, classifier,
            new Dictionary<string, string> { ["decision_threshold"] = "0.4", ["decline_threshold"] = "0.5" }, new Dictionary<string, double> { ["roc_auc"] = 0.91 });
        return (model.ToText(), x);
    }

    // ---- forging: edit the body, recompute the checksum -----------------------------------------

    private const string ChecksumPrefix = "checksum=sha256:";

    /// <summary>Applies <paramref name="edit"/> to the text before the checksum line and writes a matching checksum, as anyone can.</summary>
    internal static string Forge(string text, Func<string, string> edit)
    {
        string body = edit(text[..text.LastIndexOf(ChecksumPrefix, StringComparison.Ordinal)]);
        return body + ChecksumPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body))).ToLowerInvariant() + "\n";
    }

    /// <summary>Sets <paramref name="key"/> in [<paramref name="section"/>] (adding it when absent).</summary>
    internal static string Set(string body, string section, string key, string value)
    {
        var (start, end) = Section(body, section);
        int at = body.IndexOf("\n" + key + "=", start, end - start, StringComparison.Ordinal);
        if (at < 0) return body.Insert(end, key + "=" + value + "\n");
        int lineEnd = body.IndexOf('\n', at + 1);
        return body[..(at + 1)] + key + "=" + value + body[lineEnd..];
    }

    /// <summary>Sets item <paramref name="index"/> of the space-separated array <paramref name="key"/>.</summary>
    internal static string SetItem(string body, string section, string key, int index, string value)
    {
        var items = Get(body, section, key).Split(' ');
        items[index] = value;
        return Set(body, section, key, string.Join(' ', items));
    }

    internal static string Get(string body, string section, string key)
    {
        var (start, end) = Section(body, section);
        int at = body.IndexOf("\n" + key + "=", start, end - start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"[{section}] {key} not found");
        int valueStart = at + key.Length + 2;
        return body[valueStart..body.IndexOf('\n', valueStart)];
    }

    private static string RemoveLines(string body, string prefix) =>
        string.Join('\n', body.Split('\n').Where(l => !l.StartsWith(prefix, StringComparison.Ordinal)));

    /// <summary>[start, end) of the section's lines, start at the newline ending its header.</summary>
    private static (int Start, int End) Section(string body, string section)
    {
        int header = body.IndexOf("\n[" + section + "]\n", StringComparison.Ordinal);
        Assert.True(header >= 0, $"[{section}] not found");
        int start = header + section.Length + 2; // the newline that ends the header: every key line follows a newline
        int next = body.IndexOf("\n[", start, StringComparison.Ordinal);
        return (start, next < 0 ? body.Length : next + 1);
    }

    private static BankInsightException Damaged(Action load, params string[] expected)
    {
        var e = Assert.Throws<BankInsightException>(load);
        Assert.Equal(ErrorIds.ModelDamaged, e.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.StartsWith("Model file 'm.txt' cannot be used: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        foreach (var part in expected) Assert.Contains(part, e.Message);
        return e;
    }

    private static BankInsightException Refused(string forged, params string[] expected) => Damaged(() => TrainedModel.Parse(forged, "m.txt"), expected);

    private static BankInsightException RefusedSegmentation(string forged, params string[] expected) => Damaged(() => SegmentationModel.Parse(forged, "m.txt"), expected);

    /// <summary>Runs <paramref name="load"/> and returns what this thread allocated meanwhile.</summary>
    private static long Allocated(Action load)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        load();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private const long FewMegabytes = 4 * 1024 * 1024;

    // ---- the checksum catches accidents only ------------------------------------------------------

    [Fact]
    public void The_checksum_is_not_a_signature_a_consistent_edit_of_a_valid_value_loads()
    {
        // Why every value is range-checked: an edited file with a recomputed checksum passes it.
        string forged = Forge(Gbdt.Value.Text, b => Set(b, "metrics", "roc_auc", "0.99"));
        Assert.Equal(0.99, TrainedModel.Parse(forged, "m.txt").Metrics["roc_auc"]);
    }

    // ---- counts bounded by what the file holds, before anything is allocated ---------------------

    [Fact]
    public void A_huge_tree_count_is_refused_without_allocating()
    {
        string forged = Forge(Gbdt.Value.Text, b => Set(b, "gbdt", "tree_count", "2147483647"));
        long allocated = Allocated(() => Refused(forged, "[gbdt] tree_count=2147483647", "[trees] has lines for at most"));
        Assert.InRange(allocated, 0, FewMegabytes);
    }

    [Fact]
    public void A_tree_count_hiding_trees_or_below_zero_is_refused()
    {
        Refused(Forge(Gbdt.Value.Text, b => Set(b, "gbdt", "tree_count", "2")), "[gbdt] tree_count is 2 but [trees] holds a tree 2");
        Refused(Forge(Gbdt.Value.Text, b => Set(b, "gbdt", "tree_count", "-1")), "[gbdt] tree_count=-1");
    }

    [Fact]
    public void A_huge_feature_count_is_refused_without_allocating()
    {
        // features=268435456 once made the loader allocate 2 GB of feature slots.
        string forged = Forge(Gbdt.Value.Text, b => Set(b, "features", "features", "268435456"));
        long allocated = Allocated(() => Refused(forged, "[features] features=268435456", "one line per feature"));
        Assert.InRange(allocated, 0, FewMegabytes);
    }

    [Fact]
    public void A_huge_category_route_size_is_refused_without_allocating()
    {
        string body = Gbdt.Value.Text;
        int at = body.IndexOf(".routes.", StringComparison.Ordinal);
        Assert.True(at > 0, "the tiny model should split on the category feature");
        int keyStart = body.LastIndexOf('\n', at) + 1;
        string key = body[keyStart..body.IndexOf('=', at)];
        string value = Get(body, "trees", key);
        string forged = Forge(body, b => Set(b, "trees", key, "2000000000" + value[value.IndexOf('|')..]));
        long allocated = Allocated(() => Refused(forged, $"[trees] {key}=2000000000|", "the size at most the feature's 4 categories"));
        Assert.InRange(allocated, 0, FewMegabytes);

        Refused(Forge(body, b => Set(b, "trees", key, "4|9|0")), $"[trees] {key}=4|9|0", "category codes from 0 to 3");
        Refused(Forge(body, b => RemoveLines(b, key + "=")), $"[trees] {key} is missing", "splits the category feature 3");
    }

    [Fact]
    public void Routes_on_a_numeric_split_are_refused()
    {
        string body = Gbdt.Value.Text;
        var features = Get(body, "trees", "tree.0.split_feature").Split(' ');
        int node = Array.FindIndex(features, f => f != "2");
        Refused(Forge(body, b => Set(b, "trees", $"tree.0.routes.{node}", "4|0|1 2 3")), $"[trees] tree.0.routes.{node} routes categories but node {node} splits the numeric feature");
    }

    [Fact]
    public void A_huge_cluster_count_is_refused_without_allocating()
    {
        string forged = Forge(Retail, b => Set(b, "kmeans", "cluster_count", "2147483647"));
        long allocated = Allocated(() => RefusedSegmentation(forged, "[kmeans] cluster_count=2147483647", "one centre line each"));
        Assert.InRange(allocated, 0, FewMegabytes);
        RefusedSegmentation(Forge(Retail, b => Set(b, "kmeans", "cluster_count", "5")), "[kmeans] cluster_count is 5 but [kmeans] holds a centre.6");
    }

    // ---- the file's size ----------------------------------------------------------------------

    [Fact]
    public void A_file_over_the_size_limit_is_refused_unread_with_both_sizes()
    {
        using var temp = new TempFolder();
        string path = temp.File("huge.model");
        using (var file = File.Create(path)) file.SetLength(1_200_000_000); // sparse: nothing is written
        BankInsightException? e = null;
        long allocated = Allocated(() => e = Assert.Throws<BankInsightException>(() => TrainedModel.Load(path, "churn")));
        Assert.InRange(allocated, 0, FewMegabytes);
        Assert.Equal(ErrorIds.ModelDamaged, e!.ErrorId);
        Assert.Contains("it is 1200000000 bytes, more than the 268435456 bytes (256 MiB)", e.Message);
        Assert.Contains(path, e.Message);
        var segmentation = Assert.Throws<BankInsightException>(() => SegmentationModel.Load(path));
        Assert.Equal(ErrorIds.ModelDamaged, segmentation.ErrorId);
    }

    [Fact]
    public void The_size_limit_is_far_above_the_shipped_models()
    {
        Assert.Equal(256L * 1024 * 1024, ModelLimits.MaxFileBytes);
        Assert.True(new FileInfo(ShippedModels.Locate(ShippedModels.Churn)).Length < ModelLimits.MaxFileBytes / 500); // the shipped models are far below it
    }

    // ---- line ends and byte-order marks ----------------------------------------------------------

    [Fact]
    public void A_model_with_CRLF_line_ends_loads_and_predicts_the_same()
    {
        var (text, x) = Gbdt.Value;
        string crlf = text.Replace("\n", "\r\n");
        var model = TrainedModel.Parse(text, "m.txt");
        var copied = TrainedModel.Parse(crlf, "m.txt");
        Assert.Equal(model.Classifier.PredictRaw(x), copied.Classifier.PredictRaw(x));
        Assert.Equal(text, copied.ToText()); // re-saved with LF, byte for byte the original

        using var temp = new TempFolder();
        string path = temp.File("windows.model");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(crlf)]); // as Notepad saves it
        Assert.Equal(model.Classifier.PredictRaw(x), TrainedModel.Load(path, "churn").Classifier.PredictRaw(x));

        string shipped = File.ReadAllText(ShippedModels.Locate(ShippedModels.Retail)).Replace("\n", "\r\n");
        Assert.Equal(6, SegmentationModel.Parse(shipped, "retail").ClusterCount);
    }

    [Fact]
    public void The_checksum_covers_the_LF_text_so_an_edit_in_a_CRLF_copy_is_still_caught()
    {
        string crlf = Gbdt.Value.Text.Replace("\n", "\r\n").Replace("roc_auc=0.91\r\n", "roc_auc=0.99\r\n");
        Refused(crlf, "checksum does not match");
    }

    [Fact]
    public void A_stray_carriage_return_is_refused()
    {
        string forged = Forge(Gbdt.Value.Text, b => b.Replace("\npurpose=churn\n", "\npurpose=churn\rx\n"));
        Refused(forged, "line 3 holds a carriage return that does not end the line");
    }

    // ---- structure ---------------------------------------------------------------------------------

    [Fact]
    public void A_section_written_twice_is_refused()
    {
        Refused(Forge(Gbdt.Value.Text, b => b + "[settings]\nx=1\n"), "it has the section [settings] twice");
    }

    [Fact]
    public void A_node_with_two_parents_is_refused()
    {
        // A graph instead of a tree: its paths could multiply exponentially when explaining.
        string body = Gbdt.Value.Text;
        string right0 = Get(body, "trees", "tree.0.right").Split(' ')[0];
        Refused(Forge(body, b => SetItem(b, "trees", "tree.0.left", 0, right0)), "[trees] tree.0.", "a second parent (node 0)");
    }

    [Fact]
    public void A_tree_deeper_than_256_levels_is_refused_and_one_of_256_is_explained()
    {
        var (text, x) = Gbdt.Value;
        string Chain(int nodes) => Forge(text, b =>
        {
            // tree.0 becomes a chain: node i sends left to node i + 1 and right to leaf i.
            b = RemoveLines(b, "tree.0.routes.");
            string Repeat(string v, int n) => string.Join(' ', Enumerable.Repeat(v, n));
            b = Set(b, "trees", "tree.0.split_feature", Repeat("0", nodes));
            b = Set(b, "trees", "tree.0.threshold", string.Join(' ', Enumerable.Range(0, nodes).Select(i => (-3 + 6.0 * i / nodes).ToString("R", CultureInfo.InvariantCulture))));
            b = Set(b, "trees", "tree.0.default_left", Repeat("1", nodes));
            b = Set(b, "trees", "tree.0.left", string.Join(' ', Enumerable.Range(1, nodes).Select(i => i < nodes ? i : ~nodes)));
            b = Set(b, "trees", "tree.0.right", string.Join(' ', Enumerable.Range(0, nodes).Select(i => ~i)));
            b = Set(b, "trees", "tree.0.gain", Repeat("1", nodes));
            b = Set(b, "trees", "tree.0.node_cover", string.Join(' ', Enumerable.Range(0, nodes).Select(i => nodes + 1 - i))); // one row per leaf below
            b = Set(b, "trees", "tree.0.leaf_value", string.Join(' ', Enumerable.Range(0, nodes + 1).Select(i => (0.001 * i).ToString("R", CultureInfo.InvariantCulture))));
            return Set(b, "trees", "tree.0.leaf_cover", Repeat("1", nodes + 1));
        });
        Refused(Chain(257), "[trees] tree.0.left makes the tree deeper than 256 levels");

        var deep = TrainedModel.Parse(Chain(256), "m.txt");
        int[] rows = [0, 1, 2, 3, 4];
        var raw = deep.Classifier.PredictRaw(x);
        var explained = deep.Classifier.Explain(x, rows);
        for (int i = 0; i < rows.Length; i++)
        {
            double sum = explained.Bias[i] + Enumerable.Range(0, explained.FeatureCount).Sum(f => explained[i, f]);
            Assert.Equal(raw[rows[i]], sum, 9); // TreeSHAP stays additive with a deep tree beside shallow ones
        }
    }

    // ---- every number finite and in range: classifiers -------------------------------------------

    public static TheoryData<string, string, int, string, string, string> GbdtValues => new()
    {
        // section, key, item (-1: the whole value), value, expected in the message
        { "gbdt", "base_score", -1, "NaN", "[gbdt] base_score=NaN", "log-odds within ±100" },
        { "gbdt", "base_score", -1, "1e999", "[gbdt] base_score=1e999", "log-odds within ±100" },
        { "gbdt", "base_score", -1, "1e300", "[gbdt] base_score=1e300", "log-odds within ±100" },   // finite, and flagged everybody
        { "gbdt", "base_score", -1, "-1e300", "[gbdt] base_score=-1e300", "log-odds within ±100" }, // and nobody
        { "trees", "tree.1.leaf_value", 0, "NaN", "[trees] tree.1.leaf_value: item 1 (NaN)", "a number within ±10^6" },
        { "trees", "tree.1.leaf_value", 1, "-Infinity", "[trees] tree.1.leaf_value: item 2 (-Infinity)", "a number within ±10^6" },
        { "trees", "tree.0.leaf_value", 0, "1.7E+308", "[trees] tree.0.leaf_value: item 1 (1.7E+308)", "a number within ±10^6" },
        { "trees", "tree.0.threshold", 0, "NaN", "[trees] tree.0.threshold: item 1 (NaN)", "a finite number" },
        { "trees", "tree.0.split_feature", 0, "3", "[trees] tree.0.split_feature: item 1 (3)", "expected 0 to 2" },
        { "trees", "tree.0.split_feature", 0, "-1", "[trees] tree.0.split_feature: item 1 (-1)", "a feature index" },
        { "trees", "tree.0.left", 0, "0", "[trees] tree.0.left gives node 0 the child 0", "a later node or a leaf" },
        { "trees", "tree.0.left", 0, "99999", "[trees] tree.0.left: item 1 (99999)", "a node index or ~leaf index" },
        { "trees", "tree.0.right", 0, "-99999", "[trees] tree.0.right: item 1 (-99999)", "a node index or ~leaf index" },
        { "trees", "tree.0.default_left", 0, "2", "[trees] tree.0.default_left: item 1 (2)", "expected 0 to 1" },
        { "trees", "tree.0.gain", 0, "-1", "[trees] tree.0.gain: item 1 (-1)", "0 or more" },
        { "trees", "tree.0.gain", 0, "NaN", "[trees] tree.0.gain: item 1 (NaN)", "0 or more" },
        { "trees", "tree.0.node_cover", 0, "0", "[trees] tree.0.node_cover: item 1 (0)", "at least 1" },
        { "trees", "tree.0.node_cover", 0, "1.5", "[trees] tree.0.node_cover: item 1 (1.5)", "a whole number of rows" },
        { "trees", "tree.0.leaf_cover", 0, "-3", "[trees] tree.0.leaf_cover: item 1 (-3)", "a whole number of rows" },
        { "parameters", "learning_rate", -1, "NaN", "[parameters] learning_rate=NaN", "in (0, 1]" },
        { "parameters", "learning_rate", -1, "2", "[parameters] learning_rate=2", "in (0, 1]" },
        { "parameters", "trees", -1, "0", "[parameters] trees=0", "1 or more" },
        { "parameters", "max_bins", -1, "1000", "[parameters] max_bins=1000", "2 to 255" },
        { "parameters", "max_leaves", -1, "1", "[parameters] max_leaves=1", "0 (automatic) or at least 2" },
        { "parameters", "subsample", -1, "0", "[parameters] subsample=0", "in (0, 1]" },
        { "parameters", "l2", -1, "Infinity", "[parameters] l2=Infinity", "a finite number, 0 or more" },
        { "parameters", "growth", -1, "0", "[parameters] growth=0", "one of Leafwise, Depthwise" },
        { "parameters", "early_stopping", -1, "Auto, On", "[parameters] early_stopping=Auto, On", "one of" },
        { "report", "iterations", -1, "-5", "[report] iterations=-5", "0 or more" },
        { "gbdt", "kinds", -1, "Numeric|Numeric|Numeric", "[gbdt] features has feature 3 'c' (Numeric) where the [features] plan has 'c' (Categorical)", "" },
        { "gbdt", "features", -1, "a|b|d", "[gbdt] features has feature 3 'd'", "" },
        { "features", "reference_date", -1, "2026-13-45", "[features] reference_date=2026-13-45", "yyyy-MM-dd" },
        { "features", "feature.1", -1, "a|b|Number", "[features] feature.1 names the feature 'a' a second time", "" },
        { "features", "feature.1", -1, "b|a|Number", "[features] feature.1 makes a second Number feature of column 'a'", "" },
        { "features", "feature.0", -1, "a|a|Bogus", "[features] feature.0=a|a|Bogus", "the transform one of" },
        { "features", "feature.0", -1, "a|a|DateSigned", "[features] feature.0 is a date feature but the section has no reference_date", "" },
        { "settings", "decision_threshold", -1, "NaN", "[settings] decision_threshold=NaN", "a probability in (0, 1)" },
        { "settings", "decision_threshold", -1, "0", "[settings] decision_threshold=0", "a probability in (0, 1)" },
        { "settings", "decision_threshold", -1, "1", "[settings] decision_threshold=1", "a probability in (0, 1)" },
        { "settings", "decision_threshold", -1, "-0.2", "[settings] decision_threshold=-0.2", "a probability in (0, 1)" },
        { "settings", "decline_threshold", -1, "1.5", "[settings] decline_threshold=1.5", "a share in (0, 1)" },
        { "settings", "min_monthly_count", -1, "-1", "[settings] min_monthly_count=-1", "0 or more" },
        { "settings", "min_monthly_amount", -1, "NaN", "[settings] min_monthly_amount=NaN", "0 or more" },
        { "settings", "data_month", -1, "October", "[settings] data_month=October", "yyyy-MM" },
        { "metrics", "roc_auc", -1, "high", "[metrics] roc_auc=high", "a number" },
    };

    [Theory]
    [MemberData(nameof(GbdtValues))]
    public void A_gbdt_value_out_of_range_is_refused_naming_key_and_value(string section, string key, int item, string value, string expected, string why)
    {
        string forged = Forge(Gbdt.Value.Text, b => item < 0 ? Set(b, section, key, value) : SetItem(b, section, key, item, value));
        Refused(forged, expected, why);
    }

    public static TheoryData<string, string, int, string, string, string> LinearValues => new()
    {
        { "linear", "intercept", -1, "NaN", "[linear] intercept=NaN", "log-odds within ±100" },
        { "linear", "intercept", -1, "1e300", "[linear] intercept=1e300", "log-odds within ±100" },
        { "linear", "weights", 0, "NaN", "[linear] weights: item 1 (NaN)", "a number within ±10^6" },
        { "linear", "weights", 0, "1e400", "[linear] weights: item 1 (1e400)", "a number within ±10^6" },
        { "linear", "means", 0, "Infinity", "[linear] means: item 1 (Infinity)", "a number within ±10^15" },
        { "linear", "means", 0, "1e308", "[linear] means: item 1 (1e308)", "a number within ±10^15" },
        { "linear", "scales", 0, "0", "[linear] scales: item 1 (0)", "a number from 1e-12 to 1e15" },
        { "linear", "scales", 0, "1e-300", "[linear] scales: item 1 (1e-300)", "a number from 1e-12 to 1e15" },
        { "linear", "scales", 1, "-2", "[linear] scales: item 2 (-2)", "a number from 1e-12 to 1e15" },
        { "linear", "indicator_slots", 1, "5", "[linear] indicator_slots: item 2 (5)", "-1 or 0, the next missing indicator" },
        { "linear", "indicator_slots", 2, "0", "[linear] indicator_slots: item 3 (0)", "-1 for a categorical feature" },
        { "linear", "category_counts", 2, "2147483647", "[linear] category_counts: item 3 (2147483647)", "0 to 4, the feature's categories" },
        { "linear", "category_counts", 0, "1", "[linear] category_counts: item 1 (1)", "0 for a numeric feature" },
        { "parameters", "c", -1, "-1", "[parameters] c=-1", "greater than 0" },
        { "parameters", "tolerance", -1, "NaN", "[parameters] tolerance=NaN", "greater than 0" },
    };

    [Theory]
    [MemberData(nameof(LinearValues))]
    public void A_logistic_value_out_of_range_is_refused_naming_key_and_value(string section, string key, int item, string value, string expected, string why)
    {
        string forged = Forge(Linear.Value.Text, b => item < 0 ? Set(b, section, key, value) : SetItem(b, section, key, item, value));
        Refused(forged, expected, why);
    }

    [Fact]
    public void The_untouched_tiny_models_load()
    {
        foreach (var (text, x) in new[] { Gbdt.Value, Linear.Value })
        {
            var model = TrainedModel.Parse(text, "m.txt");
            Assert.All(model.Classifier.PredictRaw(x), v => Assert.True(double.IsFinite(v)));
        }
    }

    [Fact]
    public void Duplicate_relation_types_in_a_prospect_model_are_refused()
    {
        // They once reached a dictionary and ended as an internal error (exit 1).
        string forged = Forge(Prospect, b => Set(b, "settings", "relation_types", "0301|0301"));
        Damaged(() => TrainedModel.Parse(forged, "m.txt", "prospect"), "[settings] relation_types=0301|0301", "distinct");
    }

    // ---- every number finite and in range: segmentation ------------------------------------------

    public static TheoryData<string, string, int, string, string, string> SegmentationValues => new()
    {
        { "kmeans", "centre.1", 0, "NaN", "[kmeans] centre.1: item 1 (NaN)", "a finite coordinate within ±46341" },
        { "kmeans", "centre.2", 3, "1E+20", "[kmeans] centre.2: item 4 (1E+20)", "standard deviations" },
        { "kmeans", "dimensions", -1, "29", "[kmeans] dimensions=29", "expected 28" },
        { "kmeans", "inertia", -1, "-1", "[kmeans] inertia=-1", "0 or more" },
        { "kmeans", "init_count", -1, "0", "[kmeans] init_count=0", "1 or more" },
        { "features", "scales", 0, "0", "[features] scales: item 1 (0)", "a number from 1e-12 to 1e15" },
        { "features", "scales", 0, "1e-300", "[features] scales: item 1 (1e-300)", "a number from 1e-12 to 1e15" }, // finite, and put everybody in segment 1
        { "features", "means", 2, "NaN", "[features] means: item 3 (NaN)", "a number within ±10^15" },
        { "features", "means", 2, "1e308", "[features] means: item 3 (1e308)", "a number within ±10^15" },
        { "features", "categorical", 1, "2", "[features] categorical: item 2 (2)", "expected 0 to 1" },
        { "training", "sizes", 0, "-1", "[training] sizes: item 1 (-1)", "0 or more" },
        { "training", "silhouette", -1, "7", "[training] silhouette=7", "[-1, 1]" },
        { "model", "kind", -1, "dbscan", "[model] kind=dbscan", "expected kmeans" },
    };

    [Theory]
    [MemberData(nameof(SegmentationValues))]
    public void A_segmentation_value_out_of_range_is_refused_naming_key_and_value(string section, string key, int item, string value, string expected, string why)
    {
        string forged = Forge(Retail, b => item < 0 ? Set(b, section, key, value) : SetItem(b, section, key, item, value));
        RefusedSegmentation(forged, expected, why);
    }

    [Fact]
    public void A_segmentation_naming_a_column_twice_is_refused()
    {
        string body = Retail;
        var names = Get(body, "features", "names").Split('|');
        names[1] = names[0];
        RefusedSegmentation(Forge(body, b => Set(b, "features", "names", string.Join('|', names))), "[features] names: item 2", "distinct, non-empty column names");
    }
}
