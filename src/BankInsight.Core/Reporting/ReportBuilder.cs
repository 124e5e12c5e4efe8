using BankInsight.Reporting.Sections;

namespace BankInsight.Reporting;

/// <summary>Turns a month's results into the report: a section for each job that has results, in a fixed order.</summary>
public static class ReportBuilder
{
    /// <summary>The report of <paramref name="contents"/>; <paramref name="prospectSteps"/> when the caller knows the counts before the region filter.</summary>
    public static MonthReport Build(ReportContents contents, string title, ProspectSteps? prospectSteps = null)
    {
        var sections = new[]
        {
            ChurnSection.Build(contents.ChurnPredictions, contents.Evaluations),
            DriftSection.Build(contents.Drift, contents.DriftFeatures),
            ProspectSection.Build(contents.Prospects, prospectSteps),
            RetailSection.Build(contents.Segments, contents.Rules, contents.Offers),
            OpportunitySection.Build(contents.Opportunities),
        };
        return new MonthReport(title, sections.OfType<ReportSection>().ToList());
    }
}
