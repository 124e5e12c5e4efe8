using BankInsight.Reporting.Charts;
using BankInsight.Results;
using static BankInsight.Reporting.ReportText;

namespace BankInsight.Reporting.Sections;

/// <summary>Product opportunities: how many customers each list holds (01 deposit, 02 insurance by default) and how their scores spread.</summary>
internal static class OpportunitySection
{
    public static ReportSection? Build(IReadOnlyList<ProductOpportunity> opportunities)
    {
        if (opportunities.Count == 0) return null;
        var byProduct = opportunities.GroupBy(o => (o.ProductCode, o.Product)).OrderBy(g => g.Key.ProductCode, StringComparer.Ordinal).ToList();
        var charts = new List<Chart>
        {
            BarChart.Draw("opportunity-counts", "商机数量 Opportunities by product", "客户数 Customers",
                byProduct.Select(g => new Bar(Of($"{g.Key.ProductCode} {g.Key.Product}"), g.Count())).ToList(), valueFormat: "#,0"),
        };
        foreach (var g in byProduct)
        {
            var scores = g.Select(o => o.Score).ToList();
            bool probabilities = scores.All(s => s is >= 0 and <= 1);
            charts.Add(Histogram.Draw(Of($"opportunity-{g.Key.ProductCode}-scores"), Of($"{g.Key.ProductCode} {g.Key.Product} 评分分布 Score distribution"),
                "评分 Score", "客户数 Customers", scores, bins: 20, min: probabilities ? 0 : null, max: probabilities ? 1 : null));
        }
        var notes = byProduct.Select(g => Of($"{g.Key.ProductCode} {g.Key.Product}: {Count(g.Count())} customers ({g.First().Method}).")).ToList();
        return new ReportSection("opportunities", "商机挖掘 Product opportunities", notes, charts, []);
    }
}
