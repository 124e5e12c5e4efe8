using System.Text;
using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Data.Schemas;

namespace BankInsight.Data.Reading;

/// <summary>
/// Makes a schema from a CSV file's header and values, for data sets that come without one
/// (public benchmarks, ad-hoc extracts): a column whose every non-empty value is a plain
/// number is numeric; otherwise it is categorical (values learned from the data) when it has
/// few distinct values, else text. The schema is then used by the normal loader, so inferred
/// files get the same checks and rejections as the bank's.
/// </summary>
public static class SchemaInference
{
    /// <summary>Distinct values up to which a text column counts as categorical.</summary>
    public const int MaxCategories = 1000;

    /// <summary>Infers a schema named <paramref name="name"/> from the header and the first <paramref name="sampleRows"/> rows.</summary>
    public static BankSchema Infer(string path, string name, char delimiter = ',', Encoding? encoding = null, int sampleRows = 50_000)
    {
        // Read everything as text first: a one-off schema whose columns are all open categoricals.
        byte[] sample = ReadSample(path, sampleRows);
        var header = FirstLine(sample, delimiter, encoding ?? TextEncodings.Utf8);
        var textSchema = SchemaJson.Parse(BuildJson(name, header.Select(h => (h, "text"))), name);
        var options = new DataLoadOptions(textSchema) { Delimiter = delimiter, Encoding = encoding, Header = HeaderMode.Present };
        var data = CustomerDataLoader.Load(new MemoryStream(sample, writable: false), path, options, NullSink.Instance);

        var columns = new List<(string Name, string Type)>();
        foreach (var column in textSchema.Columns)
        {
            if (data.Find(column.Name) is not TextColumn values)
            {
                columns.Add((column.Name, "text"));
                continue;
            }
            bool numeric = true;
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in values.Values)
            {
                if (v is null) continue;
                if (numeric && !FieldParsers.TryParseNumber(Encoding.ASCII.GetBytes(v.Trim()), out _)) numeric = false;
                if (distinct.Count <= MaxCategories) distinct.Add(v);
            }
            columns.Add((column.Name, numeric ? "number" : distinct.Count <= MaxCategories ? "categorical" : "text"));
        }
        return SchemaJson.Parse(BuildJson(name, columns), path);
    }

    private static byte[] ReadSample(string path, int rows)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int lines = 0, read;
            while (lines <= rows && (read = stream.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                lines += chunk.AsSpan(0, read).Count((byte)'\n');
            }
            var bytes = buffer.ToArray();
            if (lines > rows)
            {
                // Keep whole lines only.
                int cut = Array.LastIndexOf(bytes, (byte)'\n');
                Array.Resize(ref bytes, cut + 1);
            }
            return bytes;
        }
        catch (FileNotFoundException e)
        {
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound, $"Data file '{path}' does not exist.", path, e);
        }
    }

    private static List<string> FirstLine(byte[] sample, char delimiter, Encoding encoding)
    {
        using var reader = new DelimitedRecordReader(new MemoryStream(sample), (byte)delimiter);
        if (sample.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) reader.SkipPreamble([0xEF, 0xBB, 0xBF]);
        if (!reader.Read())
            throw new BankInsightException(ErrorIds.NoRows, ErrorKind.InvalidData, "The file is empty: no header to infer a schema from.", null);
        var decoder = new FieldDecoder(encoding, encoding);
        var names = new List<string>();
        for (int f = 0; f < reader.FieldCount; f++) names.Add(decoder.Show(reader.Field(f)));
        return names;
    }

    private static string BuildJson(string name, IEnumerable<(string Name, string Type)> columns)
    {
        var json = new StringBuilder();
        json.Append("{\"name\":").Append(System.Text.Json.JsonSerializer.Serialize(name)).Append(",\"columns\":[");
        bool first = true;
        foreach (var (column, type) in columns)
        {
            if (!first) json.Append(',');
            first = false;
            json.Append("{\"name\":").Append(System.Text.Json.JsonSerializer.Serialize(column)).Append(",\"type\":\"").Append(type).Append('"');
            if (type == "categorical") json.Append(",\"open\":true");
            json.Append('}');
        }
        return json.Append("]}").ToString();
    }
}
