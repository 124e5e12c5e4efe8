namespace BankInsight.Data.Reading;

/// <summary>Why a row was rejected. Stable names: scripts group and count on them.</summary>
public enum RejectReason
{
    /// <summary>The row has more or fewer fields than the schema (or header) says.</summary>
    WrongFieldCount,
    /// <summary>A numeric column holds something that is not a number.</summary>
    NotANumber,
    /// <summary>An integer column holds a number with a fraction.</summary>
    NotAnInteger,
    /// <summary>A categorical or flag column holds a value outside its value list.</summary>
    NotInValueList,
    /// <summary>A date column holds something that is not a valid calendar date.</summary>
    InvalidDate,
    /// <summary>The customer id was already seen on an earlier row (the first one is kept).</summary>
    DuplicateId,
    /// <summary>The customer id is empty.</summary>
    MissingId,
    /// <summary>A quoted field is not closed, or text follows its closing quote.</summary>
    MalformedQuotes,
    /// <summary>Text bytes are not valid in the file's encoding.</summary>
    InvalidText,
    /// <summary>A number lies beyond ±10¹⁵, larger than any amount or count in the bank's files (a units or export error, or 1e308).</summary>
    OutOfRange,
    /// <summary>Text holds a control character (NUL, tab, a line break, an escape code) or a byte order mark.</summary>
    ControlCharacter,
}
