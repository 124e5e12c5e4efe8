using BankInsight.Reporting.Charts;

namespace BankInsight.Reporting;

/// <summary>A table of the report: headers and rows of text already formatted (culture-invariant).</summary>
/// <param name="Title">What the table shows.</param>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Cells, one list per row.</param>
/// <param name="Numeric">Which columns are numbers (right-aligned).</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> Numeric);

/// <summary>One job's part of the report.</summary>
/// <param name="Id">The anchor and CSS id: churn, monitoring, prospects, retail, opportunities.</param>
/// <param name="Title">The section heading, Chinese and English.</param>
/// <param name="Notes">Sentences that say what the figures are of (how many rows, which month, what is missing).</param>
/// <param name="Charts">The pictures, in reading order.</param>
/// <param name="Tables">The tables, after the pictures.</param>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<string> Notes, IReadOnlyList<Chart> Charts, IReadOnlyList<ReportTable> Tables);

/// <summary>A month's report: the sections the results given could fill, in a fixed order.</summary>
/// <param name="Title">The page title.</param>
/// <param name="Sections">Churn, monitoring, prospects, retail, product opportunities — those with data.</param>
public sealed record MonthReport(string Title, IReadOnlyList<ReportSection> Sections)
{
    /// <summary>Every chart of every section, for saving them one by one.</summary>
    public IEnumerable<Chart> Charts => Sections.SelectMany(s => s.Charts);
}
