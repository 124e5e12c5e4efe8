using BankInsight.Common;
using BankInsight.Explain;
using BankInsight.Jobs.Churn;
using BankInsight.Metrics;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Metrics;

/// <summary>Gains, ROC and mean |contribution|, checked on hand-made rankings and against the evaluation's own figures.</summary>
public class CurveTests
{
    // Ten customers ranked by score; positives at ranks 1, 2 and 5.
    private static readonly double[] Scores = [0.95, 0.90, 0.80, 0.70, 0.60, 0.50, 0.40, 0.30, 0.20, 0.10];
    private static readonly bool[] Labels = [true, true, false, false, true, false, false, false, false, false];

    [Fact]
    public void Gains_count_the_positives_caught_in_the_top_share_of_the_list()
    {
        var gains = Curves.Gains(Scores, Labels, steps: 10);
        Assert.Equal(11, gains.Count);
        Assert.Equal(new CurvePoint(0, 0), gains[0]);
        Assert.Equal(1.0 / 3, gains[1].Y, 12);   // top 10%: 1 of 3
        Assert.Equal(2.0 / 3, gains[2].Y, 12);   // top 20%: 2 of 3
        Assert.Equal(2.0 / 3, gains[4].Y, 12);
        Assert.Equal(1.0, gains[5].Y, 12);       // top 50%: all 3
        Assert.Equal(new CurvePoint(1, 1), gains[10]);
        Assert.Equal("0.100:0.333", gains[1].ToString());
        Assert.Empty(Curves.Gains(Scores, new bool[10]));
    }

    [Fact]
    public void Roc_walks_from_0_0_to_1_1_and_its_area_is_the_ROC_AUC()
    {
        var roc = Curves.Roc(Scores, Labels);
        Assert.Equal(new CurvePoint(0, 0), roc[0]);
        Assert.Equal(new CurvePoint(1, 1), roc[^1]);
        Assert.Equal(11, roc.Count);
        double area = 0;
        for (int i = 1; i < roc.Count; i++) area += (roc[i].X - roc[i - 1].X) * (roc[i].Y + roc[i - 1].Y) / 2;
        // 3 positives × 7 negatives = 21 pairs; the positive ranks above the negative in 19 (rank 5 is below 2 negatives).
        Assert.Equal(19.0 / 21, area, 12);
        // Ties move together: one point for a block of equal scores.
        Assert.Equal(3, Curves.Roc([0.5, 0.5, 0.5, 0.1], [true, false, true, false]).Count);
        Assert.Equal(101, Curves.Roc(Enumerable.Range(0, 5000).Select(i => i / 5000.0).ToArray(), Enumerable.Range(0, 5000).Select(i => i % 3 == 0).ToArray()).Count);
    }

    [Fact]
    public void An_evaluation_carries_its_curves_and_the_features_that_drive_it()
    {
        var data = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("CorporateChurn", 3000) { Seed = 5 }, NullSink.Instance);
        var evaluation = ChurnJob.Evaluate(ChurnJob.LoadShippedModel(), data, NullSink.Instance);
        Assert.Equal(21, evaluation.Gains.Count);
        // The gains at 10% over 10% is the lift in the top 10%, up to the rounding of the cut.
        Assert.InRange(evaluation.Gains[2].Y / 0.10, evaluation.LiftTop10 * 0.97, evaluation.LiftTop10 * 1.03);
        double area = 0;
        for (int i = 1; i < evaluation.Roc.Count; i++) area += (evaluation.Roc[i].X - evaluation.Roc[i - 1].X) * (evaluation.Roc[i].Y + evaluation.Roc[i - 1].Y) / 2;
        Assert.Equal(evaluation.RocAuc, area, 2);
        Assert.Equal(15, evaluation.TopFeatures.Count);
        var effects = evaluation.TopFeatures.Select(e => e.MeanAbsContribution).ToList();
        Assert.Equal(effects.OrderByDescending(e => e), effects);
        Assert.All(effects, e => Assert.True(e > 0));
        // The same-month model reads this month's balances: one of them leads.
        Assert.Contains(evaluation.TopFeatures.Take(3), e => e.Feature.Contains("余额") || e.Feature.Contains("月日均"));
        Assert.Matches(@"^\S+ \d+\.\d{3}$", evaluation.TopFeatures[0].ToString());
    }

    [Fact]
    public void Mean_contributions_are_the_average_of_the_absolute_per_row_contributions()
    {
        var data = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("CorporateChurn", 500) { Seed = 6 }, NullSink.Instance);
        var model = ChurnJob.LoadShippedModel();
        var features = model.Features(data, NullSink.Instance, null, null);
        var top = FeatureEffects.Top(model.Classifier, features, top: 3);
        var all = model.Classifier.Explain(features, Enumerable.Range(0, features.RowCount).ToArray());
        int j = all.FeatureNames.ToList().IndexOf(top[0].Feature);
        double mean = Enumerable.Range(0, features.RowCount).Average(r => Math.Abs(all[r, j]));
        Assert.Equal(mean, top[0].MeanAbsContribution, 10);
        Assert.Equal(3, top.Count);
    }
}
