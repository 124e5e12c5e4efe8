namespace BankInsight.Reporting.Charts;

/// <summary>
/// A labelled dashed vertical line at a value on a chart's horizontal value axis: the churn
/// decision threshold on a score histogram, the 0.1 and 0.25 alarm levels on a PSI bar chart.
/// </summary>
/// <param name="X">Where the line stands, in the axis' own units; must be finite. The axis widens to show it.</param>
/// <param name="Label">Text written beside the line ("" for none), e.g. "阈值 Threshold 0.35".</param>
public sealed record Marker(double X, string Label);
