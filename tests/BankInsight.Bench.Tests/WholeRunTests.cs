using System.Text.Json;

namespace BankInsight.Bench.Tests;

/// <summary>The benchmarks that run their cases in child processes: corporate and mining, on tiny inputs.</summary>
public sealed class WholeRunTests
{
    [Fact]
    public void CorporateReportsSecondsAndPeakMemoryForEveryStage()
    {
        var (exit, output, error) = Bench.Run("corporate", "--rows", "2000", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var row = json.RootElement;
        Assert.Equal(2000, row.GetProperty("rows").GetInt32());
        foreach (var stage in new[] { "load", "train", "predict" })
        {
            Assert.True(row.GetProperty(stage + "Seconds").GetDouble() > 0, stage);
            Assert.True(row.GetProperty(stage + "SecondsBest").GetDouble() <= row.GetProperty(stage + "Seconds").GetDouble(), stage);
            Assert.InRange(row.GetProperty(stage + "PeakMemoryMb").GetDouble(), 10, 4096);
        }
        double total = row.GetProperty("totalSeconds").GetDouble();
        Assert.Equal(row.GetProperty("loadSeconds").GetDouble() + row.GetProperty("trainSeconds").GetDouble() + row.GetProperty("predictSeconds").GetDouble(), total, 9);
        Assert.True(row.GetProperty("runnerSeconds").GetDouble() > total);
        Assert.True(row.GetProperty("peakMemoryMb").GetDouble() >= row.GetProperty("trainPeakMemoryMb").GetDouble());
        Assert.True(row.GetProperty("trees").GetInt32() > 0);
        Assert.True(row.GetProperty("features").GetInt32() > 10);
        Assert.InRange(row.GetProperty("heldOutRocAuc").GetDouble(), 0.5, 1.0);
        Assert.Equal(3, row.GetProperty("drivers").GetInt32());
        Assert.Equal(60, row.GetProperty("targetSeconds").GetDouble());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("loadAverageEnd").GetString()));
    }

    [Fact]
    public void CorporateTableNamesTheStagesAndTheTarget()
    {
        var (exit, output, error) = Bench.Run("corporate", "--rows", "1000");
        Assert.True(exit == 0, error);
        Assert.Contains("generated 1,000 CorporateChurn rows", output);
        Assert.Matches(@"(?m)^load\s+\d+\.\d\d", output);
        Assert.Matches(@"(?m)^train \(GBDT defaults\)\s+\d+\.\d\d", output);
        Assert.Matches(@"(?m)^predict \+ 3 drivers\s+\d+\.\d\d", output);
        Assert.Contains("target for 200,000 rows: train + predict < 60 s", output);
        Assert.Contains("load average (1/5/15 min) at start:", output);
        Assert.Contains("load average (1/5/15 min) at end:", output);
    }

    [Fact]
    public void MiningRunsEachCaseInItsOwnProcessBestAndMedianOfTheRepeats()
    {
        using var temp = new TempFolder();
        SmallData.WriteGroceries(temp.Path, 400);
        var (exit, output, error) = Bench.Run("mining", "--datasets", temp.Path, "--repeat", "2", "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("skipped retail", error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, rows.Count); // two supports × FP-Growth and Apriori
        foreach (var pair in rows.GroupBy(r => r.GetProperty("minSupport").GetDouble()))
        {
            // Both miners find the same itemsets and rules.
            Assert.Single(pair.Select(r => (r.GetProperty("itemsets").GetInt32(), r.GetProperty("rules").GetInt32())).Distinct());
        }
        foreach (var row in rows)
        {
            Assert.True(row.GetProperty("itemsets").GetInt32() > 0);
            Assert.True(row.GetProperty("secondsBest").GetDouble() <= row.GetProperty("secondsMedian").GetDouble());
            Assert.Equal(row.GetProperty("secondsMedian").GetDouble(), row.GetProperty("seconds").GetDouble());
            Assert.Equal(2, row.GetProperty("repeats").GetInt32());
            Assert.InRange(row.GetProperty("peakMemoryMb").GetDouble(), 10, 4096);
        }
    }
}
