using BankInsight.Common;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Churn;
using BankInsight.Metrics;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;
using Xunit.Abstractions;

namespace BankInsight.Tests.Jobs.Churn;

/// <summary>
/// How close a next-month model gets to the generator's own oracle — the true probability of
/// churning by next month, which knows the company's hidden churn-prone character and its latent
/// drift, neither of which any file shows. Trained on (t, t+1) with t−1 for trends, checked on
/// (t+1, t+2) over exactly the customers the evaluation labels.
/// </summary>
public class NextMonthQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void A_next_month_model_comes_within_reach_of_the_oracle()
    {
        var asOf = new DateOnly(2026, 10, 31);
        var months = ChurnMonthFiles.Load(8000, 4, 42, asOf); // 2026-07 … 2026-10
        var trained = ChurnJob.Train(new ChurnTrainingRequest(months[1]) { NextMonth = months[2], History = [months[0]] }, NullSink.Instance);
        var check = ChurnJob.Evaluate(new ChurnEvaluationRequest(trained.Model, months[2]) { NextMonth = months[3], History = [months[1]] }, NullSink.Instance);

        var oracle = SyntheticMonths.Oracle(new SyntheticDataRequest(BuiltInSchemas.CorporateChurn, 8000) { Seed = 42, AsOf = asOf, Months = 4 })[2];
        var byId = oracle.CustomerIds.Select((id, i) => (id, p: oracle.Probabilities[i])).ToDictionary(x => x.id, x => x.p);
        var labels = NextMonthLabels.Make(months[2], months[3], 0.5, true, NullSink.Instance).Labels;
        var ids = months[2].Ids!;
        var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] is not null).ToArray();
        double oracleAuc = RankingMetrics.RocAuc(rows.Select(i => byId[ids[i]!]).ToArray(), rows.Select(i => labels[i]!.Value).ToArray());

        output.WriteLine($"oracle ROC-AUC {oracleAuc:F4}, model {check.RocAuc:F4} (PR-AUC {check.PrAuc:F4}, lift@10% {check.LiftTop10:F2}) on {check.Rows:N0} customers, {check.Positives:N0} churned");
        Assert.Equal(rows.Length, check.Rows);
        Assert.InRange(oracleAuc, 0.78, 0.86);
        Assert.True(check.RocAuc >= 0.68, $"model ROC-AUC {check.RocAuc:F4}");
        Assert.True(oracleAuc - check.RocAuc <= 0.12, $"oracle {oracleAuc:F4} against {check.RocAuc:F4}");
        Assert.True(check.LiftTop10 >= 2.2, $"lift {check.LiftTop10:F2}");
    }
}
