using System.Text.Json;
using BankInsight.Bench.Learners;
using BankInsight.Common;
using BankInsight.Learners;
using BankInsight.Metrics;

namespace BankInsight.Bench.Tests;

public sealed class LearnerComparisonTests
{
    [Fact]
    public void OursAndMicrosoftMlRunOnTheSameFoldsAndGetSaneScores()
    {
        var (features, labels) = SmallData.Matrix(800);
        var splits = LearnerComparison.Splits(features, labels);
        var results = LearnerComparison.All().Select(l => LearnerComparison.Measure(l, splits, 2, CancellationToken.None)).ToList();

        Assert.Equal(["gbdt", "mlnet-lightgbm", "mlnet-lightgbm-es", "mlnet-fasttree", "logistic", "mlnet-lbfgs"], results.Select(r => r.Learner.Model));
        Assert.Equal(2, results.Count(r => r.Learner.Library == "BankInsight"));
        Assert.Equal(4, results.Count(r => r.Learner.Library == "Microsoft.ML 5.0.1"));

        // The folds CrossValidation makes, and the same for every learner.
        var reference = CrossValidation.Run(new LogisticRegressionTrainer(OurLearner.LogisticSettings), features, labels, 5, 42, NullSink.Instance);
        foreach (var r in results)
        {
            Assert.Equal(reference.Select(f => f.Evaluation.Rows), r.FoldRows);
            Assert.Equal(reference.Select(f => f.Evaluation.Positives), r.FoldPositives);
            Assert.InRange(r.RocAuc, 0.70, 1.0);
            Assert.InRange(r.PrAuc, 0.40, 1.0);
            Assert.Equal(5, r.FoldRocAuc.Length);
            Assert.Equal(2, r.Fit.Runs.Count);
            Assert.True(r.Fit.Best <= r.Fit.Median && r.Fit.Best > 0, $"{r.Learner.Model}: fit best {r.Fit.Best}, median {r.Fit.Median}");
            Assert.True(r.Predict.Best <= r.Predict.Median && r.Predict.Best > 0, r.Learner.Model);
        }

        // Ours are timed as CrossValidation times them and give its AUCs exactly.
        var logistic = results.Single(r => r.Learner.Model == "logistic");
        Assert.Equal(reference.Average(f => f.Evaluation.RocAuc), logistic.RocAuc, 12);
        // The same objective (L2 = 1/C, no L1) on the same design matrix: the same ranking, up to float rounding.
        Assert.Equal(logistic.RocAuc, results.Single(r => r.Learner.Model == "mlnet-lbfgs").RocAuc, 3);
    }

    [Fact]
    public void LearnersCommandPrintsOneRowPerLearnerWithTheNewFields()
    {
        using var temp = new TempFolder();
        SmallData.WriteChurnModelling(temp.Path, 500);
        var (exit, output, error) = Bench.Run("learners", "--datasets", temp.Path, "--repeat", "1", "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("skipped bank-full", error);
        Assert.Contains("skipped bankchurners", error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(6, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal("churn-modelling", row.GetProperty("dataset").GetString());
            foreach (var name in new[] { "rocAuc", "prAuc", "fitSeconds", "predictSeconds", "fitSecondsBest", "fitSecondsMedian", "predictSecondsBest", "predictSecondsMedian" })
                Assert.True(row.GetProperty(name).GetDouble() > 0, name);
            Assert.Equal(row.GetProperty("fitSecondsMedian").GetDouble(), row.GetProperty("fitSeconds").GetDouble());
            Assert.Equal(1, row.GetProperty("repeats").GetInt32());
            Assert.Equal(500, row.GetProperty("foldRows").EnumerateArray().Sum(e => e.GetInt32()));
            Assert.False(string.IsNullOrEmpty(row.GetProperty("loadAverageStart").GetString()));
            Assert.False(string.IsNullOrEmpty(row.GetProperty("loadAverageEnd").GetString()));
        }
        Assert.Contains(rows, r => r.GetProperty("model").GetString() == "gbdt" && r.GetProperty("library").GetString() == "BankInsight");
        Assert.Contains(rows, r => r.GetProperty("model").GetString() == "mlnet-lightgbm-es" && r.GetProperty("library").GetString() == "Microsoft.ML 5.0.1");
    }

    [Fact]
    public void WithoutAnyDataSetNothingRunsAndTheExitSaysSo()
    {
        using var temp = new TempFolder();
        var (exit, output, error) = Bench.Run("learners", "--datasets", temp.Path);
        Assert.Equal(BenchApp.UnusableInput, exit);
        Assert.Contains("no data set to run", error);
        Assert.Contains("load average (1/5/15 min) at start:", output);
    }

    [Fact]
    public void RepeatBelowOneIsRefused()
    {
        var (exit, _, error) = Bench.Run("learners", "--repeat", "0");
        Assert.Equal(BenchApp.UnusableInput, exit);
        Assert.Contains("--repeat must be at least 1", error);
    }
}
