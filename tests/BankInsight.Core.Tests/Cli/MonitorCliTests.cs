using System.Text.Json;
using BankInsight.Jobs;
using BankInsight.Tests.Monitoring;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

/// <summary><c>bankinsight churn monitor</c> with the option names, JSON names and exit codes ops scripts rely on.</summary>
public class MonitorCliTests
{
    private static (TempFolder Temp, string Plain, string Drifted) Files()
    {
        var temp = new TempFolder();
        string plain = temp.File("m-2026-10.del"), drifted = temp.File("drifted.del");
        Assert.Equal(0, Run("generate", "--schema", "CorporateChurn", "--rows", "3000", "--seed", "11", "--as_of", "2026-10-31", "--output", plain).Exit);
        File.WriteAllBytes(drifted, Months.Drift(File.ReadAllBytes(plain), DriftedMonths.Tripled, 3, DriftedMonths.Emptied));
        return (temp, plain, drifted);
    }

    [Fact]
    public void A_drifted_month_prints_the_table_by_PSI_with_its_shifts_marked_and_exits_0()
    {
        var (temp, _, drifted) = Files();
        using var _ = temp;
        var (exit, stdout, stderr) = Run("churn", "monitor", "--input_data_path", drifted);
        Assert.Equal(0, exit); // drift is a finding, not a failed run
        var lines = stdout.Split('\n');
        Assert.StartsWith("churn model ", lines[0]);
        Assert.Contains("3 major and 0 moderate shift(s) among 81 features", stdout);
        Assert.Matches(@"\nscore PSI \d+\.\d{4} \((moderate|major) shift\)\n", stdout); // the same-month model reads the tripled deposits
        int header = Array.FindIndex(lines, l => l.Contains("PSI  shift"));
        Assert.EndsWith("员工人数", lines[header + 1]);
        Assert.Contains("  MAJOR  ", lines[header + 1]);
        Assert.Contains("2.9% → 100.0%", lines[header + 1]);
        Assert.All(lines[(header + 2)..(header + 4)], l => Assert.Contains("  MAJOR  ", l));
        Assert.All(lines[(header + 4)..].Where(l => l.Length > 0), l => Assert.Contains("  -  ", l));
        Assert.Contains("warning: Major shift (PSI ≥ 0.25) in", stderr);
    }

    [Fact]
    public void The_JSON_is_the_report_in_camelCase_with_shifts_as_names()
    {
        var (temp, plain, drifted) = Files();
        using var _ = temp;
        string list = temp.File("warnings.txt");
        Assert.Equal(0, Run("churn", "predict", "--input_data_path", plain, "--output_data_path", list).Exit);
        var (exit, stdout, _) = Run("churn", "monitor", "--input_data_path", plain, "--previous_warnings", list, "--json");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(["model", "data", "predicts", "trainingRows", "rows", "scorePsi", "scoreShift", "majorShifts", "moderateShifts", "shiftedFeatures", "features",
            "warningsFile", "outcomesFrom", "warned", "warnedNotInData", "warnedUnlabelled", "warnedChurned", "churned", "churnRate",
            "realisedPrecision", "realisedRecall", "trainingPrecision", "trainingRecall"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("None", json.GetProperty("scoreShift").GetString());
        var feature = json.GetProperty("features")[0];
        Assert.Equal(["feature", "psi", "shift", "trainingMissingShare", "missingShare", "missingShareChange", "unseenShare", "kind", "bins", "data"], feature.EnumerateObject().Select(p => p.Name));
        Assert.Equal(File.ReadAllLines(list).Length, json.GetProperty("warned").GetInt32());
        Assert.InRange(json.GetProperty("realisedPrecision").GetDouble(), 0.6, 1);

        var text = Run("churn", "monitor", "--input_data_path", plain, "--previous_warnings", list).Out;
        Assert.Matches(@"\nscore PSI 0\.\d{4} \(no shift\)\n", text);
        Assert.Contains($"warnings: {File.ReadAllLines(list).Length:N0} in {list} (0 not customers of the month,", text);
        Assert.Contains("realised: precision 0.", text);
        Assert.Contains("training: precision 0.", text);

        var drift = JsonDocument.Parse(Run("churn", "monitor", "--input_data_path", drifted, "--json").Out).RootElement;
        Assert.Equal(3, drift.GetProperty("majorShifts").GetInt32());
        Assert.Equal("Major", drift.GetProperty("features")[0].GetProperty("shift").GetString());
        Assert.Equal(JsonValueKind.Null, drift.GetProperty("realisedPrecision").ValueKind);
    }

    [Fact]
    public void Exit_codes_for_what_cannot_be_monitored()
    {
        var (temp, plain, drifted) = Files();
        using var _ = temp;
        // A model written before profiles: exit 2, one line asking for a retrained model.
        string old = temp.File("old.model");
        string shipped = File.ReadAllText(ShippedModels.Locate(ShippedModels.Churn));
        File.WriteAllText(old, Learners.ModelFileHardeningTests.Forge(shipped, b => b[..(b.IndexOf("\n[profile]\n", StringComparison.Ordinal) + 1)]));
        var noProfile = Run("churn", "monitor", "--input_data_path", plain, "--model", old);
        Assert.Equal(2, noProfile.Exit);
        Assert.Contains($"bankinsight: error: Model {old} has no training profile", noProfile.Err);
        Assert.Equal("", noProfile.Out);
        // Predictions with that model are unchanged.
        Assert.Equal(0, Run("churn", "predict", "--input_data_path", plain, "--model", old, "--output_data_path", temp.File("a.txt")).Exit);
        Assert.Equal(0, Run("churn", "predict", "--input_data_path", plain, "--output_data_path", temp.File("b.txt")).Exit);
        Assert.Equal(File.ReadAllBytes(temp.File("b.txt")), File.ReadAllBytes(temp.File("a.txt")));

        var nextWithoutList = Run("churn", "monitor", "--input_data_path", plain, "--next_month_path", drifted);
        Assert.Equal(2, nextWithoutList.Exit);
        Assert.Contains("give the warning list too (-PreviousWarningsPath / --previous_warnings)", nextWithoutList.Err);

        var noList = Run("churn", "monitor", "--input_data_path", plain, "--previous_warnings", temp.File("none.txt"));
        Assert.Equal(2, noList.Exit);
        Assert.Contains("none.txt", noList.Err);

        var dataAsList = Run("churn", "monitor", "--input_data_path", plain, "--previous_warnings", plain);
        Assert.Equal(2, dataAsList.Exit);
        Assert.Contains("line 1: it has 69 fields", dataAsList.Err);

        // A rejected row: the check runs, and exit 3 says rows were rejected, as every job does.
        File.AppendAllText(plain, "\"210999999999999\",\"cut short\"\n");
        var rejected = Run("churn", "monitor", "--input_data_path", plain);
        Assert.Equal(3, rejected.Exit);
        Assert.Contains("score PSI", rejected.Out);
    }
}
