namespace BankInsight.Reporting.Charts;

/// <summary>One horizontal bar of a <see cref="BarChart"/>.</summary>
/// <param name="Label">Category written left of the bar (shortened with "…" when long), e.g. a feature name.</param>
/// <param name="Value">Bar length in the value axis' units; negative values extend left of zero; NaN draws no bar and prints "–"; infinities are refused.</param>
public sealed record Bar(string Label, double Value);
