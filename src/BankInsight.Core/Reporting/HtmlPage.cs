using System.Net;
using System.Text;
using BankInsight.Reporting.Charts;

namespace BankInsight.Reporting;

/// <summary>
/// The report as one HTML file that needs nothing else: styles in the page, charts as inline SVG,
/// no script, no font or image fetched. Same report, same bytes (no clock, invariant numbers), so
/// two months' pages can be compared with diff.
/// </summary>
public static class HtmlPage
{
    /// <summary>The page of <paramref name="report"/>.</summary>
    public static string Render(MonthReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(Escape(report.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>").Append(Escape(report.Title)).Append("</h1>\n<nav>");
        foreach (var s in report.Sections) html.Append("<a href=\"#").Append(s.Id).Append("\">").Append(Escape(s.Title)).Append("</a> ");
        html.Append("</nav></header>\n");
        if (report.Sections.Count == 0) html.Append("<p class=\"note\">无结果 No results were given.</p>\n");
        foreach (var section in report.Sections)
        {
            html.Append("<section id=\"").Append(section.Id).Append("\">\n<h2>").Append(Escape(section.Title)).Append("</h2>\n");
            foreach (var note in section.Notes) html.Append("<p class=\"note\">").Append(Escape(note)).Append("</p>\n");
            html.Append("<div class=\"charts\">\n");
            foreach (var chart in section.Charts)
                html.Append("<figure id=\"").Append(chart.Name).Append("\" data-width=\"").Append(chart.Width).Append("\" data-height=\"").Append(chart.Height).Append("\">\n")
                    .Append(chart.Svg).Append("\n</figure>\n"); // the chart draws its own title
            html.Append("</div>\n");
            foreach (var table in section.Tables) Table(html, table);
            html.Append("</section>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        html.Append("<table>\n<caption>").Append(Escape(table.Title)).Append("</caption>\n<thead><tr>");
        for (int c = 0; c < table.Headers.Count; c++)
            html.Append(table.Numeric[c] ? "<th class=\"num\">" : "<th>").Append(Escape(table.Headers[c])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < row.Count; c++)
                html.Append(table.Numeric[c] ? "<td class=\"num\">" : "<td>").Append(Escape(row[c])).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    // Names and addresses were typed by people: everything shown is escaped, nothing runs.
    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static readonly string Style =
        "body{font-family:" + ChartStyle.FontFamily + ";margin:2rem auto;max-width:1500px;padding:0 1rem;color:#222;background:#fff}\n" +
        "header nav a{margin-right:1rem}\nh1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.5rem}\n" +
        ".note{color:#444;margin:.3rem 0}\n.charts{display:flex;flex-wrap:wrap;gap:1.5rem;margin:1rem 0}\n" +
        "figure{margin:0}\nfigure svg{max-width:100%;height:auto}\n" +
        "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}caption{text-align:left;font-weight:bold;padding:.3rem 0}\n" +
        "th,td{border:1px solid #ccc;padding:.25rem .5rem}th{background:#f2f2f2}.num{text-align:right;font-variant-numeric:tabular-nums}\n";
}
