using BankInsight.Reporting.Charts;
using BankInsight.Results;
using static BankInsight.Reporting.ReportText;

namespace BankInsight.Reporting.Sections;

/// <summary>
/// Retail: segment sizes, how each segment differs on the segmentation columns (z-scores), product
/// holding per segment, the rules with the highest lift (a table and a product × product matrix),
/// and the offers made, by product.
/// </summary>
internal static class RetailSection
{
    public const int TopRules = 20;

    public static ReportSection? Build(IReadOnlyList<ClusterProfile> segments, IReadOnlyList<CrossSellRule> rules, IReadOnlyList<CrossSellRecommendation> offers)
    {
        if (segments.Count == 0 && rules.Count == 0 && offers.Count == 0) return null;
        var notes = new List<string>();
        var charts = new List<Chart>();
        var tables = new List<ReportTable>();
        if (segments.Count > 0)
        {
            var ordered = segments.OrderBy(s => s.Cluster).ToList();
            notes.Add(Of($"{ordered.Count} segments over {Count(ordered.Sum(s => s.Customers))} customers."));
            charts.Add(BarChart.Draw("retail-segment-sizes", "客群规模 Segment sizes", "客户数 Customers",
                ordered.Select(s => new Bar(Of($"客群 Segment {s.Cluster}"), s.Customers)).ToList(), valueFormat: "#,0"));
            var columns = ordered[0].Features.Select(f => f.Name).ToList();
            var z = new double[ordered.Count, columns.Count];
            for (int r = 0; r < ordered.Count; r++)
                for (int c = 0; c < columns.Count; c++)
                    z[r, c] = ordered[r].Features.FirstOrDefault(f => f.Name == columns[c])?.Contrast ?? double.NaN;
            charts.Add(HeatMap.Draw("retail-segment-profile", "客群画像 Segment profile (z-scores against all customers)",
                ordered.Select(s => Of($"客群 {s.Cluster}")).ToList(), columns, z, valueFormat: "0.0", diverging: true, center: 0, width: 1400));
            var products = ordered[0].Products.Select(p => p.Name).ToList();
            charts.Add(GroupedBarChart.Draw("retail-holding-rates", "各客群产品持有率 Product holding by segment", "持有率 Share holding", products,
                ordered.Select(s => new ColumnSeries(Of($"客群 {s.Cluster}"), products.Select(p => s.Products.FirstOrDefault(m => m.Name == p)?.Value ?? double.NaN).ToList())).ToList()));
        }
        if (rules.Count > 0)
        {
            var top = rules.OrderByDescending(r => r.Lift).ThenByDescending(r => r.Confidence).ThenBy(r => r.Cluster ?? 0).Take(TopRules).ToList();
            tables.Add(new ReportTable(Of($"提升度最高的 {top.Count} 条规则 The {top.Count} rules with the highest lift"),
                ["客群 Segment", "规则 Rule", "支持度 Support", "置信度 Confidence", "提升度 Lift"],
                top.Select(r => (IReadOnlyList<string>)[r.Cluster is { } c ? Count(c) : "全部 all", r.Text(), Number(r.Support), Number(r.Confidence), Number(r.Lift, "0.00")]).ToList(),
                [true, false, true, true, true]));
            charts.Add(LiftMatrix(rules, notes));
        }
        if (offers.Count > 0)
        {
            var byProduct = offers.SelectMany(o => o.RecommendedProducts.Split(';', StringSplitOptions.RemoveEmptyEntries))
                .GroupBy(p => p).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Bar(g.Key, g.Count())).ToList();
            notes.Add(Of($"{Count(offers.Count)} offers of {Count(byProduct.Sum(b => (long)b.Value))} products to {Count(offers.Select(o => o.CustomerId).Distinct().Count())} customers."));
            charts.Add(BarChart.Draw("retail-offers-by-product", "推荐产品分布 Offers by product", "推荐数 Offers", byProduct, valueFormat: "#,0"));
        }
        return new ReportSection("retail", "零售客群与交叉销售 Retail segments and cross-selling", notes, charts, tables);
    }

    // Product × product: the lift of "holding A → holding B" from one-product rules; over all
    // customers when such rules were mined, else the highest lift any segment shows.
    private static Chart LiftMatrix(IReadOnlyList<CrossSellRule> rules, List<string> notes)
    {
        var single = rules.Where(r => r.Antecedents.Count == 1 && r.Consequents.Count == 1).ToList();
        bool overall = single.Any(r => r.Cluster is null);
        if (overall) single = single.Where(r => r.Cluster is null).ToList();
        else notes.Add("The lift matrix shows, per pair, the highest lift among the segments (the rules were mined per segment).");
        var products = single.SelectMany(r => new[] { (Code: r.AntecedentCodes, Name: r.Antecedents[0]), (Code: r.ConsequentCodes, Name: r.Consequents[0]) })
            .Distinct().OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => p.Name).ToList();
        var lift = new double[products.Count, products.Count];
        for (int a = 0; a < products.Count; a++)
            for (int b = 0; b < products.Count; b++)
                lift[a, b] = double.NaN;
        foreach (var r in single)
        {
            int a = products.IndexOf(r.Antecedents[0]), b = products.IndexOf(r.Consequents[0]);
            lift[a, b] = double.IsNaN(lift[a, b]) ? r.Lift : Math.Max(lift[a, b], r.Lift);
        }
        return HeatMap.Draw("retail-lift-matrix", "产品关联提升度 Product × product lift (holding row → holding column)", products, products, lift, valueFormat: "0.00", diverging: true, center: 1);
    }
}
