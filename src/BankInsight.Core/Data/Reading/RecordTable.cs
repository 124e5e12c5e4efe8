using System.Globalization;
using System.Text;
using BankInsight.Common;
using BankInsight.Data.Schemas;

namespace BankInsight.Data.Reading;

/// <summary>
/// Rows given as name/value pairs (objects from Import-Csv, hand-made test rows) turned into a
/// data set by writing them as CSV with a header row and reading that through the ordinary
/// loader: the same matching of columns by name, the same parsing and the same per-row
/// rejections as a file — record k is line k + 1 (line 1 is the header). For small ad-hoc sets;
/// files are the way for big ones.
/// </summary>
public static class RecordTable
{
    /// <summary>The data set of <paramref name="records"/> under <paramref name="schema"/>.</summary>
    public static CustomerDataSet Load(IReadOnlyList<IReadOnlyList<KeyValuePair<string, object?>>> records, BankSchema schema, string source,
        IOperationSink sink, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"{source}: no records.", source);
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
            foreach (var (name, _) in record)
                if (seen.Add(name)) names.Add(name);
        var text = new StringBuilder();
        text.AppendJoin(',', names.Select(Quote)).Append('\n');
        foreach (var record in records)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in record) values[name] = value;
            text.AppendJoin(',', names.Select(n => Field(values.GetValueOrDefault(n)))).Append('\n');
        }
        var bytes = new UTF8Encoding(false).GetBytes(text.ToString());
        var options = new DataLoadOptions(schema) { Header = HeaderMode.Present, Encoding = new UTF8Encoding(false) };
        return CustomerDataLoader.Load(new MemoryStream(bytes), source, options, sink, cancellationToken);
    }

    /// <summary>A value as the field text a bank file would hold: numbers invariant, dates yyyy-MM-dd, flags 1/0, null empty.</summary>
    internal static string Field(object? value) => value switch
    {
        null or DBNull => "",
        string s => Quote(s),
        bool b => b ? "1" : "0",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    // Quoted only when it must be, so "35" from Import-Csv reaches a numeric column as 35.
    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
