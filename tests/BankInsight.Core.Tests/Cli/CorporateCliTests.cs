using System.Text.Json;
using BankInsight.Cli;
using BankInsight.Jobs;
using BankInsight.Jobs.Retail;
using BankInsight.Results;
using BankInsight.Serialization;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

public class CorporateCliTests
{
    // The runner's JSON names the objects' properties in camelCase (ConvertFrom-Json reads either).
    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    [Fact]
    public void Churn_train_evaluate_predict_end_to_end()
    {
        using var temp = new TempFolder();
        string september = temp.File("sep.del"), october = temp.File("oct.del"), model = temp.File("churn.model");
        Run("generate", "--schema", "CorporateChurn", "--rows", "6000", "--seed", "5", "--as_of", "2026-09-30", "--output", september);
        Run("generate", "--schema", "CorporateChurn", "--rows", "3000", "--seed", "6", "--as_of", "2026-10-31", "--output", october);

        var train = Run("churn", "train", "--input_data_path", september, "--model", model);
        Assert.Equal(0, train.Exit);
        Assert.Contains("churn model (gbdt) written to", train.Out);
        Assert.True(File.Exists(model));

        var evaluate = Run("churn", "evaluate", "--input_data_path", october, "--model", model, "--json");
        Assert.Equal(0, evaluate.Exit);
        var json = JsonDocument.Parse(evaluate.Out).RootElement;
        // The same property names as the ClassifierEvaluation object the cmdlet returns.
        Assert.Equal(typeof(ClassifierEvaluation).GetProperties().Select(p => Camel(p.Name)).Order(), json.EnumerateObject().Select(p => p.Name).Order());
        Assert.True(json.GetProperty("rocAuc").GetDouble() >= 0.85);

        string churners = temp.File("churners.txt"), scores = temp.File("scores.txt");
        var predict = Run("churn", "predict", "--input_data_path", october, "--output_data_path", churners, "--model", model, "--scores_path", scores);
        Assert.Equal(0, predict.Exit);
        var churnLines = File.ReadAllLines(churners);
        var scoreLines = File.ReadAllLines(scores);
        Assert.Equal(3000, scoreLines.Length);
        Assert.All(churnLines, l => Assert.Matches("^\"21[0-9]{13}\"$", l));
        // id, probability, and the assets at risk (probability × 金融资产月日均; empty when the row has no assets).
        Assert.All(scoreLines, l => Assert.Matches("^\"21[0-9]{13}\",(0|1|0\\.[0-9]{1,6}),([0-9]+(\\.[0-9]{1,2})?)?$", l));
        // Every listed churner scored at or above the model's threshold.
        double threshold = TrainedModel.Load(model).SettingOr("decision_threshold", 0.5);
        var byId = scoreLines.Select(l => l.Split(',')).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(churnLines, l => Assert.True(byId[l] >= Math.Round(threshold, 6) - 1e-6));
        Assert.Equal(byId.Count(s => s.Value >= threshold + 1e-6), churnLines.Length, new ToleranceComparer(5));
    }

    private sealed class ToleranceComparer(int tolerance) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(int obj) => 0;
    }

    [Fact]
    public void Churn_predict_refuses_the_reference_sample_whose_ids_collapsed_and_leaves_last_months_list()
    {
        // 178 of its 188 rows repeat an id (written as the float 210090000000000.0): a result built
        // on the 10 left would replace last month's list with a list of nearly nobody.
        using var temp = new TempFolder();
        string output = temp.File("out.txt");
        File.WriteAllText(output, "\"last month\"\n");
        var (exit, stdout, stderr) = Run("churn", "predict", "--input_data_path", TestFiles.Reference("customer_losing.del"), "--output_data_path", output);
        Assert.Equal(2, exit);
        Assert.Contains("178 of 188 rows of", stderr);
        Assert.Contains("(94.7%), more than the 50% a job accepts", stderr);
        Assert.Contains("--max_rejected_share", stderr);
        Assert.Equal("\"last month\"\n", File.ReadAllText(output));
        Assert.Single(Directory.GetFiles(temp.Path));
        Assert.Empty(stdout);
    }

    [Fact]
    public void Churn_predict_uses_the_shipped_model_on_the_reference_sample_when_told_to_accept_its_rejections()
    {
        using var temp = new TempFolder();
        string output = temp.File("out.txt");
        var (exit, stdout, stderr) = Run("churn", "predict", "--input_data_path", TestFiles.Reference("customer_losing.del"), "--output_data_path", output, "--max_rejected_share", "1");
        Assert.Equal(3, exit); // done, but rows were rejected
        Assert.Contains("scored 10 customers", stdout);
        Assert.Contains("note: 178 of 188 rows", stderr);
        Assert.Contains("the model treats it as unknown for every row", stderr); // 企业规模 dropped
        Assert.True(File.Exists(output));
        Assert.DoesNotContain(" at ", stderr);
    }

    [Fact]
    public void Churn_train_on_too_little_data_exits_2_with_the_counts()
    {
        using var temp = new TempFolder();
        var (exit, _, stderr) = Run("churn", "train", "--input_data_path", TestFiles.Reference("customer_losing.del"), "--model", temp.File("m"), "--max_rejected_share", "1");
        Assert.Equal(2, exit);
        Assert.Contains("10 labelled rows", stderr);
        Assert.False(File.Exists(temp.File("m")));
    }

    [Fact]
    public void Prospect_train_and_predict_end_to_end_with_region_scores_and_related_parties()
    {
        using var temp = new TempFolder();
        string p = temp.File("p.del"), r = temp.File("r.del"), model = temp.File("prospect.model");
        Run("generate", "--schema", "CorporateProspect", "--rows", "6000", "--seed", "8", "--output", p);
        Run("generate", "--schema", "ProspectRelation", "--rows", "6000", "--seed", "8", "--output", r);
        var train = Run("prospect", "train", "--input_data_path1", p, "--input_data_path2", r, "--model", model, "--json");
        Assert.Equal(0, train.Exit);
        Assert.True(JsonDocument.Parse(train.Out).RootElement.GetProperty("rocAuc").GetDouble() >= 0.85);

        string list = temp.File("list.txt"), scores = temp.File("scores.txt"), related = temp.File("related.txt");
        var predict = Run("prospect", "predict", "--input_data_path1", p, "--input_data_path2", r, "--model", model,
            "--output_data_path", list, "--scores_path", scores, "--related_path", related);
        Assert.Equal(0, predict.Exit);
        Assert.Equal(6000, File.ReadAllLines(scores).Length); // before the region filter
        var listed = File.ReadAllLines(list);
        Assert.NotEmpty(listed);
        Assert.All(File.ReadAllLines(related), l => Assert.Matches("^\"[0-9]{15}\",\"21[0-9]{13}\",\"[0-9]{4}\"$", l));

        string everywhere = temp.File("all.txt");
        Run("prospect", "predict", "--input_data_path1", p, "--input_data_path2", r, "--model", model, "--output_data_path", everywhere, "--region", "");
        Assert.True(File.ReadAllLines(everywhere).Length > listed.Length);
    }

    [Fact]
    public void Prospect_predict_on_the_reference_samples_is_refused_and_completes_with_warnings_when_allowed()
    {
        using var temp = new TempFolder();
        string[] run = ["prospect", "predict",
            "--input_data_path1", TestFiles.Reference("potential_customer.del"), "--input_data_path2", TestFiles.Reference("potential_customer_relation.del"),
            "--output_data_path", temp.File("out.txt"), "--duplicate_ids", "keep"];
        var refused = Run(run); // the two samples share no id
        Assert.Equal(2, refused.Exit);
        Assert.Contains("509 of 509 relation rows of", refused.Err);
        Assert.Contains("raise --max_rejected_share", refused.Err);
        Assert.False(File.Exists(temp.File("out.txt")));

        var (exit, stdout, stderr) = Run([.. run, "--max_rejected_share", "1"]);
        Assert.Equal(3, exit);
        Assert.Contains("scored 188 companies", stdout);
        Assert.Contains("appears in the relation file", stderr);
        Assert.All(File.ReadAllLines(temp.File("out.txt")), l => Assert.Matches("^\"21[0-9]+\\.0\"$", l));
    }

    [Fact]
    public void Shipped_models_load_and_rebuild_byte_for_byte()
    {
        var churn = TrainedModel.Load(ShippedModels.Locate(ShippedModels.Churn), "churn");
        var prospect = TrainedModel.Load(ShippedModels.Locate(ShippedModels.Prospect), "prospect");
        Assert.Equal("CorporateChurn", churn.SchemaName);
        Assert.Equal("CorporateProspect", prospect.SchemaName);
        Assert.True(churn.Metrics["roc_auc"] >= 0.85 && prospect.Metrics["roc_auc"] >= 0.85);

        using var temp = new TempFolder();
        var (exit, _, _) = Run("models", "--output", temp.Path);
        Assert.Equal(0, exit);
        // Bit-identical on the platform the shipped files were built on (Linux x64); elsewhere the
        // C runtime's exp/log may differ in the last bit, so only the predictions are compared.
        bool samePlatform = OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64;
        foreach (var name in new[] { ShippedModels.Churn, ShippedModels.NextMonthChurn, ShippedModels.Prospect, ShippedModels.Retail })
        {
            string shipped = ShippedModels.Locate(name), rebuilt = Path.Combine(temp.Path, name);
            if (samePlatform) Assert.True(File.ReadAllBytes(shipped).AsSpan().SequenceEqual(File.ReadAllBytes(rebuilt)), $"{name} differs from a rebuild: run 'bankinsight models --output models' and commit");
            else if (name == ShippedModels.Retail) Assert.Equal(SegmentationModel.Load(shipped).KMeans.Inertia, SegmentationModel.Load(rebuilt).KMeans.Inertia, 3);
            else Assert.Equal(TrainedModel.Load(shipped).Metrics["roc_auc"], TrainedModel.Load(rebuilt).Metrics["roc_auc"], 6);
        }
    }
}
