using BankInsight.Reporting.Charts;
using BankInsight.Results;
using static BankInsight.Reporting.ReportText;

namespace BankInsight.Reporting.Sections;

/// <summary>Monitoring: PSI per feature and for the score against the training month, with the banking convention's lines at 0.1 and 0.25.</summary>
internal static class DriftSection
{
    public const int MaxBars = 25;

    /// <summary>One chart and table per drift check given (a month's scripts often check two models: the same-month one that writes the list, and next month's), or one from the -PerFeature rows.</summary>
    public static ReportSection? Build(IReadOnlyList<ModelDriftReport> reports, IReadOnlyList<FeatureDrift> rows)
    {
        if (reports.Count == 0 && rows.Count == 0) return null;
        var notes = new List<string>();
        var charts = new List<Chart>();
        var tables = new List<ReportTable>();
        if (reports.Count == 0) Add(null, rows.ToList(), "", notes, charts, tables);
        for (int i = 0; i < reports.Count; i++)
            Add(reports[i], reports[i].Features.ToList(), i == 0 ? "" : Of($"-{i + 1}"), notes, charts, tables);
        return new ReportSection("monitoring", "模型监控 Monitoring", notes, charts, tables);
    }

    private static void Add(ModelDriftReport? r, List<FeatureDrift> features, string suffix, List<string> notes, List<Chart> charts, List<ReportTable> tables)
    {
        var bars = new List<Bar>();
        string model = r is null ? "" : Path.GetFileName(r.Model);
        if (r is not null)
        {
            notes.Add(Of($"{Path.GetFileName(r.Data)} against the training month of {model}: score PSI {Number(r.ScorePsi, "0.000")} ({(r.ScoreShift == DriftShift.None ? "stable" : r.ScoreShift.ToString())}); {r.MajorShifts} major and {r.ModerateShifts} moderate shifts among {features.Count} features."));
            if (r.RealisedPrecision is { } precision && r.RealisedRecall is { } recall)
                notes.Add(Of($"Last month's {Count(r.Warned ?? 0)} warnings: realised precision {Percent(precision)}, recall {Percent(recall)} (at training {Percent(r.TrainingPrecision ?? double.NaN)}, {Percent(r.TrainingRecall ?? double.NaN)})."));
            bars.Add(new Bar("模型分数 Score", r.ScorePsi));
        }
        var shown = features.OrderByDescending(f => f.Psi).ThenBy(f => f.Feature, StringComparer.Ordinal).Take(MaxBars).ToList();
        if (features.Count > shown.Count) notes.Add(Of($"The {shown.Count} features with the highest PSI are drawn{(model.Length > 0 ? $" for {model}" : "")}; the other {features.Count - shown.Count} have lower PSI (Test-ChurnModelDrift -PerFeature lists every one)."));
        bars.AddRange(shown.Select(f => new Bar(f.Feature, f.Psi)));
        charts.Add(BarChart.Draw("drift-psi" + suffix, "群体稳定性指数 Population stability (PSI)" + (model.Length > 0 ? " · " + model : ""), "PSI", bars,
            referenceLines: [new Marker(0.1, "0.1 中等 moderate"), new Marker(0.25, "0.25 显著 major")]));
        var shifted = features.Where(f => f.Shift != DriftShift.None).OrderByDescending(f => f.Psi).ToList();
        if (shifted.Count > 0)
            tables.Add(new ReportTable("发生偏移的特征 Shifted features" + (model.Length > 0 ? " · " + model : ""), ["特征 Feature", "PSI", "偏移 Shift", "训练缺失 Missing then", "本月缺失 Missing now"],
                shifted.Select(f => (IReadOnlyList<string>)[f.Feature, Number(f.Psi, "0.000"), f.Shift.ToString(), Percent(f.TrainingMissingShare), Percent(f.MissingShare)]).ToList(),
                [false, true, false, true, true]));
    }
}
