namespace BankInsight.Reporting;

/// <summary>
/// One finished chart of the monthly report: a self-contained SVG document (no scripts, no
/// external references, no element ids, so several can be inlined in one HTML page) and what the
/// page needs to place it. Made by the <c>Draw</c> methods in <c>BankInsight.Reporting.Charts</c>; the same input
/// always gives the same <see cref="Svg"/>, byte for byte, on any machine and culture.
/// </summary>
/// <param name="Name">File-safe slug (lowercase ASCII letters, digits, '-', '_'), e.g. "churn-score-histogram"; the file name when charts are saved one by one.</param>
/// <param name="Title">Human title, may be bilingual ("流失概率分布 Churn score distribution"); also the SVG's &lt;title&gt; and drawn at its top.</param>
/// <param name="Svg">The SVG document: one &lt;svg&gt; root element in the SVG namespace, no XML declaration, lines ending in "\n".</param>
/// <param name="Width">Width in CSS pixels (also the viewBox width).</param>
/// <param name="Height">Height in CSS pixels (also the viewBox height).</param>
public sealed record Chart(string Name, string Title, string Svg, int Width, int Height);
