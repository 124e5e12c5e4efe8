using BankInsight.Reporting.Charts;
using BankInsight.Results;
using static BankInsight.Reporting.ReportText;

namespace BankInsight.Reporting.Sections;

/// <summary>
/// Churn early warning: how the scores spread and where the threshold cuts them, how much of the
/// churn the top of the list catches (gains, lift, ROC — when labels are known), which features
/// drive the model, and the 50 warnings with the most money at stake.
/// </summary>
internal static class ChurnSection
{
    public const int TopWarnings = 50;

    public static ReportSection? Build(IReadOnlyList<ChurnPrediction> predictions, IReadOnlyList<ClassifierEvaluation> evaluations)
    {
        var churnEvaluations = evaluations.Where(e => e.Job == "churn").ToList();
        if (predictions.Count == 0 && churnEvaluations.Count == 0) return null;
        var notes = new List<string>();
        var charts = new List<Chart>();
        var tables = new List<ReportTable>();
        if (predictions.Count > 0)
        {
            int warned = predictions.Count(p => p.IsChurn);
            bool everyone = predictions.Any(p => !p.IsChurn);
            string predicts = predictions[0].Predicts ?? "churn";
            notes.Add(Of($"{Count(predictions.Count)} customers scored ({predicts}); {Count(warned)} warned at the threshold {Number(predictions[0].Threshold)}."));
            if (!everyone) notes.Add("Only the warned customers were given (Invoke-ChurnPrediction without -IncludeAll): the distribution shows them alone.");
            charts.Add(Histogram.Draw("churn-score-histogram", "流失概率分布 Churn score distribution", "流失概率 Probability", "客户数 Customers",
                predictions.Select(p => p.Probability).ToList(), bins: 20, min: 0, max: 1,
                markers: [new Marker(predictions[0].Threshold, Of($"阈值 threshold {Number(predictions[0].Threshold)}"))]));
            tables.Add(WarningTable(predictions));
        }
        if (churnEvaluations.Count > 0)
        {
            var e = churnEvaluations[^1];
            notes.Add(Of($"Checked on {Count(e.Rows)} labelled customers of {Path.GetFileName(e.Data)} ({e.Model}): ROC-AUC {Number(e.RocAuc, "0.000")}, lift in the top 10% {Number(e.LiftTop10, "0.00")}."));
            if (e.Gains.Count > 0)
            {
                charts.Add(LineChart.Draw("churn-gains", "累计捕获率 Cumulative gains", "名单覆盖客户占比 Share of customers called", "捕获流失客户占比 Share of churners caught",
                    [new Series("模型 Model", e.Gains.Select(g => g.X).ToList(), e.Gains.Select(g => g.Y).ToList())], diagonal: true));
                var lift = e.Gains.Where(g => g.X > 0).ToList();
                charts.Add(LineChart.Draw("churn-lift", "提升度 Lift", "名单覆盖客户占比 Share of customers called", "提升度 Lift",
                    [new Series("模型 Model", lift.Select(g => g.X).ToList(), lift.Select(g => g.Y / g.X).ToList())]));
            }
            if (e.Roc.Count > 0)
                charts.Add(LineChart.Draw("churn-roc", Of($"ROC 曲线 ROC curve (AUC {Number(e.RocAuc, "0.000")})"), "假阳性率 False positive rate", "真阳性率 True positive rate",
                    [new Series("模型 Model", e.Roc.Select(g => g.X).ToList(), e.Roc.Select(g => g.Y).ToList())], diagonal: true));
            if (e.TopFeatures.Count > 0)
                charts.Add(BarChart.Draw("churn-top-features", "主要驱动因素 Top features (mean |SHAP|)", "平均绝对贡献 Mean |contribution| (log-odds)",
                    e.TopFeatures.Select(f => new Bar(f.Feature, f.MeanAbsContribution)).ToList()));
        }
        else
        {
            notes.Add("No labels were given (New-ChurnModel's result or Test-ChurnModel's evaluation), so gains, lift, ROC and the top features are left out.");
        }
        return new ReportSection("churn", "流失预警 Churn early warning", notes, charts, tables);
    }

    private static ReportTable WarningTable(IReadOnlyList<ChurnPrediction> predictions)
    {
        var top = predictions.Where(p => p.IsChurn)
            .OrderByDescending(p => p.AssetsAtRisk ?? double.NegativeInfinity).ThenBy(p => p.Line).ThenBy(p => p.CustomerId, StringComparer.Ordinal)
            .Take(TopWarnings).ToList();
        // The driver column only when the predictions were explained (-Drivers above 0).
        bool drivers = top.Any(p => p.Driver1 is not null);
        var rows = top.Select((p, i) => (IReadOnlyList<string>)[
            Count(i + 1), p.CustomerId, p.CustomerName ?? "", Number(p.Probability), Money(p.Assets), Money(p.AssetsAtRisk), .. drivers ? [p.Driver1 ?? ""] : Array.Empty<string>()]).ToList();
        string title = Of($"风险资产最高的 {top.Count} 条预警 The {top.Count} warnings with the most assets at risk");
        return drivers
            ? new ReportTable(title, ["#", "客户编号 CustomerId", "客户名称 Name", "概率 Probability", "金融资产 Assets", "风险资产 AssetsAtRisk", "首要因素 Driver"], rows, [true, false, false, true, true, true, false])
            : new ReportTable(title, ["#", "客户编号 CustomerId", "客户名称 Name", "概率 Probability", "金融资产 Assets", "风险资产 AssetsAtRisk"], rows, [true, false, false, true, true, true]);
    }
}
