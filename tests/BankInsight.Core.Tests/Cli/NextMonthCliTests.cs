using System.Globalization;
using System.Text.Json;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

/// <summary>The runner's next-month churn commands, with the option names ops scripts rely on.</summary>
public class NextMonthCliTests
{
    // Four consecutive months of the same companies: m-2026-08.del … m-2026-11.del.
    private static string[] Months(TempFolder temp, string lastMonthEnd = "2026-11-30")
    {
        Assert.Equal(0, Run("generate", "--schema", "CorporateChurn", "--rows", "2000", "--seed", "9", "--months", "4", "--as_of", lastMonthEnd, "--output", temp.File("m.del")).Exit);
        return [.. Directory.GetFiles(temp.Path, "m-*.del").Order()];
    }

    [Fact]
    public void Train_evaluate_and_predict_a_next_month_model()
    {
        using var temp = new TempFolder();
        var all = Months(temp);
        string aug = all[0], sep = all[1], oct = all[2], nov = all[3];
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
        Assert.Equal(File.ReadAllLines(nov).Length, risks.Count); // every company of the month (joiners included)
        Assert.Equal(risks.OrderByDescending(r => r), risks); // ranked by assets at risk
        Assert.NotEmpty(File.ReadAllLines(list));
    }

    [Fact]
    public void Backtest_prints_one_row_per_month_with_two_months_after_it()
    {
        using var temp = new TempFolder();
        string[] files = Months(temp, "2026-10-31");
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
