using BankInsight.Jobs.Prospects;
using BankInsight.Reporting.Charts;
using BankInsight.Results;
using static BankInsight.Reporting.ReportText;

namespace BankInsight.Reporting.Sections;

/// <summary>Prospects: how the list narrows step by step, how the scores spread, and whom expansion found, by relation family.</summary>
internal static class ProspectSection
{
    /// <param name="prospects">Find-Prospect's rows: scored companies and related parties.</param>
    /// <param name="steps">Counts the runner knows and the objects cannot tell: companies scored, predicted prospects, in the region.</param>
    public static ReportSection? Build(IReadOnlyList<ProspectResult> prospects, ProspectSteps? steps = null)
    {
        if (prospects.Count == 0 && steps is null) return null;
        var scored = prospects.Where(p => p.Source == "Scored").ToList();
        var related = prospects.Where(p => p.Source != "Scored").ToList();
        var notes = new List<string>();
        var charts = new List<Chart>();
        var bars = new List<Bar>();
        if (steps is { } s)
        {
            bars.Add(new Bar("已评分企业 Companies scored", s.Scored));
            bars.Add(new Bar("预测潜客 Predicted prospects", s.Prospects));
            bars.Add(new Bar(Of($"地区内潜客 In region {s.Region}"), s.InRegion));
        }
        else
        {
            bars.Add(new Bar("名单企业 Companies listed", scored.Count));
            bars.Add(new Bar("其中潜客 Of them prospects", scored.Count(p => p.IsProspect)));
            notes.Add("Find-Prospect emits the companies in the region only: the counts before the region filter are in the runner's report.");
        }
        bars.Add(new Bar("关联企业 Related companies", related.Count(p => p.PartyKind == PartyKind.Company)));
        bars.Add(new Bar("关联个人 Related persons", related.Count(p => p.PartyKind == PartyKind.Person)));
        charts.Add(BarChart.Draw("prospect-steps", "潜客筛选 Prospects step by step", "数量 Count", bars, valueFormat: "#,0"));
        if (scored.Count > 0)
            charts.Add(Histogram.Draw("prospect-score-histogram", "潜客评分分布 Prospect score distribution", "潜客概率 Probability", "企业数 Companies",
                scored.Select(p => p.Score).ToList(), bins: 20, min: 0, max: 1));
        if (related.Count > 0)
        {
            var families = Enum.GetValues<RelationFamily>()
                .Select(f => new Bar(FamilyLabel(f), related.Count(p => p.RelationFamily == f)))
                .Where(b => b.Value > 0).ToList();
            charts.Add(BarChart.Draw("prospect-expansion-families", "关联方按关系类别 Related parties by relation family", "数量 Count", families, valueFormat: "#,0"));
            notes.Add(Of($"Expansion found {Count(related.Count)} related parties not yet customers: {Count(related.Count(p => p.PartyKind == PartyKind.Company))} companies, {Count(related.Count(p => p.PartyKind == PartyKind.Person))} persons."));
        }
        return new ReportSection("prospects", "上下游潜客 Upstream/downstream prospects", notes, charts, []);
    }

    private static string FamilyLabel(RelationFamily family) => family switch
    {
        RelationFamily.Counterparty => "交易对手 Counterparty",
        RelationFamily.Equity => "股权关系 Equity",
        RelationFamily.Investment => "投资关系 Investment",
        RelationFamily.KeyPerson => "董监高 Key person",
        _ => "其他 Other",
    };
}

/// <summary>The prospect list's narrowing: companies scored, predicted prospects, those in the region.</summary>
public sealed record ProspectSteps(int Scored, int Prospects, int InRegion, string Region);
