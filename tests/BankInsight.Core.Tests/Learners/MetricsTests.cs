using BankInsight.Metrics;

namespace BankInsight.Tests.Learners;

public class MetricsTests
{
    [Fact]
    public void Roc_auc_counts_ordered_pairs()
    {
        // Pairs (pos, neg): 0.35>0.1 ✓, 0.35<0.4 ✗, 0.8>0.1 ✓, 0.8>0.4 ✓ → 3/4.
        Assert.Equal(0.75, RankingMetrics.RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]));
    }

    [Fact]
    public void Roc_auc_counts_ties_as_half()
    {
        // Positive at 0.5 ties both negatives (½ + ½); positive at 0.9 beats both (1 + 1) → 3/4.
        Assert.Equal(0.75, RankingMetrics.RocAuc([0.5, 0.5, 0.5, 0.9], [false, true, false, true]));
        // All scores equal: chance.
        Assert.Equal(0.5, RankingMetrics.RocAuc([0.3, 0.3, 0.3, 0.3], [true, false, true, false]));
    }

    [Fact]
    public void Roc_auc_is_undefined_for_one_class()
    {
        Assert.True(double.IsNaN(RankingMetrics.RocAuc([0.1, 0.2], [true, true])));
    }

    [Fact]
    public void Average_precision_is_the_step_area()
    {
        // Recall ½ at precision 1, recall 1 at precision ⅔ → ½·1 + ½·⅔.
        Assert.Equal(0.5 + 0.5 * 2 / 3.0, RankingMetrics.AveragePrecision([0.9, 0.8, 0.7, 0.6], [true, false, true, false]), 12);
        // Tied top scores form one threshold: recall ½ at precision ½, then recall 1 at ⅔.
        Assert.Equal(0.5 * 0.5 + 0.5 * 2 / 3.0, RankingMetrics.AveragePrecision([0.9, 0.9, 0.1], [true, false, true]), 12);
    }

    [Fact]
    public void Log_loss_matches_its_definition()
    {
        double expected = -(Math.Log(0.8) + Math.Log(1 - 0.3)) / 2;
        Assert.Equal(expected, RankingMetrics.LogLoss([0.8, 0.3], [true, false]), 12);
        Assert.True(double.IsFinite(RankingMetrics.LogLoss([0.0, 1.0], [true, false]))); // clipped
    }

    [Fact]
    public void Confusion_matrix_and_rates_at_a_threshold()
    {
        var e = BinaryEvaluation.Evaluate([0.9, 0.6, 0.4, 0.2, 0.7], [true, false, true, false, true], 0.5);
        Assert.Equal((2, 1, 1, 1), (e.TruePositives, e.FalsePositives, e.TrueNegatives, e.FalseNegatives));
        Assert.Equal(3.0 / 5, e.Accuracy, 12);
        Assert.Equal(2.0 / 3, e.Precision, 12);
        Assert.Equal(2.0 / 3, e.Recall, 12);
        Assert.Equal(2.0 / 3, e.F1, 12);
        Assert.Equal(3, e.Positives);
        Assert.Equal(0.6, e.PositiveRate, 12);
    }

    [Fact]
    public void Max_f1_threshold_is_found()
    {
        // Sorted: 0.9 T, 0.8 T, 0.7 F, 0.3 T, 0.1 F. F1 = 2TP/(called + 3): top 1 → 0.5, top 2 → 0.8,
        // top 3 → 0.667, top 4 → 6/7 ≈ 0.857 (best), all → 0.75. So the threshold is 0.3.
        Assert.Equal(0.3, Thresholds.MaxF1([0.9, 0.8, 0.3, 0.7, 0.1], [true, true, true, false, false]));
    }

    [Fact]
    public void Top_fraction_threshold_flags_that_share()
    {
        var p = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        double t = Thresholds.TopFraction(p, 0.05);
        Assert.Equal(0.95, t);
        Assert.Equal(5, p.Count(x => x >= t));
    }

    [Fact]
    public void Calibration_table_bands_predictions()
    {
        var table = Calibration.Table([0.05, 0.15, 0.12, 0.95], [false, true, false, true], bands: 10);
        Assert.Equal(3, table.Count);
        Assert.Equal((0.1, 0.2, 2), (table[1].Lower, table[1].Upper, table[1].Count));
        Assert.Equal(0.135, table[1].MeanPredicted, 12);
        Assert.Equal(0.5, table[1].ObservedRate);
    }

    [Fact]
    public void Stratified_folds_keep_the_positive_share_and_depend_only_on_the_seed()
    {
        var labels = Enumerable.Range(0, 1003).Select(i => i % 7 == 0).ToArray();
        var folds = StratifiedFolds.Assign(labels, 5, 42);
        Assert.Equal(folds, StratifiedFolds.Assign(labels, 5, 42));
        Assert.NotEqual(folds, StratifiedFolds.Assign(labels, 5, 43));
        int positives = labels.Count(l => l);
        for (int k = 0; k < 5; k++)
        {
            int p = Enumerable.Range(0, labels.Length).Count(i => folds[i] == k && labels[i]);
            int all = folds.Count(f => f == k);
            Assert.InRange(p, positives / 5, positives / 5 + 1);
            Assert.InRange(all, labels.Length / 5 - 1, labels.Length / 5 + 2);
        }
    }
}
