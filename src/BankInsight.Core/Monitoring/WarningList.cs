using System.Globalization;
using System.Text;
using BankInsight.Common;
using BankInsight.Data.Reading;

namespace BankInsight.Monitoring;

/// <summary>
/// Last month's warning list as the bank received it: the churn result file, one <c>"客户编号"</c>
/// per line (<c>bankinsight churn predict --output_data_path</c>, Export-BankResult). Only the first
/// field of a line is read, so the scores file (<c>"id",probability,assets at risk</c>) is taken too;
/// a line of more than three fields is refused, since that is a data file given by mistake (whose
/// every customer would count as warned). A quoted field may hold doubled quotes; blank lines are
/// skipped; a repeated id counts once. The
/// file is UTF-8 (a byte-order mark allowed), or GB18030 when it is not valid UTF-8, as result
/// files may be written either way.
/// </summary>
/// <param name="Source">The file.</param>
/// <param name="Ids">The warned customers, each once, in file order, as written.</param>
/// <param name="Repeated">Lines whose id came earlier in the file.</param>
public sealed record WarningList(string Source, IReadOnlyList<string> Ids, int Repeated)
{
    /// <summary>Largest warning file read: 256 MiB, millions of ids.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Reads a warning file.</summary>
    public static WarningList Load(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound, $"The warning list '{path}' does not exist.", path);
            if (info.Length > MaxFileBytes)
                throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                    $"The warning list '{path}' is {info.Length.ToString(CultureInfo.InvariantCulture)} bytes, more than the 256 MiB a list of customer ids can need; is it the right file?", path);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.ReadError, $"The warning list '{path}' cannot be read: {e.Message}", path, e);
        }
        return Parse(Decode(bytes, path), path);
    }

    private static string Decode(byte[] bytes, string path)
    {
        int bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try
        {
            return TextEncodings.Utf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            try
            {
                return TextEncodings.Gb18030.GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                throw new BankInsightException(ErrorIds.EncodingUnsupported, ErrorKind.InvalidData, $"The warning list '{path}' is neither UTF-8 nor GB18030 text; is it the right file?", path, e);
            }
        }
    }

    /// <summary>Reads the ids of warning-list text; <paramref name="source"/> names it in messages.</summary>
    public static WarningList Parse(string text, string source)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int repeated = 0, number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            string id = CustomerIds.Comparable(FirstField(line, source, number));
            if (Fields(line) is var fields and > MaxFields)
                throw Bad(source, number, $"it has {fields} fields; a warning list has the customer id first and at most a probability and the assets at risk after it (is it a data file?)");
            if (id.Length == 0)
                throw Bad(source, number, "its first field is empty; a warning list holds one customer id per line");
            if (seen.Add(CustomerIds.JoinKey(id))) ids.Add(id);
            else repeated++;
        }
        return new WarningList(source, ids, repeated);
    }

    /// <summary>Most fields a line may have: the id, a probability, the assets at risk (churn predict's scores file).</summary>
    public const int MaxFields = 3;

    // Commas outside quotes, plus one.
    private static int Fields(string line)
    {
        int fields = 1;
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) fields++;
        }
        return fields;
    }

    // "…" with "" for a quote inside, or the text up to the first comma.
    private static string FirstField(string line, string source, int number)
    {
        if (!line.StartsWith('"')) return line.Split(',')[0];
        var field = new StringBuilder();
        for (int i = 1; i < line.Length; i++)
        {
            if (line[i] != '"') { field.Append(line[i]); continue; }
            if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; continue; }
            if (i + 1 == line.Length || line[i + 1] == ',') return field.ToString();
            throw Bad(source, number, $"text follows the closing quote of the id (\"{field}\"…)");
        }
        throw Bad(source, number, "the id's opening quote is never closed");
    }

    private static BankInsightException Bad(string source, int line, string why) =>
        new(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"The warning list '{source}', line {line.ToString(CultureInfo.InvariantCulture)}: {why}.", source);
}
