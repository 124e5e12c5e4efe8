using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Churn;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs.Churn;

/// <summary>Three generated months of the same companies (the monthly story), made once.</summary>
public sealed class ThreeMonths
{
    private readonly IReadOnlyList<CustomerDataSet> _months = ChurnMonthFiles.Load(3000, 3, 9, new DateOnly(2026, 11, 30));

    public CustomerDataSet September => _months[0];
    public CustomerDataSet October => _months[1];
    public CustomerDataSet November => _months[2];
}

/// <summary>
/// A next-month model end to end through the core: it records its mode, its predictions say what
/// they predict and carry the assets at risk, and it is evaluated only on a next month's labels.
/// </summary>
public class NextMonthModelTests(ThreeMonths months) : IClassFixture<ThreeMonths>
{
    private Results.ModelTrainingResult Trained => _trained ??= ChurnJob.Train(new ChurnTrainingRequest(months.September) { NextMonth = months.October, History = [] }, NullSink.Instance);
    private static Results.ModelTrainingResult? _trained;

    [Fact]
    public void A_next_month_model_records_its_mode_and_uses_this_months_balances()
    {
        var model = Trained.Model;
        Assert.True(ChurnJob.PredictsNextMonth(model));
        Assert.Equal("next_month", model.Settings["label_mode"]);
        Assert.Equal("true", model.Settings["absent_is_churn"]);
        Assert.Equal("0", model.Settings["history_months"]);
        Assert.Equal("2026-09", model.Settings["data_month"]);
        var names = model.Classifier.FeatureNames;
        Assert.Contains(ChurnColumns.CurrentAssets, names);
        Assert.Contains(ChurnTrends.AssetRatio, names);
        Assert.DoesNotContain(ChurnColumns.Id, names);
        Assert.False(ChurnJob.PredictsNextMonth(ChurnJob.LoadShippedModel()));
    }

    [Fact]
    public void Predictions_say_what_they_predict_and_carry_the_assets_at_risk()
    {
        var all = ChurnJob.Predict(new ChurnPredictionRequest(months.October, Trained.Model) { IncludeAll = true, Drivers = 0 }, NullSink.Instance).ToList();
        Assert.Equal(months.October.RowCount, all.Count);
        Assert.All(all, p => Assert.Equal("churn by 2026-11", p.Predicts));
        var assets = (Data.Columns.NumericColumn)months.October[ChurnColumns.CurrentAssets];
        for (int i = 0; i < all.Count; i++)
        {
            if (double.IsNaN(assets[i])) { Assert.Null(all[i].AssetsAtRisk); continue; }
            Assert.Equal(assets[i], all[i].Assets);
            Assert.Equal(Math.Round(all[i].Probability * assets[i], 2), all[i].AssetsAtRisk);
        }
        var sameMonth = ChurnJob.Predict(new ChurnPredictionRequest(months.October, ChurnJob.LoadShippedModel()) { Drivers = 0 }, NullSink.Instance).First();
        Assert.Equal("churn in 2026-10", sameMonth.Predicts);
    }

    [Fact]
    public void Customers_already_over_the_line_this_month_are_left_off_the_next_month_list_and_said_so()
    {
        var sink = new CollectingSink();
        var all = ChurnJob.Predict(new ChurnPredictionRequest(months.October, Trained.Model) { IncludeAll = true, Drivers = 0 }, sink).ToList();
        var now = ChurnLabels.Make(months.October, ChurnLabels.DefaultDeclineThreshold, NullSink.Instance).Labels;
        double threshold = BankInsight.Jobs.ClassifierTraining.DecisionThreshold(Trained.Model, null);
        int gone = 0, warnedGone = 0;
        for (int i = 0; i < all.Count; i++)
        {
            Assert.Equal(now[i] == true, all[i].AlreadyChurned);
            Assert.Equal(all[i].Probability >= threshold && now[i] != true, all[i].IsChurn);
            if (all[i].AlreadyChurned) { gone++; Assert.Equal(Results.RiskBand.Low, all[i].RiskBand); }
            if (all[i].AlreadyChurned && all[i].Probability >= threshold) warnedGone++;
        }
        // The generated months have companies mid-decline whose score is high: the rule has work to do.
        Assert.True(warnedGone > 10, $"{warnedGone} of {gone}");
        Assert.Contains(sink.Warnings, w => w.StartsWith($"{warnedGone:N0} customer(s) of {months.October.Source} scored above the threshold are already over the churn line this month ({gone:N0} in all)", StringComparison.Ordinal));

        var list = ChurnJob.Predict(new ChurnPredictionRequest(months.October, Trained.Model) { Drivers = 0 }, NullSink.Instance).ToList();
        Assert.Equal(all.Count(p => p.IsChurn), list.Count);
        Assert.DoesNotContain(list, p => p.AlreadyChurned);

        // A same-month model's list is exactly those customers' kind: nothing is held back.
        var sameMonth = ChurnJob.Predict(new ChurnPredictionRequest(months.October, ChurnJob.LoadShippedModel()) { IncludeAll = true, Drivers = 0 }, NullSink.Instance);
        Assert.DoesNotContain(sameMonth, p => p.AlreadyChurned);
    }

    [Fact]
    public void It_is_evaluated_on_the_following_months_labels_only()
    {
        var e = Assert.Throws<BankInsightException>(() => ChurnJob.Evaluate(Trained.Model, months.October, NullSink.Instance));
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
        Assert.Contains("predicts next month's churn: give the month after", e.Message);

        var evaluation = ChurnJob.Evaluate(new ChurnEvaluationRequest(Trained.Model, months.October) { NextMonth = months.November }, NullSink.Instance);
        Assert.StartsWith("churn by 2026-11 (labels from", evaluation.Predicts);
        Assert.True(evaluation.RocAuc > 0.5);
        Assert.True(evaluation.LiftTop10 > 1);
        Assert.NotEmpty(evaluation.Calibration);
        Assert.Equal(evaluation.Rows, evaluation.Calibration.Sum(b => b.Count));

        var sameMonth = Assert.Throws<BankInsightException>(() => ChurnJob.Evaluate(new ChurnEvaluationRequest(ChurnJob.LoadShippedModel(), months.October) { NextMonth = months.November }, NullSink.Instance));
        Assert.Contains("is evaluated on one file's own labels", sameMonth.Message);
    }

    [Fact]
    public void History_needs_a_next_month_and_a_crafted_history_count_is_damage()
    {
        var e = Assert.Throws<BankInsightException>(() => ChurnJob.Train(new ChurnTrainingRequest(months.October) { History = [months.September] }, NullSink.Instance));
        Assert.Contains("give the next month's file too", e.Message);

        var withHistory = ChurnJob.Train(new ChurnTrainingRequest(months.October) { NextMonth = months.November, History = [months.September] }, NullSink.Instance).Model;
        Assert.Equal("1", withHistory.Settings["history_months"]);
        Assert.Contains($"{ChurnColumns.CurrentAssets}:change_1m", withHistory.Classifier.FeatureNames);
        var sink = new CollectingSink();
        ChurnJob.Predict(new ChurnPredictionRequest(months.November, withHistory) { Drivers = 0 }, sink).ToList();
        Assert.Contains(sink.Warnings, w => w.StartsWith("The model learnt trends from 1 earlier month(s); 0 given"));
        Assert.DoesNotContain(sink.Warnings, w => w.Contains("was not supplied")); // one warning, not one per feature
    }

    [Fact]
    public void A_backtest_row_is_the_model_trained_on_one_pair_checked_on_the_next()
    {
        var rows = ChurnBacktest.Run(new ChurnBacktestRequest([months.September, months.October, months.November]), NullSink.Instance).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(("2026-09", "2026-10", "churn by 2026-11"), (row.TrainedOn, row.TestedOn, row.Predicts[..16]));
        // The same numbers as training and evaluating by hand.
        var check = ChurnJob.Evaluate(new ChurnEvaluationRequest(Trained.Model, months.October) { NextMonth = months.November }, NullSink.Instance);
        Assert.Equal((check.Rows, check.RocAuc, check.PrAuc, check.LiftTop10), (row.Rows, row.RocAuc, row.PrAuc, row.LiftTop10));

        var e = Assert.Throws<BankInsightException>(() => ChurnBacktest.Run(new ChurnBacktestRequest([months.September, months.October]), NullSink.Instance).ToList());
        Assert.Contains("needs at least three consecutive monthly files, oldest first (got 2)", e.Message);
        var order = Assert.Throws<BankInsightException>(() => ChurnBacktest.Run(new ChurnBacktestRequest([months.October, months.September, months.November]), NullSink.Instance).ToList());
        Assert.Contains("were the files given in the wrong order?", order.Message);
    }
}
