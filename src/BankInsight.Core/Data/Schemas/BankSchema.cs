using BankInsight.Common;
using System.Security.Cryptography;
using System.Text;

namespace BankInsight.Data.Schemas;

/// <summary>
/// The layout of one kind of input file: columns in file order with types and value lists,
/// the key column, and (for retail) the segmentation columns and product mapping.
/// Immutable; build one with <see cref="SchemaJson.Parse"/> or <see cref="BuiltInSchemas"/>.
/// </summary>
public sealed class BankSchema
{
    private readonly Dictionary<string, SchemaColumn> _byName;

    internal BankSchema(string name, string? description, IReadOnlyList<SchemaColumn> columns, string? keyColumn,
        IReadOnlyList<string> segmentationColumns, IReadOnlyList<ProductDefinition> products)
    {
        Name = name;
        Description = description;
        Columns = columns.ToTextList();
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        KeyColumn = keyColumn is null ? null : _byName[keyColumn];
        SegmentationColumns = segmentationColumns.ToTextList();
        Products = products.ToTextList();
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>Schema name (CorporateChurn, CorporateProspect, ProspectRelation, Retail, or a user's own).</summary>
    public string Name { get; }

    /// <summary>What the file holds, for people.</summary>
    public string? Description { get; }

    /// <summary>Columns in file order.</summary>
    public IReadOnlyList<SchemaColumn> Columns { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>The customer id column whose values must be unique, or null when rows may repeat ids.</summary>
    public SchemaColumn? KeyColumn { get; }

    /// <summary>Retail: the columns k-means segments on (columns.ini <c>groupby</c>).</summary>
    public IReadOnlyList<string> SegmentationColumns { get; }

    /// <summary>Retail: the 8 products and the balances that define holding them.</summary>
    public IReadOnlyList<ProductDefinition> Products { get; }

    /// <summary>
    /// 16 hex digits of SHA-256 over everything that changes how a file is read (names, order,
    /// types, value lists, codes). Models remember it and refuse data with another fingerprint.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The column with this exact name, or null.</summary>
    public SchemaColumn? Find(string columnName) => _byName.GetValueOrDefault(columnName);

    /// <summary>The column with this exact name; throws a clear error naming the schema otherwise.</summary>
    public SchemaColumn Get(string columnName) =>
        Find(columnName) ?? throw new KeyNotFoundException($"Schema '{Name}' has no column '{columnName}'.");

    private string ComputeFingerprint()
    {
        // A canonical, culture-free text: one line per column, fields separated by control
        // characters that cannot appear in the bank's names.
        var text = new StringBuilder("bankinsight-schema-fingerprint/1\n");
        text.Append(KeyColumn?.Name).Append('\n');
        foreach (var c in Columns)
        {
            text.Append(c.Name).Append('\t').Append(c.Type.ToString()).Append('\t').Append(c.IsOpen ? '1' : '0').Append('\t');
            text.AppendJoin('\u001f', c.Values).Append('\t');
            foreach (var code in c.Codes.Keys.OrderBy(k => k, StringComparer.Ordinal))
                text.Append(code).Append('=').Append(c.Codes[code]).Append('\u001f');
            text.Append('\n');
        }
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({ColumnCount} columns)";
}
