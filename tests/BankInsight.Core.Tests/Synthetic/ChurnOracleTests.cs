using BankInsight.Metrics;
using BankInsight.Synthetic;
using Xunit.Abstractions;
using static BankInsight.Tests.Synthetic.MonthSequence;

namespace BankInsight.Tests.Synthetic;

/// <summary>
/// The oracle of the monthly story against the labels SPEC's rule makes from the next month's
/// file: calibrated, and as good a ranking as the measured figures below (seed 42, 20,000
/// customers, August → September and September → October 2026).
/// </summary>
public class ChurnOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_oracle_is_calibrated_and_ranks_next_month_churn()
    {
        var s = Make(20_000, 3);
        var probabilities = new List<double>();
        var labels = new List<bool>();
        var notYetChurned = new List<bool>();
        for (int t = 0; t < 2; t++)
        {
            var next = s.NextMonthLabels(t);
            double[] assets = Column(s.Months[t], Assets), last3 = Column(s.Months[t], ThreeMonths);
            for (int i = 0; i < next.Length; i++)
            {
                if (next[i] is not { } label) continue; // no three-month average next month: no label
                probabilities.Add(s.Oracle[t].Probabilities[i]);
                labels.Add(label);
                notYetChurned.Add(!(assets[i] / last3[i] < 0.5)); // this month's own label, where there is one
            }
        }
        double[] p = [.. probabilities];
        bool[] y = [.. labels];
        double auc = RankingMetrics.RocAuc(p, y);
        int[] atRisk = Enumerable.Range(0, p.Length).Where(i => notYetChurned[i]).ToArray();
        double aucAtRisk = RankingMetrics.RocAuc(atRisk.Select(i => p[i]).ToArray(), atRisk.Select(i => y[i]).ToArray());
        output.WriteLine($"{p.Length:N0} customer-months labelled; next-month churn {y.Count(b => b) / (double)y.Length:P2} of all, " +
            $"{atRisk.Count(i => y[i]) / (double)atRisk.Length:P2} of those not over the line this month ({p.Length - atRisk.Length:N0} are, and are all gone next month)");
        output.WriteLine($"oracle ROC-AUC t→t+1: {auc:F4} on all customers, {aucAtRisk:F4} on those not yet churned");

        // Calibration by decile of oracle probability: the churn rate the files show against the mean probability.
        int[] order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        double previousRate = -1, previousError = 0;
        for (int d = 0; d < 10; d++)
        {
            var part = order[(d * order.Length / 10)..((d + 1) * order.Length / 10)];
            double meanP = part.Average(i => p[i]);
            double rate = part.Count(i => y[i]) / (double)part.Length;
            double standardError = Math.Sqrt(Math.Max(meanP * (1 - meanP), 1e-4) / part.Length);
            output.WriteLine($"decile {d + 1,2}: mean oracle {meanP:F4}, churned {rate:F4} (± {standardError:F4})");
            Assert.True(Math.Abs(rate - meanP) <= 3 * standardError + 0.002, $"decile {d + 1}: churned {rate:F4} against oracle {meanP:F4}");
            // Monotone, up to what a sample of this size can show: a dip of more than two standard errors fails.
            Assert.True(rate >= previousRate - 2 * Math.Sqrt(standardError * standardError + previousError * previousError), $"decile {d + 1}: {rate:F4} after {previousRate:F4}");
            previousRate = rate;
            previousError = standardError;
        }
        Assert.True(auc >= 0.87, $"oracle ROC-AUC {auc:F4}");
        Assert.True(aucAtRisk >= 0.79, $"oracle ROC-AUC among the not yet churned {aucAtRisk:F4}");
    }

    [Fact]
    public void The_core_oracle_equals_the_one_the_files_are_made_with()
    {
        var request = new SyntheticDataRequest("CorporateChurn", 1500) { Months = 3 };
        var oracle = SyntheticMonths.Oracle(request);
        var s = Make(1500, 3);
        Assert.Equal(3, oracle.Count);
        Assert.Equal(SyntheticMonths.MonthEnds(request.AsOf, 3), oracle.Select(o => o.Month));
        for (int m = 0; m < 3; m++)
        {
            Assert.Equal(s.Oracle[m].CustomerIds, oracle[m].CustomerIds);
            Assert.Equal(s.Oracle[m].Probabilities, oracle[m].Probabilities);
            Assert.All(oracle[m].Probabilities, v => Assert.InRange(v, 0, 1));
        }
    }
}
