namespace BankInsight.Reporting.Charts;

/// <summary>One line of a <see cref="LineChart"/>: points joined in the order given.</summary>
/// <param name="Label">Legend text, e.g. "模型 Model".</param>
/// <param name="X">Horizontal coordinates, finite, as many as <paramref name="Y"/>.</param>
/// <param name="Y">Vertical coordinates, finite, as many as <paramref name="X"/>.</param>
public sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);
