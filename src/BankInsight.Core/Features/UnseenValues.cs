using BankInsight.Common;

namespace BankInsight.Features;

/// <summary>
/// Category values a model never saw, counted over the chunks of one file, so that the file gets one
/// warning per column with its total (a chunk by chunk warning would repeat, each with its own count).
/// </summary>
public sealed class UnseenValues
{
    private readonly Dictionary<string, (long Rows, List<string> Examples)> _columns = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    internal void Add(string column, int rows, IEnumerable<string> values)
    {
        if (!_columns.TryGetValue(column, out var seen))
        {
            _order.Add(column);
            seen = (0, []);
        }
        foreach (var v in values) if (!seen.Examples.Contains(v)) seen.Examples.Add(v);
        _columns[column] = (seen.Rows + rows, seen.Examples);
    }

    /// <summary>One warning per column, in the order the columns were first met, naming <paramref name="file"/>.</summary>
    public void Say(string file, IOperationSink sink)
    {
        foreach (var column in _order)
            sink.Warning(Text(column, file, _columns[column].Rows, _columns[column].Examples));
    }

    internal static string Text(string column, string file, long rows, IEnumerable<string> examples) =>
        $"Column '{column}' of {file}: {rows:N0} row(s) have values the model never saw (e.g. {string.Join(", ", examples.Take(3).Select(u => $"'{u}'"))}); they are treated as unknown.";
}
