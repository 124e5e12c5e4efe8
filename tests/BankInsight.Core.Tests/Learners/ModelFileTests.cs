using System.Globalization;
using BankInsight.Common;
using BankInsight.Data.Schemas;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Serialization;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Learners;

public class ModelFileTests
{
    private static TrainedModel Model(IBinaryTrainer trainer, out FeatureMatrix x)
    {
        (x, var y) = LearnerData.Synthetic(3000, 41);
        var classifier = trainer.Fit(x, y, null, NullSink.Instance);
        var plan = new FeaturePlan(
        [
            new FeatureSpec("a", "a", FeatureTransform.Number, []),
            new FeatureSpec("b", "b", FeatureTransform.Number, []),
            new FeatureSpec("c", "c", FeatureTransform.Category, ["w", "x", "y", "z"]),
        ], null);
        var schema = BuiltInSchemas.Get("CorporateChurn");
        return new TrainedModel("churn", schema.Name, schema.Fingerprint, plan, classifier,
            new Dictionary<string, string> { ["decline_threshold"] = "0.5" }, new Dictionary<string, double> { ["roc_auc"] = 0.91 });
    }

    public static TheoryData<string> Kinds => new() { "gbdt", "logistic" };

    private static IBinaryTrainer Trainer(string kind) => kind == "gbdt" ? new GbdtTrainer(new GbdtOptions { Trees = 25 }) : new LogisticRegressionTrainer();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Save_load_gives_identical_predictions_and_identical_bytes(string kind)
    {
        var model = Model(Trainer(kind), out var x);
        using var temp = new TempFolder();
        string path = temp.File("model.txt");
        model.Save(path);
        var loaded = TrainedModel.Load(path, "churn");
        Assert.Equal(model.Classifier.PredictRaw(x), loaded.Classifier.PredictRaw(x));
        Assert.Equal(File.ReadAllText(path), loaded.ToText());
        Assert.Equal("0.5", loaded.Settings["decline_threshold"]);
        Assert.Equal(0.91, loaded.Metrics["roc_auc"]);
        Assert.Equal(model.Plan.Names, loaded.Plan.Names);
        Assert.Equal(["w", "x", "y", "z"], loaded.Plan.Features[2].Categories);
        Assert.Equal(kind, loaded.Classifier.Kind);
        var explainedBefore = model.Classifier.Explain(x, [0, 1, 2]);
        var explainedAfter = loaded.Classifier.Explain(x, [0, 1, 2]);
        Assert.Equal(explainedBefore.Values, explainedAfter.Values);
    }

    [Fact]
    public void The_file_records_every_hyper_parameter_and_no_type_names()
    {
        string text = Model(Trainer("gbdt"), out _).ToText();
        foreach (var key in new[] { "trees=", "learning_rate=", "growth=", "max_leaves=", "max_depth=", "min_samples_leaf=", "min_child_weight=", "l2=", "min_split_gain=",
                     "max_bins=", "bin_sample_size=", "subsample=", "column_sample=", "positive_weight=", "early_stopping=", "validation_fraction=",
                     "early_stopping_rounds=", "early_stopping_tolerance=", "category_smoothing=", "seed=" })
            Assert.Contains("\n" + key, text);
        Assert.StartsWith("bankinsight-model 1\n[model]\npurpose=churn\nclassifier=gbdt\n", text);
        Assert.DoesNotContain("BankInsight.Learners", text);
        Assert.DoesNotContain("System.", text);
        Assert.Matches(@"\nchecksum=sha256:[0-9a-f]{64}\n$", text);
    }

    [Fact]
    public void Bytes_do_not_depend_on_the_culture()
    {
        var model = Model(Trainer("gbdt"), out _);
        string invariant = model.ToText();
        var before = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "de-DE", "fr-FR", "zh-CN" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(culture);
                Assert.Equal(invariant, model.ToText());
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    private static BankInsightException Refused(string text) => Assert.Throws<BankInsightException>(() => TrainedModel.Parse(text, "m.txt"));

    [Fact]
    public void A_truncated_file_is_refused()
    {
        string text = Model(Trainer("gbdt"), out _).ToText();
        var e = Refused(text[..(text.Length / 2)]);
        Assert.Equal(ErrorIds.ModelDamaged, e.ErrorId);
        Assert.Contains("checksum line is missing", e.Message);
    }

    [Fact]
    public void A_changed_byte_is_refused()
    {
        string text = Model(Trainer("gbdt"), out _).ToText();
        int at = text.IndexOf("leaf_value=", StringComparison.Ordinal) + 12;
        string changed = text[..at] + (text[at] == '1' ? '2' : '1') + text[(at + 1)..];
        var e = Refused(changed);
        Assert.Equal(ErrorIds.ModelDamaged, e.ErrorId);
        Assert.Contains("checksum does not match", e.Message);
    }

    [Fact]
    public void A_newer_format_is_refused_with_both_versions()
    {
        string text = Model(Trainer("logistic"), out _).ToText().Replace("bankinsight-model 1\n", "bankinsight-model 7\n");
        var e = Refused(text);
        Assert.Equal(ErrorIds.ModelVersionUnsupported, e.ErrorId);
        Assert.Contains("format version 7", e.Message);
        Assert.Contains("reads versions 1 to 1", e.Message);
    }

    [Fact]
    public void Something_else_is_refused()
    {
        Assert.Equal(ErrorIds.ModelDamaged, Refused("{\"not\": \"a model\"}").ErrorId);
        Assert.Equal(ErrorIds.ModelDamaged, Refused("").ErrorId);
    }

    [Fact]
    public void A_model_for_another_purpose_is_refused()
    {
        string text = Model(Trainer("gbdt"), out _).ToText();
        var e = Assert.Throws<BankInsightException>(() => TrainedModel.Parse(text, "m.txt", "prospect"));
        Assert.Equal(ErrorIds.ModelKindMismatch, e.ErrorId);
        Assert.Contains("is a churn model; this job needs a prospect model", e.Message);
    }

    [Fact]
    public void Data_of_another_schema_is_refused()
    {
        var model = TrainedModel.Parse(Model(Trainer("gbdt"), out _).ToText(), "m.txt");
        var e = Assert.Throws<BankInsightException>(() => model.CheckSchema(BuiltInSchemas.Get("Retail")));
        Assert.Equal(ErrorIds.ModelSchemaMismatch, e.ErrorId);
        Assert.Contains("trained on data of schema CorporateChurn (fingerprint 5507530fa3632fa7)", e.Message);
        Assert.Contains("read with schema Retail (fingerprint 27477fef90b8bb56)", e.Message);
        model.CheckSchema(BuiltInSchemas.Get("CorporateChurn")); // the right one passes
    }

    [Fact]
    public void A_consistent_checksum_over_an_impossible_tree_is_still_refused()
    {
        // Someone edits a child index and recomputes the checksum: the reader must not loop or crash.
        string text = Model(Trainer("gbdt"), out _).ToText();
        string body = text[..text.LastIndexOf("checksum=", StringComparison.Ordinal)];
        int at = body.IndexOf("tree.0.left=", StringComparison.Ordinal) + "tree.0.left=".Length;
        body = body[..at] + "0 " + body[at..]; // node 0's left child pointing at itself
        string forged = body + "checksum=sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))).ToLowerInvariant() + "\n";
        var e = Refused(forged);
        Assert.Equal(ErrorIds.ModelDamaged, e.ErrorId);
    }

    [Fact]
    public void A_missing_model_file_is_not_found()
    {
        var e = Assert.Throws<BankInsightException>(() => TrainedModel.Load("/no/such/model"));
        Assert.Equal(ErrorIds.ModelNotFound, e.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, e.Kind);
    }
}
