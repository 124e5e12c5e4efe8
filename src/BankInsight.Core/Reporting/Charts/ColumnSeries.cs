namespace BankInsight.Reporting.Charts;

/// <summary>One series of a <see cref="GroupedBarChart"/>: one value per category, drawn as one column in each group.</summary>
/// <param name="Label">Legend text, e.g. a segment name.</param>
/// <param name="Values">One value per category, in the categories' order; NaN draws no column; infinities are refused.</param>
public sealed record ColumnSeries(string Label, IReadOnlyList<double> Values);
