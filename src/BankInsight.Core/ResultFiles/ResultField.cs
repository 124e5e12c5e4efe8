using System.Collections;
using System.Globalization;
using BankInsight.Common;

namespace BankInsight.ResultFiles;

/// <summary>Kinds of field in a bank result line.</summary>
public enum ResultFieldKind
{
    /// <summary>Written in double quotes, inner quotes doubled.</summary>
    Text,
    /// <summary>Written bare, invariant culture.</summary>
    Number,
    /// <summary>Written as nothing (empty, unquoted).</summary>
    Null,
}

/// <summary>One field of a bank result line (SPEC "Result files").</summary>
public readonly struct ResultField : IEquatable<ResultField>
{
    private ResultField(ResultFieldKind kind, string? text)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>What kind of field this is.</summary>
    public ResultFieldKind Kind { get; }

    /// <summary>For text, the text; for numbers, the invariant rendering; null for nulls.</summary>
    public string? Text { get; }

    /// <summary>A quoted text field; null text gives a null field.</summary>
    public static ResultField FromText(string? text) => text is null ? Null : new(ResultFieldKind.Text, text);

    /// <summary>A bare number, shortest round-trip form ("0.873", "3"); NaN or infinity gives a null field.</summary>
    public static ResultField FromNumber(double value) =>
        double.IsFinite(value) ? new(ResultFieldKind.Number, value.ToString("R", CultureInfo.InvariantCulture)) : Null;

    /// <summary>A bare number rounded to <paramref name="decimals"/> places (e.g. probabilities as 0.873).</summary>
    public static ResultField FromNumber(double value, int decimals) =>
        double.IsFinite(value) ? new(ResultFieldKind.Number, Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture)) : Null;

    /// <summary>A bare decimal number (money keeps its scale: 1200.50).</summary>
    public static ResultField FromNumber(decimal value) => new(ResultFieldKind.Number, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A bare integer.</summary>
    public static ResultField FromNumber(long value) => new(ResultFieldKind.Number, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The null field.</summary>
    public static ResultField Null { get; } = new(ResultFieldKind.Null, null);

    /// <summary>
    /// The field for any value a pipeline might carry: strings (and chars, enums, GUIDs) are
    /// text; numbers and booleans (1/0) are bare; dates are bare yyyyMMdd as in the bank's
    /// inputs; lists become one text field joined with commas ("3,4"); null is null.
    /// </summary>
    public static ResultField FromValue(object? value) => value switch
    {
        null or DBNull => Null,
        string s => FromText(s),
        char c => FromText(c.ToString()),
        bool b => FromNumber(b ? 1L : 0L),
        byte or sbyte or short or ushort or int or uint or long => FromNumber(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => new(ResultFieldKind.Number, u.ToString(CultureInfo.InvariantCulture)),
        float f => FromNumber((double)f),
        double d => FromNumber(d),
        decimal m => FromNumber(m),
        DateOnly date => FromNumber(long.Parse(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
        DateTime dateTime => FromValue(DateOnly.FromDateTime(dateTime)),
        Enum e => FromText(e.ToString()),
        IEnumerable items => FromText(string.Join(",", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)))),
        IFormattable formattable => FromText(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => throw new BankInsightException(ErrorIds.ResultValueInvalid, ErrorKind.InvalidData,
            $"A value of type {value.GetType().Name} cannot be written to a bank result file; select text or number properties.", value),
    };

    /// <inheritdoc />
    public bool Equals(ResultField other) => Kind == other.Kind && Text == other.Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResultField other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Text);

    /// <summary>Equality.</summary>
    public static bool operator ==(ResultField left, ResultField right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ResultField left, ResultField right) => !left.Equals(right);

    /// <summary>The field as it appears in the file.</summary>
    public override string ToString() => Kind switch
    {
        ResultFieldKind.Text => "\"" + Text!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        ResultFieldKind.Number => Text!,
        _ => string.Empty,
    };
}
