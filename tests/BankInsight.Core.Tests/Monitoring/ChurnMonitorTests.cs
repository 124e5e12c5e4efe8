using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Jobs.Churn;
using BankInsight.Monitoring;
using BankInsight.Results;
using BankInsight.Serialization;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Monitoring;

/// <summary>One generated month as it is, and the same month drifted: deposits tripled and 员工人数 emptied.</summary>
public sealed class DriftedMonths
{
    public static readonly string[] Tripled = ["本月日均存款余额", "活期存款月日均"];
    public const string Emptied = "员工人数";

    public CustomerDataSet Plain { get; }
    public CustomerDataSet Drifted { get; }

    public DriftedMonths()
    {
        var bytes = Months.Generate(5000, 11, new DateOnly(2026, 10, 31));
        Plain = Months.Load(bytes, "plain.del");
        Drifted = Months.Load(Months.Drift(bytes, Tripled, 3, Emptied), "drifted.del");
    }
}

/// <summary>The monthly check of a churn model through the core: drift flagged where the month changed, and warnings judged by the model's own label rule.</summary>
public class ChurnMonitorTests(DriftedMonths months) : IClassFixture<DriftedMonths>
{
    private static readonly TrainedModel Shipped = ChurnJob.LoadShippedModel();

    [Fact]
    public void A_drifted_month_flags_the_changed_features_major_and_no_other()
    {
        var sink = new CollectingSink();
        var report = ChurnMonitorJob.Monitor(new ChurnMonitorRequest(Shipped, months.Drifted), sink);
        var major = report.Features.Where(f => f.Shift == DriftShift.Major).Select(f => f.Feature).Order().ToList();
        Assert.Equal([.. DriftedMonths.Tripled.Append(DriftedMonths.Emptied).Order()], major);
        Assert.All(report.Features.Where(f => !major.Contains(f.Feature)), f => Assert.Equal(DriftShift.None, f.Shift));
        Assert.Equal(3, report.MajorShifts);
        Assert.Equal(0, report.ModerateShifts);
        Assert.Equal(report.Features.Take(3).Select(f => f.Feature), report.ShiftedFeatures);
        // Highest first; the emptied column tops the list: all of the month in the bin that held 2.9%.
        Assert.Equal(report.Features.OrderByDescending(f => f.Psi).Select(f => f.Psi), report.Features.Select(f => f.Psi));
        var emptied = report.Features[0];
        Assert.Equal(DriftedMonths.Emptied, emptied.Feature);
        Assert.Equal(1, emptied.MissingShare);
        Assert.InRange(emptied.TrainingMissingShare, 0.01, 0.05);
        Assert.Equal(emptied.MissingShare - emptied.TrainingMissingShare, emptied.MissingShareChange);
        Assert.True(emptied.Psi > 5, $"PSI {emptied.Psi}");
        Assert.Contains(sink.Warnings, w => w.StartsWith("Major shift (PSI ≥ 0.25) in drifted.del against the model's training month: 员工人数", StringComparison.Ordinal));
        Assert.Equal("drifted.del", report.Data);
        Assert.Equal(50_000, report.TrainingRows);
        Assert.Equal(5000, report.Rows);
        Assert.Null(report.Warned);
        Assert.Null(report.RealisedPrecision);
    }

    [Fact]
    public void The_same_month_undrifted_shows_no_shift()
    {
        var sink = new CollectingSink();
        var report = ChurnMonitorJob.Monitor(new ChurnMonitorRequest(Shipped, months.Plain), sink);
        Assert.All(report.Features, f => Assert.Equal(DriftShift.None, f.Shift));
        Assert.True(report.Features[0].Psi < 0.05, $"{report.Features[0]}");
        Assert.Equal(DriftShift.None, report.ScoreShift);
        Assert.Empty(report.ShiftedFeatures);
        Assert.DoesNotContain(sink.Warnings, w => w.Contains("Major shift"));
        Assert.Equal(Shipped.Metrics["precision"], report.TrainingPrecision);
    }

    [Fact]
    public void A_same_month_models_warnings_are_judged_by_the_months_own_figures_as_an_evaluation_would()
    {
        var list = ListOf(ChurnJob.Predict(new ChurnPredictionRequest(months.Plain, Shipped) { Drivers = 0 }, NullSink.Instance));
        var report = ChurnMonitorJob.Monitor(new ChurnMonitorRequest(Shipped, months.Plain) { PreviousWarnings = list }, NullSink.Instance);
        var evaluation = ChurnJob.Evaluate(Shipped, months.Plain, NullSink.Instance);
        Assert.Equal(evaluation.Precision, report.RealisedPrecision);
        Assert.Equal(evaluation.Recall, report.RealisedRecall);
        Assert.Equal(evaluation.TruePositives, report.WarnedChurned);
        Assert.Equal(evaluation.TruePositives + evaluation.FalseNegatives, report.Churned);
        Assert.Equal(evaluation.PositiveRate, report.ChurnRate);
        Assert.Equal("plain.del", report.OutcomesFrom);
        Assert.Equal("w.txt", report.WarningsFile);
        Assert.Equal(0, report.WarnedNotInData);
    }

    [Fact]
    public void Ids_on_the_list_that_are_not_customers_of_the_month_are_reported_and_left_out()
    {
        var list = WarningList.Parse("\"999000000000001\"\n" + string.Concat(months.Plain.Ids!.Values.Take(10).Select(id => $"\"{id}\"\n")), "w.txt");
        var sink = new CollectingSink();
        var report = ChurnMonitorJob.Monitor(new ChurnMonitorRequest(Shipped, months.Plain) { PreviousWarnings = list }, sink);
        Assert.Equal(11, report.Warned);
        Assert.Equal(1, report.WarnedNotInData);
        Assert.Contains("1 of 11 warned id(s) in w.txt are not customers of plain.del (e.g. '999000000000001'); they are left out.", sink.Warnings);

        // Mostly strangers: a list issued on another month.
        var other = WarningList.Parse(string.Concat(Enumerable.Range(1, 5).Select(i => $"\"99900000000000{i}\"\n")) + $"\"{months.Plain.Ids!.Values[0]}\"\n", "other.txt");
        var e = Assert.Throws<BankInsightException>(() => ChurnMonitorJob.Monitor(new ChurnMonitorRequest(Shipped, months.Plain) { PreviousWarnings = other }, NullSink.Instance));
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
        Assert.Contains("5 of 6 warned id(s) in other.txt are not customers of plain.del", e.Message);
        Assert.Contains("was the list issued on another month?", e.Message);
    }

    [Fact]
    public void The_outcome_files_must_fit_the_model()
    {
        var list = WarningList.Parse("\"1\"\n", "w.txt");
        var e = Assert.Throws<BankInsightException>(() => ChurnMonitorJob.Monitor(new ChurnMonitorRequest(Shipped, months.Plain) { NextMonth = months.Drifted }, NullSink.Instance));
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
        Assert.Contains("gives the outcomes of last month's warnings: give the warning list too (-PreviousWarningsPath / --previous_warnings)", e.Message);
        e = Assert.Throws<BankInsightException>(() => ChurnMonitorJob.Monitor(new ChurnMonitorRequest(Shipped, months.Plain) { PreviousWarnings = list, NextMonth = months.Drifted }, NullSink.Instance));
        Assert.Contains("predicts churn within the month it scores", e.Message);
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
    }

    [Fact]
    public void Monitoring_a_prospect_model_is_refused()
    {
        var prospect = TrainedModel.Load(BankInsight.Jobs.ShippedModels.Locate(BankInsight.Jobs.ShippedModels.Prospect), "prospect");
        var e = Assert.Throws<BankInsightException>(() => ChurnMonitorJob.Monitor(new ChurnMonitorRequest(prospect, months.Plain), NullSink.Instance));
        Assert.Equal(ErrorIds.ModelKindMismatch, e.ErrorId);
    }

    internal static WarningList ListOf(IEnumerable<ChurnPrediction> predictions) =>
        WarningList.Parse(string.Concat(predictions.Where(p => p.IsChurn).Select(p => $"\"{p.CustomerId}\"\n")), "w.txt");
}

/// <summary>A next-month model's warnings on October, judged by November's figures.</summary>
public class NextMonthWarningTests(ProfiledChurnModel fixture) : IClassFixture<ProfiledChurnModel>
{
    [Fact]
    public void Realised_precision_and_recall_are_the_evaluation_of_the_list_on_the_next_month()
    {
        // Three months of the same companies: independent files would share no story to learn.
        var months = ChurnMonthFiles.Load(2000, 3, 9, new(2026, 11, 30));
        var (september, october, november) = (months[0], months[1], months[2]);
        var model = ChurnJob.Train(new ChurnTrainingRequest(september) { NextMonth = october }, NullSink.Instance).Model;
        var list = ChurnMonitorTests.ListOf(ChurnJob.Predict(new ChurnPredictionRequest(october, model) { Drivers = 0 }, NullSink.Instance));
        Assert.NotEmpty(list.Ids);

        var missing = Assert.Throws<BankInsightException>(() => ChurnMonitorJob.Monitor(new ChurnMonitorRequest(model, october) { PreviousWarnings = list }, NullSink.Instance));
        Assert.Contains($"predicts next month's churn: whether the customers warned on {october.Source} churned is in the month after it; give that file (-NextMonthPath / --next_month_path)", missing.Message);

        var report = ChurnMonitorJob.Monitor(new ChurnMonitorRequest(model, october) { PreviousWarnings = list, NextMonth = november }, NullSink.Instance);
        var evaluation = ChurnJob.Evaluate(new ChurnEvaluationRequest(model, october) { NextMonth = november }, NullSink.Instance);
        Assert.Equal("churn by 2026-11", report.Predicts);
        Assert.Equal(november.Source, report.OutcomesFrom);
        Assert.EndsWith("churn-2026-11.del", report.OutcomesFrom);
        Assert.Equal(evaluation.Precision, report.RealisedPrecision);
        Assert.Equal(evaluation.Recall, report.RealisedRecall);
        Assert.Equal(evaluation.TruePositives, report.WarnedChurned);

        // Swapped months are refused as training refuses them.
        var swapped = Assert.Throws<BankInsightException>(() => ChurnMonitorJob.Monitor(new ChurnMonitorRequest(model, october) { PreviousWarnings = list, NextMonth = september }, NullSink.Instance));
        Assert.Contains("were the files given in the wrong order?", swapped.Message);
    }

    [Fact]
    public void Monitoring_a_model_without_a_profile_asks_for_a_retrained_one()
    {
        string text = fixture.Text;
        string old = Learners.ModelFileHardeningTests.Forge(text, b => b[..(b.IndexOf("\n[profile]\n", StringComparison.Ordinal) + 1)]);
        var model = TrainedModel.Parse(old, "old.model", "churn");
        var e = Assert.Throws<BankInsightException>(() => ChurnMonitorJob.Monitor(new ChurnMonitorRequest(model, fixture.Month), NullSink.Instance));
        Assert.Equal(ErrorIds.ModelKindMismatch, e.ErrorId);
        Assert.StartsWith("Model old.model has no training profile: it was written before BankInsight kept one", e.Message);
        Assert.Contains("retrain it (New-ChurnModel, bankinsight churn train)", e.Message);
    }
}
