using BankInsight.Reporting.Charts;
using BankInsight.Results;
using static BankInsight.Reporting.ReportText;

namespace BankInsight.Reporting.Sections;

/// <summary>Monitoring: PSI per feature and for the score against the training month, with the banking convention's lines at 0.1 and 0.25.</summary>
internal static class DriftSection
{
    public const int MaxBars = 25;

    public static ReportSection? Build(IReadOnlyList<ModelDriftReport> reports, IReadOnlyList<FeatureDrift> rows)
    {
        if (reports.Count == 0 && rows.Count == 0) return null;
        var notes = new List<string>();
        var features = reports.Count > 0 ? reports[^1].Features.ToList() : rows.ToList();
        var bars = new List<Bar>();
        if (reports.Count > 0)
        {
            var r = reports[^1];
            notes.Add(Of($"{Path.GetFileName(r.Data)} against the training month of {r.Model}: score PSI {Number(r.ScorePsi, "0.000")} ({r.ScoreShift}); {r.MajorShifts} major and {r.ModerateShifts} moderate shifts among {features.Count} features."));
            if (r.RealisedPrecision is { } precision && r.RealisedRecall is { } recall)
                notes.Add(Of($"Last month's {Count(r.Warned ?? 0)} warnings: realised precision {Percent(precision)}, recall {Percent(recall)} (at training {Percent(r.TrainingPrecision ?? double.NaN)}, {Percent(r.TrainingRecall ?? double.NaN)})."));
            bars.Add(new Bar("模型分数 Score", r.ScorePsi));
        }
        var shown = features.OrderByDescending(f => f.Psi).ThenBy(f => f.Feature, StringComparer.Ordinal).Take(MaxBars).ToList();
        if (features.Count > shown.Count) notes.Add(Of($"The {shown.Count} features with the highest PSI are drawn; the other {features.Count - shown.Count} have lower PSI (Test-ChurnModelDrift -PerFeature lists every one)."));
        bars.AddRange(shown.Select(f => new Bar(f.Feature, f.Psi)));
        var chart = BarChart.Draw("drift-psi", "群体稳定性指数 Population stability (PSI)", "PSI", bars,
            referenceLines: [new Marker(0.1, "0.1 中等 moderate"), new Marker(0.25, "0.25 显著 major")]);
        var shifted = features.Where(f => f.Shift != DriftShift.None).OrderByDescending(f => f.Psi).ToList();
        var tables = new List<ReportTable>();
        if (shifted.Count > 0)
            tables.Add(new ReportTable("发生偏移的特征 Shifted features", ["特征 Feature", "PSI", "偏移 Shift", "训练缺失 Missing then", "本月缺失 Missing now"],
                shifted.Select(f => (IReadOnlyList<string>)[f.Feature, Number(f.Psi, "0.000"), f.Shift.ToString(), Percent(f.TrainingMissingShare), Percent(f.MissingShare)]).ToList(),
                [false, true, false, true, true]));
        return new ReportSection("monitoring", "模型监控 Monitoring", notes, [chart], tables);
    }
}
