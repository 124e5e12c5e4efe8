using System.Text;
using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Data.Schemas;

namespace BankInsight.Data.Reading;

/// <summary>
/// Converts one column's raw fields into its typed array. A row is converted in two steps so
/// a rejected row leaves no trace: <see cref="Stage"/> parses the field into a one-row slot
/// (or names the problem), and <see cref="Commit"/> appends the slot once every column of
/// the row has staged successfully.
/// </summary>
internal abstract class ColumnLoader
{
    protected ColumnLoader(SchemaColumn column, int sourceField)
    {
        Column = column;
        SourceField = sourceField;
    }

    public SchemaColumn Column { get; }

    /// <summary>Field index in the file, or -1 when the header lacks the column.</summary>
    public int SourceField { get; }

    /// <summary>Values that were not missing.</summary>
    public int NonNullCount { get; protected set; }

    /// <summary>Whether the values are kept (false: parsed and checked, then let go; see <see cref="DataLoadOptions.Columns"/>).</summary>
    public bool Keep { get; init; } = true;

    /// <summary>Parses one field into the staging slot; null on success, else the reason and a description of what was expected.</summary>
    public abstract (RejectReason Reason, string Expected)? Stage(ReadOnlySpan<byte> raw, FieldDecoder decoder);

    /// <summary>Stages a missing value (the column is absent from the header).</summary>
    public abstract void StageNull();

    public abstract void Commit();

    /// <summary>
    /// The column of the rows committed so far; the loader then starts empty. With <paramref name="chunk"/>
    /// the column lends the loader's buffer, which the next chunk overwrites (see <see cref="GrowableArray{T}.Lend"/>);
    /// with <paramref name="alternate"/> too, two buffers in turn, so a chunk outlives the reading of the next.
    /// </summary>
    public abstract DataColumn Build(bool chunk = false, bool alternate = false);

    /// <summary>A loader for <paramref name="column"/>, sized for <paramref name="capacity"/> rows.</summary>
    public static ColumnLoader Create(SchemaColumn column, int sourceField, int capacity, bool keep = true)
    {
        if (!keep) capacity = 0; // nothing is stored: no buffer sized for the file
        return column.Type switch
        {
            ColumnType.Text => new TextLoader(column, sourceField, capacity) { Keep = keep },
            ColumnType.Number or ColumnType.Integer or ColumnType.Flag => new NumericLoader(column, sourceField, capacity) { Keep = keep },
            ColumnType.Categorical => new CategoricalLoader(column, sourceField, capacity) { Keep = keep },
            ColumnType.Date => new DateLoader(column, sourceField, capacity) { Keep = keep },
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "unknown column type"),
        };
    }

    /// <summary>An unquoted empty field (or only spaces for non-text columns) means null.</summary>
    protected static bool IsEmpty(ReadOnlySpan<byte> trimmed) => trimmed.IsEmpty;
}

/// <summary>Decodes field bytes (already unquoted, doubled quotes undone by the reader) with the file's encoding.</summary>
internal sealed class FieldDecoder
{
    public FieldDecoder(Encoding strict, Encoding lenient)
    {
        Strict = strict;
        Lenient = lenient;
    }

    public Encoding Strict { get; }

    /// <summary>Same encoding with replacement characters, for showing bad values in messages.</summary>
    public Encoding Lenient { get; }

    /// <summary>Decodes a field; null when the bytes are invalid in the encoding.</summary>
    public string? TryDecode(ReadOnlySpan<byte> raw)
    {
        try
        {
            return Strict.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Decodes for display, never failing.</summary>
    public string Show(ReadOnlySpan<byte> raw) => Lenient.GetString(raw);
}

internal sealed class TextLoader(SchemaColumn column, int sourceField, int capacity) : ColumnLoader(column, sourceField)
{
    private readonly GrowableArray<string?> _values = new(capacity);
    private string? _staged;

    /// <summary>The value staged for the current row (the key check reads it before commit).</summary>
    public string? StagedValue => _staged;

    public override (RejectReason, string)? Stage(ReadOnlySpan<byte> raw, FieldDecoder decoder)
    {
        // An empty field is null, quoted ("") or not: a zero-length string carries nothing, and
        // DB2 exports that quote every field would otherwise hide always-empty columns.
        if (raw.IsEmpty)
        {
            _staged = null;
            return null;
        }
        if (!Keep && Column.Role != "id" && raw.Length <= MaxCheckedInPlace) return CheckInPlace(raw, decoder); // an id is checked for repeats: it needs its text
        _staged = decoder.TryDecode(raw);
        if (_staged is null) return (RejectReason.InvalidText, $"text in {TextEncodings.NameOf(decoder.Strict)}");
        return TextRules.FirstForbidden(_staged) is var at and >= 0 ? (RejectReason.ControlCharacter, $"text without {TextRules.Describe(_staged[at])}") : null;
    }

    private const int MaxCheckedInPlace = 512;

    /// <summary>A value not kept (a name the job does not show) is checked the same way, but on the stack: no string a row.</summary>
    private (RejectReason, string)? CheckInPlace(ReadOnlySpan<byte> raw, FieldDecoder decoder)
    {
        Span<char> chars = stackalloc char[MaxCheckedInPlace]; // UTF-8 and GB18030 never give more characters than bytes
        int length;
        try
        {
            length = decoder.Strict.GetChars(raw, chars);
        }
        catch (DecoderFallbackException)
        {
            _staged = null;
            return (RejectReason.InvalidText, $"text in {TextEncodings.NameOf(decoder.Strict)}");
        }
        var text = chars[..length];
        _staged = Present;
        return TextRules.FirstForbidden(text) is var at and >= 0 ? (RejectReason.ControlCharacter, $"text without {TextRules.Describe(text[at])}") : null;
    }

    // What a value not kept stages: present, not null (it counts towards the column not being empty).
    private const string Present = "";

    public override void StageNull() => _staged = null;

    public override void Commit()
    {
        if (Keep) _values.Add(_staged);
        if (_staged is not null) NonNullCount++;
    }

    public override DataColumn Build(bool chunk = false, bool alternate = false)
    {
        var values = chunk ? _values.Lend(alternate) : _values.ToArrayAndClear();
        return new TextColumn(Column, values, NullMask.OfNull(values));
    }
}

internal sealed class NumericLoader(SchemaColumn column, int sourceField, int capacity) : ColumnLoader(column, sourceField)
{
    private readonly GrowableArray<double> _values = new(capacity);
    private double _staged;

    public override (RejectReason, string)? Stage(ReadOnlySpan<byte> raw, FieldDecoder decoder)
    {
        var s = FieldParsers.Trim(raw);
        if (IsEmpty(s))
        {
            _staged = double.NaN;
            return null;
        }
        if (!FieldParsers.TryParseNumber(s, out double v))
            return (RejectReason.NotANumber, Column.Type == ColumnType.Flag ? "0 or 1" : "a number");
        if (Math.Abs(v) > FieldParsers.LargestNumber)
            return (RejectReason.OutOfRange, "a number within ±10^15");
        switch (Column.Type)
        {
            case ColumnType.Integer when v != Math.Floor(v):
                return (RejectReason.NotAnInteger, "a whole number");
            case ColumnType.Flag when v is not (0.0 or 1.0):
                return (RejectReason.NotInValueList, "0 or 1");
        }
        _staged = v == 0 ? 0.0 : v; // no negative zero in the data
        return null;
    }

    public override void StageNull() => _staged = double.NaN;

    public override void Commit()
    {
        if (Keep) _values.Add(_staged);
        if (!double.IsNaN(_staged)) NonNullCount++;
    }

    public override DataColumn Build(bool chunk = false, bool alternate = false)
    {
        var values = chunk ? _values.Lend(alternate) : _values.ToArrayAndClear();
        return new NumericColumn(Column, values, NullMask.OfNaN(values));
    }
}

internal sealed class DateLoader(SchemaColumn column, int sourceField, int capacity) : ColumnLoader(column, sourceField)
{
    private readonly GrowableArray<int> _values = new(capacity);
    private int _staged;

    public override (RejectReason, string)? Stage(ReadOnlySpan<byte> raw, FieldDecoder decoder)
    {
        var s = FieldParsers.Trim(raw);
        if (IsEmpty(s))
        {
            _staged = DateColumn.Missing;
            return null;
        }
        if (!FieldParsers.TryParseDate(s, out _staged))
            return (RejectReason.InvalidDate, "a date as yyyyMMdd or yyyy-MM-dd");
        return null;
    }

    public override void StageNull() => _staged = DateColumn.Missing;

    public override void Commit()
    {
        if (Keep) _values.Add(_staged);
        if (_staged != DateColumn.Missing) NonNullCount++;
    }

    public override DataColumn Build(bool chunk = false, bool alternate = false)
    {
        var values = chunk ? _values.Lend(alternate) : _values.ToArrayAndClear();
        return new DateColumn(Column, values, NullMask.OfValue(values, DateColumn.Missing));
    }
}

internal sealed class CategoricalLoader : ColumnLoader
{
    private readonly GrowableArray<int> _values;
    private readonly List<string> _categories;
    private readonly Dictionary<string, int> _extra = new(StringComparer.Ordinal);
    private int _staged;
    private string? _stagedNew;

    public CategoricalLoader(SchemaColumn column, int sourceField, int capacity) : base(column, sourceField)
    {
        _categories = [.. column.Values];
        _values = new(capacity);
    }

    /// <summary>The schema's values, then those first seen in this file.</summary>
    public string[] AllCategories => _categories.ToArray();

    /// <summary>Values first seen in this file (open columns only), in order of appearance.</summary>
    public IReadOnlyList<string> ExtraCategories => _categories.GetRange(Column.Values.Count, _categories.Count - Column.Values.Count);

    public override (RejectReason, string)? Stage(ReadOnlySpan<byte> raw, FieldDecoder decoder)
    {
        _stagedNew = null;
        var trimmed = FieldParsers.Trim(raw);
        if (IsEmpty(trimmed))
        {
            _staged = -1;
            return null;
        }
        foreach (var (bytes, index) in _seen)
        {
            if (!trimmed.SequenceEqual(bytes)) continue;
            _staged = index;
            return null;
        }
        var staged = StageText(trimmed, decoder);
        // The same bytes always resolve to the same category (the list only grows): remember them.
        if (staged is null && _staged >= 0 && _seen.Count < MaxSeen) _seen.Add((trimmed.ToArray(), _staged));
        return staged;
    }

    // Bytes already resolved, and their category: most columns hold a handful of values, so a row
    // costs a byte comparison or two instead of decoding a string and hashing it.
    private readonly List<(byte[] Bytes, int Index)> _seen = [];
    private const int MaxSeen = 32;

    private (RejectReason, string)? StageText(ReadOnlySpan<byte> trimmed, FieldDecoder decoder)
    {
        string? text = decoder.TryDecode(trimmed);
        if (text is null) return (RejectReason.InvalidText, $"text in {TextEncodings.NameOf(decoder.Strict)}");
        if (TextRules.FirstForbidden(text) is var at and >= 0) return (RejectReason.ControlCharacter, $"text without {TextRules.Describe(text[at])}");
        if (Lookup(text, out _staged)) return null;
        // Codes exported through a float column arrive as "100150.0": try the whole number.
        string? whole = WholeNumberPart(text);
        if (whole is not null && Lookup(whole, out _staged)) return null;
        if (Column.IsOpen)
        {
            _staged = -2;
            _stagedNew = whole ?? text;
            return null;
        }
        return (RejectReason.NotInValueList, DescribeValueList());
    }

    /// <summary>"100150" for "100150.0"; null when the text is not a digits-dot-zeros rendering.</summary>
    private static string? WholeNumberPart(string text)
    {
        int dot = text.IndexOf('.');
        if (dot <= 0 || dot == text.Length - 1) return null;
        for (int i = 0; i < dot; i++) if (!char.IsAsciiDigit(text[i])) return null;
        for (int i = dot + 1; i < text.Length; i++) if (text[i] != '0') return null;
        return text[..dot];
    }

    private bool Lookup(string text, out int index) =>
        Column.TryGetCategoryIndex(text, out index) || _extra.TryGetValue(text, out index);

    public override void StageNull()
    {
        _staged = -1;
        _stagedNew = null;
    }

    public override void Commit()
    {
        int code = _staged;
        if (_stagedNew is not null && !_extra.TryGetValue(_stagedNew, out code))
        {
            code = _categories.Count;
            _categories.Add(_stagedNew);
            _extra[_stagedNew] = code;
        }
        if (Keep) _values.Add(code);
        if (code >= 0) NonNullCount++;
    }

    public override DataColumn Build(bool chunk = false, bool alternate = false)
    {
        var values = chunk ? _values.Lend(alternate) : _values.ToArrayAndClear();
        return new CategoricalColumn(Column, values, _categories.ToArray(), NullMask.OfValue(values, -1));
    }

    private string DescribeValueList()
    {
        static string List(IEnumerable<string> items, int max)
        {
            var all = items.ToList();
            return string.Join(", ", all.Take(max)) + (all.Count > max ? $", … ({all.Count} in all)" : "");
        }
        string text = $"one of: {List(Column.Values, 12)}";
        if (Column.Codes.Count > 0) text += $" (or codes {List(Column.Codes.Keys, 12)})";
        return text;
    }
}
