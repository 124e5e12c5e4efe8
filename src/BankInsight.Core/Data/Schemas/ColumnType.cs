namespace BankInsight.Data.Schemas;

/// <summary>How a column's text is read and stored.</summary>
public enum ColumnType
{
    /// <summary>Kept verbatim as a string (ids, names, addresses); never parsed as a number.</summary>
    Text,
    /// <summary>A real number (balances, amounts); stored as double with a null mask.</summary>
    Number,
    /// <summary>A whole number (counts, years); "3.0" is accepted, "3.5" is rejected.</summary>
    Integer,
    /// <summary>0 or 1 (否/是).</summary>
    Flag,
    /// <summary>One of a list of values (or codes standing for them); stored as an index.</summary>
    Categorical,
    /// <summary>A calendar date written yyyyMMdd, yyyy-MM-dd or yyyy/MM/dd.</summary>
    Date,
}
