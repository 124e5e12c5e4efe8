using System.Globalization;
using System.Text.Json;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

/// <summary>The runner's next-month churn commands, with the option names ops scripts rely on.</summary>
public class NextMonthCliTests
{
    private static string Month(TempFolder temp, string asOf)
    {
        string path = temp.File($"m-{asOf[..7]}.del");
        Assert.Equal(0, Run("generate", "--schema", "CorporateChurn", "--rows", "2000", "--seed", "9", "--as_of", asOf, "--output", path).Exit);
        return path;
    }

    [Fact]
    public void Train_evaluate_and_predict_a_next_month_model()
    {
        using var temp = new TempFolder();
        string aug = Month(temp, "2026-08-31"), sep = Month(temp, "2026-09-30"), oct = Month(temp, "2026-10-31"), nov = Month(temp, "2026-11-30");
        string model = temp.File("next.model");

        var train = Run("churn", "train", "--input_data_path", sep, "--next_month_path", oct, "--history_path", aug, "--model", model);
        Assert.Equal(0, train.Exit);
        Assert.Contains("churn model (gbdt) written to", train.Out);

        var evaluate = Run("churn", "evaluate", "--input_data_path", oct, "--next_month_path", nov, "--history_path", sep, "--model", model, "--json");
        Assert.Equal(0, evaluate.Exit);
        var json = JsonDocument.Parse(evaluate.Out).RootElement;
        foreach (string name in new[] { "rocAuc", "prAuc", "liftTop10", "liftTop5", "precision", "recall", "calibration", "predicts" })
            Assert.True(json.TryGetProperty(name, out _), name);
        Assert.StartsWith("churn by 2026-11", json.GetProperty("predicts").GetString());

        var missingNext = Run("churn", "evaluate", "--input_data_path", oct, "--model", model);
        Assert.Equal(2, missingNext.Exit);
        Assert.Contains("predicts next month's churn: give the month after", missingNext.Err);

        var swapped = Run("churn", "train", "--input_data_path", oct, "--next_month_path", sep, "--model", temp.File("x.model"));
        Assert.Equal(2, swapped.Exit);
        Assert.Contains("describes 2026-09, not a month after", swapped.Err);
        Assert.False(File.Exists(temp.File("x.model")));

        string list = temp.File("list.txt"), scores = temp.File("scores.txt");
        var predict = Run("churn", "predict", "--input_data_path", nov, "--history_path", oct, "--model", model,
            "--output_data_path", list, "--scores_path", scores, "--sort_by", "assets_at_risk");
        Assert.Equal(0, predict.Exit);
        var risks = File.ReadAllLines(scores).Select(l => l.Split(',')[2]).Select(r => r.Length == 0 ? double.NegativeInfinity : double.Parse(r, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2000, risks.Count);
        Assert.Equal(risks.OrderByDescending(r => r), risks); // ranked by assets at risk
        Assert.NotEmpty(File.ReadAllLines(list));
    }

    [Fact]
    public void Backtest_prints_one_row_per_month_with_two_months_after_it()
    {
        using var temp = new TempFolder();
        string[] files = [Month(temp, "2026-07-31"), Month(temp, "2026-08-31"), Month(temp, "2026-09-30"), Month(temp, "2026-10-31")];
        var json = Run(["churn", "backtest", "--months", .. files, "--json"]);
        Assert.Equal(0, json.Exit);
        var rows = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["2026-07", "2026-08"], rows.Select(r => r.GetProperty("trainedOn").GetString()));
        Assert.Equal(["2026-08", "2026-09"], rows.Select(r => r.GetProperty("testedOn").GetString()));
        Assert.All(rows, r => Assert.InRange(r.GetProperty("rocAuc").GetDouble(), 0.5, 1.0));

        var text = Run(["churn", "backtest", "--months", .. files]);
        Assert.Equal(0, text.Exit);
        Assert.Equal(3, text.Out.Trim().Split('\n').Length); // header and two rows
        Assert.StartsWith("trained on", text.Out);

        var tooFew = Run("churn", "backtest", "--months", files[0], files[1]);
        Assert.Equal(2, tooFew.Exit);
        Assert.Contains("at least three consecutive monthly files", tooFew.Err);
    }
}
