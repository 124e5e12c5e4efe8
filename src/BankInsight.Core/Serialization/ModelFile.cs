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
/// checksum=sha256:9f86d0…              SHA-256 of the UTF-8 bytes of every line before this one
/// </code>
/// Values are single lines; lists are joined with '|' (with '\' escaping '|', '\' and line
/// breaks); number arrays are space-separated invariant round-trip numbers. The writer uses LF
/// line ends and no byte-order mark. Reading accepts versions from <see cref="MinReadableVersion"/>
/// to <see cref="CurrentVersion"/>, refuses newer ones naming both numbers, and refuses any file
/// whose checksum does not match. Nothing in the file names a .NET type: the reader switches on
/// the <c>kind</c> value to construct one of our own model classes. No timestamps: the same data
/// and seed give the same bytes.
/// <para>
/// Line ends: a reader first drops a UTF-8 byte-order mark and turns CRLF into LF, and the checksum
/// is computed over that LF text. A model copied through Windows (or an editor that saved it with
/// CRLF or a BOM) therefore still verifies and loads; since the writer never puts a CR inside a
/// value, the LF text of a file we wrote is exactly the bytes we wrote. A CR left over after that
/// (not followed by LF) is refused.
/// </para>
/// <para>
/// The checksum is for accidents only — truncation, a bad copy, an edit by mistake. It is not a
/// signature: anyone who edits a model can recompute it. A model file is therefore read as
/// untrusted input: files over <see cref="ModelLimits.MaxFileBytes"/> are refused before they are
/// read, every count is bounded by what the file actually holds before anything is allocated, and
/// every number is checked to be finite and in its range by the model that reads it; a violation is
/// <see cref="ErrorIds.ModelDamaged"/> naming the file, the [section], the key and the value. To
/// trust a model, keep it where only its owners can write, or compare it with a hash recorded
/// elsewhere.
/// </para>
/// </remarks>
internal sealed class ModelFile
{
    public const string FormatName = "bankinsight-model";
    public const int CurrentVersion = 1;
    public const int MinReadableVersion = 1;
    private const string ChecksumPrefix = "checksum=sha256:";

    private readonly List<ModelSection> _sections = [];

    public ModelFile(string source = "model") => Source = source;

    /// <summary>True when the file at <paramref name="path"/> starts like a model file (a byte order mark allowed); false when it does not or cannot be read.</summary>
    public static bool LooksLikeModel(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> head = stackalloc byte[FormatName.Length + 3];
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var text = head[..read];
            if (text.StartsWith("\uFEFF"u8)) text = text[3..];
            return text.StartsWith("bankinsight-model"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

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

    /// <summary>Reads and checks a model file from disk; a file over <see cref="ModelLimits.MaxFileBytes"/> is refused unread.</summary>
    public static ModelFile Load(string path)
    {
        if (!File.Exists(path))
            throw new BankInsightException(ErrorIds.ModelNotFound, ErrorKind.ObjectNotFound, $"Model file '{path}' does not exist.", path);
        byte[] bytes;
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            (bytes, length) = ReadBounded(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.ReadError, $"Model file '{path}' cannot be read: {e.Message}", path, e);
        }
        string text;
        try
        {
            int bom = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            text = new UTF8Encoding(false, true).GetString(bytes, bom, length - bom);
        }
        catch (DecoderFallbackException e)
        {
            throw Damaged(path, "it is not UTF-8 text", e);
        }
        return Parse(text, path);
    }

    /// <summary>All of <paramref name="stream"/>, refusing more than <see cref="ModelLimits.MaxFileBytes"/> before reading it when the size is known.</summary>
    private static (byte[] Bytes, int Length) ReadBounded(Stream stream, string path)
    {
        const long max = ModelLimits.MaxFileBytes;
        if (stream.CanSeek && stream.Length > max) throw TooLarge(path, $"{stream.Length.ToString(CultureInfo.InvariantCulture)} bytes");
        var buffer = new byte[stream.CanSeek ? (int)stream.Length + 1 : 64 * 1024];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > max) throw TooLarge(path, $"more than {max.ToString(CultureInfo.InvariantCulture)} bytes");
                Array.Resize(ref buffer, (int)Math.Min(max + 1, 2L * buffer.Length));
            }
            int read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0) return (buffer, length);
            length += read;
        }
    }

    private static BankInsightException TooLarge(string source, string size) =>
        Damaged(source, $"it is {size}, more than the {ModelLimits.MaxFileBytes.ToString(CultureInfo.InvariantCulture)} bytes (256 MiB) a model file may have (the shipped models are under 400 KB), so it was not read");

    /// <summary>
    /// Parses and checks model text: size, header, version, checksum, then sections. A leading
    /// byte-order mark is dropped and CRLF read as LF before the checksum is verified.
    /// </summary>
    public static ModelFile Parse(string text, string source)
    {
        if (text.Length > ModelLimits.MaxFileBytes) throw TooLarge(source, $"{text.Length.ToString(CultureInfo.InvariantCulture)} characters");
        if (text.StartsWith('\uFEFF')) text = text[1..];
        if (text.Contains('\r')) text = text.Replace("\r\n", "\n", StringComparison.Ordinal);

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
        var body = text.AsSpan(0, checksumAt);
        var stored = text.AsSpan(checksumAt + ChecksumPrefix.Length).TrimEnd("\r\n");
        if (!stored.SequenceEqual(Checksum(body)))
            throw Damaged(source, "its checksum does not match its content (the file was changed or damaged after it was written)");

        var file = new ModelFile(source) { Version = version };
        ModelSection? current = null;
        int lineNumber = 1, start = firstLine + 1;
        while (start < body.Length)
        {
            int end = body[start..].IndexOf('\n');
            var line = end < 0 ? body[start..] : body.Slice(start, end);
            start += line.Length + 1;
            lineNumber++;
            if (line.Length == 0) continue;
            if (line.Contains('\r')) throw Damaged(source, $"line {lineNumber} holds a carriage return that does not end the line");
            if (line[0] == '[' && line[^1] == ']')
            {
                string name = new(line[1..^1]);
                if (file.Find(name) is not null) throw Damaged(source, $"it has the section [{Show(name)}] twice (line {lineNumber})");
                current = file.Add(name);
                continue;
            }
            int eq = line.IndexOf('=');
            if (current is null || eq <= 0) throw Damaged(source, $"line {lineNumber} is neither a [section] nor a key=value line");
            current.Add(new string(line[..eq]), new string(line[(eq + 1)..]));
        }
        return file;
    }

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="body"/>, lower-case hex; hashed in slices so a large file is not copied again.</summary>
    private static string Checksum(ReadOnlySpan<char> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        const int slice = 16 * 1024;
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(slice)];
        while (body.Length > 0)
        {
            int take = Math.Min(slice, body.Length);
            if (take < body.Length && char.IsHighSurrogate(body[take - 1])) take--; // keep a surrogate pair in one slice
            int count = Encoding.UTF8.GetBytes(body[..take], bytes);
            hash.AppendData(bytes, 0, count);
            body = body[take..];
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>A value as it may appear in a one-line message: control characters escaped, long values cut.</summary>
    internal static string Show(string? value, int max = 48)
    {
        if (value is null) return "(absent)";
        var text = new StringBuilder(Math.Min(value.Length, max) + 8);
        foreach (char c in value)
        {
            if (text.Length >= max)
            {
                text.Append('…');
                break;
            }
            if (char.IsControl(c)) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.ToString();
    }

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
        if (!_lookup.TryAdd(key, value)) throw ModelFile.Damaged(source, $"[{Name}] has '{ModelFile.Show(key)}' twice");
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

    public string Get(string key) => TryGet(key) ?? throw ModelFile.Damaged(source, $"[{Name}] lacks '{ModelFile.Show(key)}'");

    public int GetInt(string key) =>
        int.TryParse(Get(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : throw Invalid(key, "a whole number");

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="why"/> says where the bounds come from.</summary>
    public int GetInt(string key, int min, int max, string? why = null)
    {
        int v = GetInt(key);
        return v >= min && v <= max ? v : throw Invalid(key, Range(min, max) + (why is null ? "" : ", " + why));
    }

    public long GetLong(string key) =>
        long.TryParse(Get(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : throw Invalid(key, "a whole number");

    public double GetDouble(string key) =>
        double.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Invalid(key, "a number");

    /// <summary>A finite number that passes <paramref name="valid"/>; <paramref name="expected"/> describes the range ("in (0, 1)").</summary>
    public double GetDouble(string key, Func<double, bool> valid, string expected)
    {
        double v = GetDouble(key);
        return double.IsFinite(v) && valid(v) ? v : throw Invalid(key, expected);
    }

    /// <summary>A finite number.</summary>
    public double GetFinite(string key) => GetDouble(key, _ => true, "a finite number");

    public bool GetBool(string key) => Get(key) switch { "true" => true, "false" => false, _ => throw Invalid(key, "true or false") };

    /// <summary>The value if it is exactly one of <typeparamref name="T"/>'s names (no numbers, no combinations).</summary>
    public T GetEnum<T>(string key) where T : struct, Enum
    {
        string text = Get(key);
        return Enum.GetNames<T>().Contains(text, StringComparer.Ordinal) ? Enum.Parse<T>(text) : throw Invalid(key, "one of " + string.Join(", ", Enum.GetNames<T>()));
    }

    public double[] GetDoubles(string key) => GetDoubles(key, null, "");

    /// <summary>Numbers that are all finite and pass <paramref name="valid"/>; <paramref name="expected"/> describes the range.</summary>
    public double[] GetDoubles(string key, Func<double, bool>? valid, string expected)
    {
        string text = Get(key);
        if (text.Length == 0) return [];
        var parts = text.Split(' ');
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])) throw InvalidItem(key, i, parts[i], "a number");
            if (valid is not null && (!double.IsFinite(values[i]) || !valid(values[i]))) throw InvalidItem(key, i, parts[i], expected);
        }
        return values;
    }

    public int[] GetInts(string key)
    {
        string text = Get(key);
        if (text.Length == 0) return [];
        var parts = text.Split(' ');
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i])) throw InvalidItem(key, i, parts[i], "a whole number");
        return values;
    }

    /// <summary>Whole numbers all in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int[] GetInts(string key, int min, int max, string? why = null)
    {
        var values = GetInts(key);
        for (int i = 0; i < values.Length; i++)
            if (values[i] < min || values[i] > max) throw InvalidItem(key, i, values[i].ToString(CultureInfo.InvariantCulture), Range(min, max) + (why is null ? "" : ", " + why));
        return values;
    }

    private static string Range(int min, int max) =>
        min == max ? $"expected {min.ToString(CultureInfo.InvariantCulture)}"
        : max == int.MaxValue ? $"expected {min.ToString(CultureInfo.InvariantCulture)} or more"
        : $"expected {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"[gbdt] tree_count=2147483647 is not valid (expected 0 to 25, …)".</summary>
    public BankInsightException Invalid(string key, string expected) =>
        ModelFile.Damaged(source, $"[{Name}] {ModelFile.Show(key)}={ModelFile.Show(TryGet(key))} is not valid ({Expected(expected)})");

    /// <summary>"[trees] tree.3.leaf_value: item 5 (NaN) is not valid (expected a finite number)".</summary>
    public BankInsightException InvalidItem(string key, int index, string item, string expected) =>
        ModelFile.Damaged(source, $"[{Name}] {ModelFile.Show(key)}: item {(index + 1).ToString(CultureInfo.InvariantCulture)} ({ModelFile.Show(item)}) is not valid ({Expected(expected)})");

    /// <summary>A finding about <paramref name="key"/> that is not about one value's range ("names a feature twice").</summary>
    public BankInsightException Damaged(string key, string why) => ModelFile.Damaged(source, $"[{Name}] {ModelFile.Show(key)} {why}");

    private static string Expected(string text) => text.StartsWith("expected ", StringComparison.Ordinal) ? text : "expected " + text;
}
