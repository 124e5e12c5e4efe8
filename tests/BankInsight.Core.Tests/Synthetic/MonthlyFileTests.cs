using System.Globalization;
using BankInsight.Common;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Synthetic;

/// <summary>Monthly sequences as files: their names, the oracle files, and <c>bankinsight generate --months</c>.</summary>
public class MonthlyFileTests
{
    [Fact]
    public void Plan_names_a_file_a_month_after_the_output_and_an_oracle_for_all_but_the_last()
    {
        var request = new SyntheticDataRequest("CorporateChurn", 10) { Months = 3 };
        var plan = SyntheticMonthFile.Plan(request, Path.Combine("data", "churn.del"), oracle: true);
        Assert.Equal(
            [
                (new DateOnly(2026, 8, 31), SyntheticMonthFileKind.Data, Path.Combine("data", "churn-2026-08.del")),
                (new DateOnly(2026, 8, 31), SyntheticMonthFileKind.Oracle, Path.Combine("data", "churn-2026-08.oracle.txt")),
                (new DateOnly(2026, 9, 30), SyntheticMonthFileKind.Data, Path.Combine("data", "churn-2026-09.del")),
                (new DateOnly(2026, 9, 30), SyntheticMonthFileKind.Oracle, Path.Combine("data", "churn-2026-09.oracle.txt")),
                (new DateOnly(2026, 10, 31), SyntheticMonthFileKind.Data, Path.Combine("data", "churn-2026-10.del")),
            ],
            plan.Select(f => (f.Month, f.Kind, f.Target.Path)));
        Assert.Equal(3, SyntheticMonthFile.Plan(request, "churn.del", oracle: false).Count);
    }

    [Fact]
    public void Months_end_on_their_last_day_and_the_last_on_the_as_of_date()
    {
        Assert.Equal([new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 15)],
            SyntheticMonths.MonthEnds(new DateOnly(2026, 3, 15), 4));
        Assert.Equal("churn-2026-02", Path.GetFileName(SyntheticMonthFile.NameFor("churn", new DateOnly(2026, 2, 28), SyntheticMonthFileKind.Data)));
    }

    [Fact]
    public void Names_are_culture_free()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("th-TH"); // Buddhist calendar: 2026 is 2569
            Assert.Equal("churn-2026-10.del", SyntheticMonthFile.NameFor("churn.del", new DateOnly(2026, 10, 31), SyntheticMonthFileKind.Data));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Oracle_files_are_the_bank_result_format_line_for_line_with_the_month()
    {
        using var temp = new TempFolder();
        var request = new SyntheticDataRequest("CorporateChurn", 800) { Months = 3, Seed = 4 };
        var written = SyntheticMonths.GenerateFiles(request, SyntheticMonthFile.Plan(request, temp.File("churn.del"), oracle: true), new CollectingSink());
        Assert.Equal(["churn-2026-08.del", "churn-2026-08.oracle.txt", "churn-2026-09.del", "churn-2026-09.oracle.txt", "churn-2026-10.del"], written.Select(Path.GetFileName));
        var oracle = SyntheticMonths.Oracle(request);
        for (int m = 0; m < 2; m++)
        {
            var lines = File.ReadAllLines(written[2 * m + 1]);
            var data = File.ReadAllLines(written[2 * m]);
            Assert.Equal(data.Length, lines.Length);
            for (int i = 0; i < lines.Length; i++)
            {
                string id = oracle[m].CustomerIds[i];
                Assert.StartsWith($"\"{id}\",", data[i]);
                Assert.Equal($"\"{id}\",{Math.Round(oracle[m].Probabilities[i], 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture)}", lines[i]);
            }
        }
        Assert.Contains(File.ReadAllLines(written[1]), line => line.EndsWith(",1", StringComparison.Ordinal)); // over the line: gone next month
    }

    [Fact]
    public void Files_are_replaced_together_or_not_at_all()
    {
        using var temp = new TempFolder();
        var request = new SyntheticDataRequest("CorporateChurn", 300) { Months = 3 };
        var plan = SyntheticMonthFile.Plan(request, temp.File("churn.del"), oracle: false);
        File.WriteAllText(plan[0].Target.Path, "august before");
        File.WriteAllText(plan[2].Target.Path, "october before");
        File.SetAttributes(plan[2].Target.Path, FileAttributes.ReadOnly);
        try
        {
            var e = Assert.Throws<BankInsightException>(() => SyntheticMonths.GenerateFiles(request, plan, new CollectingSink()));
            Assert.Equal(ErrorIds.OutputExists, e.ErrorId);
            Assert.Equal("august before", File.ReadAllText(plan[0].Target.Path));
            Assert.False(File.Exists(plan[1].Target.Path));
            Assert.Equal(2, Directory.GetFiles(temp.Path).Length); // the two old files; no temporary file left beside them
        }
        finally
        {
            File.SetAttributes(plan[2].Target.Path, FileAttributes.Normal);
        }
    }

    [Fact]
    public void The_runner_writes_the_months_and_oracles_the_core_makes()
    {
        using var temp = new TempFolder();
        var (exit, output, error) = Run("generate", "--schema", "CorporateChurn", "--rows", "500", "--seed", "3", "--months", "3", "--oracle", "--output", temp.File("churn.del"));
        Assert.Equal((0, ""), (exit, error));
        Assert.Contains("wrote 3 monthly CorporateChurn files of 500 customers in the first month (2026-08 to 2026-10)", output);
        Assert.Equal(["churn-2026-08.del", "churn-2026-08.oracle.txt", "churn-2026-09.del", "churn-2026-09.oracle.txt", "churn-2026-10.del"],
            Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var s = MonthSequence.Make(500, 3, seed: 3);
        for (int m = 0; m < 3; m++)
            Assert.Equal(s.Bytes[m], File.ReadAllBytes(temp.File($"churn-2026-{m + 8:D2}.del")));
    }

    [Fact]
    public void The_runner_names_the_months_after_the_as_of_date()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, Run("generate", "--schema", "CorporateChurn", "--rows", "50", "--months", "2", "--as_of", "2025-01-31", "--output", temp.File("m")).Exit);
        Assert.Equal(["m-2024-12", "m-2025-01"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("--schema", "Retail", "--months", "3", "only for CorporateChurn")]
    [InlineData("--schema", "CorporateChurn", "--oracle", "", "--oracle needs --months")]
    [InlineData("--schema", "CorporateChurn", "--months", "0", "--months must be 1 to 120 (got 0)")]
    [InlineData("--schema", "CorporateChurn", "--months", "121", "--months must be 1 to 120 (got 121)")]
    public void The_runner_refuses_what_it_cannot_make_and_writes_nothing(string o1, string v1, string o2, string v2, string message)
    {
        using var temp = new TempFolder();
        string[] args = ["generate", o1, v1, "--rows", "20", o2, .. (v2 == "" ? Array.Empty<string>() : [v2]), "--output", temp.File("x.del")];
        var (exit, _, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}
