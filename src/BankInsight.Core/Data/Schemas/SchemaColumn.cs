using BankInsight.Common;
namespace BankInsight.Data.Schemas;

/// <summary>One column of a <see cref="BankSchema"/>: its name, position, type and allowed values.</summary>
public sealed class SchemaColumn
{
    private readonly Dictionary<string, int> _lookup;

    internal SchemaColumn(int position, string name, ColumnType type, string? role,
        IReadOnlyList<string> values, IReadOnlyDictionary<string, string> codes, bool isOpen)
    {
        Position = position;
        Name = name;
        Type = type;
        Role = role;
        Values = values.ToTextList();
        Codes = codes.ToTextMap();
        IsOpen = isOpen;
        _lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < values.Count; i++) _lookup[values[i]] = i;
        foreach (var (code, label) in codes)
            _lookup.TryAdd(code, _lookup[label]);
    }

    /// <summary>Zero-based position in the file (for files without a header row).</summary>
    public int Position { get; }

    /// <summary>One-based column number, as error messages and the bank's dictionary count ("column 4").</summary>
    public int Number => Position + 1;

    /// <summary>Column name exactly as the bank's dictionary writes it.</summary>
    public string Name { get; }

    /// <summary>How the column is read.</summary>
    public ColumnType Type { get; }

    /// <summary>What the column means to the jobs ("id", "name", "address", …), or null for a plain feature.</summary>
    public string? Role { get; }

    /// <summary>For categoricals: the allowed values in order; the index is the stored code.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>For categoricals: codes the core systems export, each standing for one of <see cref="Values"/>.</summary>
    public IReadOnlyDictionary<string, string> Codes { get; }

    /// <summary>
    /// For categoricals: true when values outside <see cref="Values"/> are kept as extra
    /// categories (a code table that grows); false when they reject the row.
    /// </summary>
    public bool IsOpen { get; }

    /// <summary>True for the types stored as numbers (<see cref="ColumnType.Number"/>, Integer, Flag).</summary>
    public bool IsNumeric => Type is ColumnType.Number or ColumnType.Integer or ColumnType.Flag;

    /// <summary>Finds the value-list index for a value or code, ordinal comparison.</summary>
    public bool TryGetCategoryIndex(string valueOrCode, out int index) => _lookup.TryGetValue(valueOrCode, out index);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type})";
}
