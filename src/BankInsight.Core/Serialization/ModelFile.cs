using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BankInsight.Common;

namespace BankInsight.Serialization;

/// <summary>
/// The container every BankInsight model is stored in: plain UTF-8 text, so a bank can read
/// what a model is, diff two of them, and keep them in version control.
/// </summary>
/// <remarks>
/// Layout:
/// <code>
/// bankinsight-model 1                  format name and integer format version
/// [model]                              sections, in a fixed order chosen by the writer
/// kind=gbdt                            key=value lines; keys unique within a section
/// ...
/// [trees]
/// tree.0.split_feature=3 0 5
/// ...
/// checksum=sha256:9f86d0…              SHA-256 of every byte before this line
/// </code>
/// Values are single lines; lists are joined with '|' (with '\' escaping '|', '\' and line
/// breaks); number arrays are space-separated invariant round-trip numbers. Reading accepts
/// versions from <see cref="MinReadableVersion"/> to <see cref="CurrentVersion"/>, refuses newer
/// ones naming both numbers, and refuses any file whose checksum does not match (damaged or
/// hand-edited). Nothing in the file names a .NET type: the reader switches on the
/// <c>kind</c> value to construct one of our own model classes. No timestamps: the same data
/// and seed give the same bytes.
/// </remarks>
internal sealed class ModelFile
{
    public const string FormatName = "bankinsight-model";
    public const int CurrentVersion = 1;
    public const int MinReadableVersion = 1;
    private const string ChecksumPrefix = "checksum=sha256:";

    private readonly List<ModelSection> _sections = [];

    public ModelFile(string source = "model") => Source = source;

    /// <summary>Where the model came from, for messages.</summary>
    public string Source { get; }

    public int Version { get; private init; } = CurrentVersion;

    public IReadOnlyList<ModelSection> Sections => _sections;

    public ModelSection Add(string name)
    {
        if (_sections.Any(s => s.Name == name)) throw new InvalidOperationException($"Section [{name}] written twice.");
        var section = new ModelSection(name, Source);
        _sections.Add(section);
        return section;
    }

    public ModelSection Get(string name) =>
        _sections.FirstOrDefault(s => s.Name == name) ?? throw Damaged(Source, $"it has no [{name}] section");

    public ModelSection? Find(string name) => _sections.FirstOrDefault(s => s.Name == name);

    /// <summary>The whole file as text, checksum line included.</summary>
    public string Write()
    {
        var text = new StringBuilder();
        text.Append(FormatName).Append(' ').Append(CurrentVersion.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var section in _sections)
        {
            text.Append('[').Append(section.Name).Append("]\n");
            foreach (var (key, value) in section.Entries)
            {
                if (value.Contains('\n') || value.Contains('\r')) throw new InvalidOperationException($"Value of {section.Name}.{key} spans lines.");
                text.Append(key).Append('=').Append(value).Append('\n');
            }
        }
        string body = text.ToString();
        return body + ChecksumPrefix + Checksum(body) + "\n";
    }

    /// <summary>Writes the file atomically.</summary>
    public void Save(OutputFile path)
    {
        using var file = new AtomicFileWriter(path);
        file.Stream.Write(new UTF8Encoding(false).GetBytes(Write()));
        file.Commit();
    }

    /// <summary>Reads and checks a model file from disk.</summary>
    public static ModelFile Load(string path)
    {
        if (!File.Exists(path))
            throw new BankInsightException(ErrorIds.ModelNotFound, ErrorKind.ObjectNotFound, $"Model file '{path}' does not exist.", path);
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (DecoderFallbackException e)
        {
            throw Damaged(path, "it is not UTF-8 text", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.ReadError, $"Model file '{path}' cannot be read: {e.Message}", path, e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses and checks model text: header, version, checksum, then sections.</summary>
    public static ModelFile Parse(string text, string source)
    {
        int firstLine = text.IndexOf('\n');
        string header = firstLine < 0 ? text : text[..firstLine];
        var headerParts = header.Split(' ');
        if (headerParts.Length != 2 || headerParts[0] != FormatName || !int.TryParse(headerParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            throw Damaged(source, $"it does not start with '{FormatName} <version>' (is it a BankInsight model?)");
        if (version > CurrentVersion)
            throw new BankInsightException(ErrorIds.ModelVersionUnsupported, ErrorKind.InvalidData,
                $"Model file '{source}' has format version {version}; this BankInsight reads versions {MinReadableVersion} to {CurrentVersion}. Use a newer BankInsight, or retrain the model.", source);
        if (version < MinReadableVersion)
            throw new BankInsightException(ErrorIds.ModelVersionUnsupported, ErrorKind.InvalidData,
                $"Model file '{source}' has format version {version}, older than the oldest this BankInsight reads ({MinReadableVersion}). Retrain the model.", source);

        int checksumAt = text.LastIndexOf(ChecksumPrefix, StringComparison.Ordinal);
        if (checksumAt < 0 || (checksumAt > 0 && text[checksumAt - 1] != '\n'))
            throw Damaged(source, "its checksum line is missing (the file is truncated)");
        string body = text[..checksumAt];
        string stored = text[(checksumAt + ChecksumPrefix.Length)..].TrimEnd('\n', '\r');
        if (!string.Equals(stored, Checksum(body), StringComparison.Ordinal))
            throw Damaged(source, "its checksum does not match its content (the file was changed or damaged after it was written)");

        var file = new ModelFile(source) { Version = version };
        ModelSection? current = null;
        var lines = body.Split('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0) continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                current = file.Add(line[1..^1]);
                continue;
            }
            int eq = line.IndexOf('=');
            if (current is null || eq <= 0) throw Damaged(source, $"line {i + 1} is neither a [section] nor a key=value line");
            current.Add(line[..eq], line[(eq + 1)..]);
        }
        return file;
    }

    private static string Checksum(string body) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body))).ToLowerInvariant();

    internal static BankInsightException Damaged(string source, string why, Exception? inner = null) =>
        new(ErrorIds.ModelDamaged, ErrorKind.InvalidData, $"Model file '{source}' cannot be used: {why}.", source, inner);

    // ---- value encodings ------------------------------------------------------------------

    public static string JoinList(IEnumerable<string> items) =>
        string.Join('|', items.Select(i => i.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)));

    public static List<string> SplitList(string text)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                char next = text[++i];
                current.Append(next switch { 'n' => '\n', 'r' => '\r', _ => next });
            }
            else if (c == '|')
            {
                items.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        items.Add(current.ToString());
        return items;
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Numbers(IEnumerable<double> values) => string.Join(' ', values.Select(Number));

    public static string Integers(IEnumerable<int> values) => string.Join(' ', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>One [section] of a model file: ordered key=value entries.</summary>
internal sealed class ModelSection(string name, string source)
{
    private readonly List<KeyValuePair<string, string>> _entries = [];
    private readonly Dictionary<string, string> _lookup = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    public ModelSection Add(string key, string value)
    {
        if (!_lookup.TryAdd(key, value)) throw ModelFile.Damaged(source, $"[{Name}] has '{key}' twice");
        _entries.Add(new(key, value));
        return this;
    }

    public ModelSection Add(string key, double value) => Add(key, ModelFile.Number(value));

    public ModelSection Add(string key, int value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public ModelSection Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public ModelSection Add(string key, bool value) => Add(key, value ? "true" : "false");

    public ModelSection AddAll(IEnumerable<KeyValuePair<string, string>> entries)
    {
        foreach (var (k, v) in entries) Add(k, v);
        return this;
    }

    public string? TryGet(string key) => _lookup.GetValueOrDefault(key);

    public string Get(string key) => TryGet(key) ?? throw ModelFile.Damaged(source, $"[{Name}] lacks '{key}'");

    public int GetInt(string key) =>
        int.TryParse(Get(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : throw Invalid(key);

    public long GetLong(string key) =>
        long.TryParse(Get(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : throw Invalid(key);

    public double GetDouble(string key) =>
        double.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Invalid(key);

    public bool GetBool(string key) => Get(key) switch { "true" => true, "false" => false, _ => throw Invalid(key) };

    public double[] GetDoubles(string key)
    {
        string text = Get(key);
        if (text.Length == 0) return [];
        var parts = text.Split(' ');
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])) throw Invalid(key);
        return values;
    }

    public int[] GetInts(string key)
    {
        string text = Get(key);
        if (text.Length == 0) return [];
        var parts = text.Split(' ');
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i])) throw Invalid(key);
        return values;
    }

    public BankInsightException Invalid(string key) => ModelFile.Damaged(source, $"[{Name}] {key} has an invalid value");
}
