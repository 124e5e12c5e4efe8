using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Schemas;
using BankInsight.Rules;

namespace BankInsight.Jobs.Retail;

/// <summary>
/// Which of the schema's products each customer holds (SPEC "3."): a product is held when any
/// of its balance columns is &gt; 0; 历史 (historical) balances never count, and a missing
/// balance means not held. One bit mask per customer, bit i = product i in schema order, so the
/// 8 retail products fit an int and all 256 holding patterns can be tabulated.
/// </summary>
public sealed class ProductHoldings
{
    private ProductHoldings(IReadOnlyList<ProductDefinition> products, int[] masks)
    {
        Products = products;
        Masks = masks;
    }

    /// <summary>Products in schema order.</summary>
    public IReadOnlyList<ProductDefinition> Products { get; }

    /// <summary>One mask per customer (row order).</summary>
    public int[] Masks { get; }

    /// <summary>Number of customers.</summary>
    public int Count => Masks.Length;

    /// <summary>Product names in schema order (the items of the rules).</summary>
    public IReadOnlyList<string> ProductNames => Products.Select(p => p.Name).ToArray();

    /// <summary>Holdings already worked out, one mask per customer (a file read in chunks).</summary>
    internal static ProductHoldings FromMasks(IReadOnlyList<ProductDefinition> products, int[] masks) => new(products, masks);

    /// <summary>Holdings of <paramref name="data"/> (a schema with products, such as Retail).</summary>
    public static ProductHoldings FromData(CustomerDataSet data, IOperationSink sink)
    {
        var products = data.Schema.Products;
        if (products.Count == 0)
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                $"Schema {data.Schema.Name} defines no products, so {data.Source} has no holdings to mine; use the Retail schema or add \"products\" to your schema.", data.Source);
        if (products.Count > 31)
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"Schema {data.Schema.Name} defines {products.Count} products; at most 31 are supported.", data.Schema.Name);
        var masks = new int[data.RowCount];
        for (int p = 0; p < products.Count; p++)
        {
            int bit = 1 << p;
            foreach (var name in products[p].BalanceColumns)
            {
                if (data.Find(name) is not NumericColumn balance)
                {
                    sink.Warning($"{data.Source}: balance column {name} is absent or empty in every row, so it marks nobody as holding {products[p].Name}.");
                    continue;
                }
                var values = balance.Values;
                for (int i = 0; i < masks.Length; i++)
                    if (values[i] > 0) masks[i] |= bit;   // NaN (missing) compares false: not held
            }
        }
        return new ProductHoldings(products, masks);
    }

    /// <summary>The customers at <paramref name="rows"/> as baskets of product ids (all customers when null).</summary>
    public TransactionSet ToTransactions(ReadOnlySpan<int> rows = default)
    {
        if (rows.IsEmpty) return TransactionSet.FromMasks(Masks, ProductNames);
        var subset = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) subset[i] = Masks[rows[i]];
        return TransactionSet.FromMasks(subset, ProductNames);
    }

    private readonly Dictionary<int, string> _texts = [];

    /// <summary>
    /// Product names in <paramref name="mask"/> joined with ';' ("存款;理财"), as result objects show
    /// holdings. Made once per holding pattern: a million customers share at most 2^P of them.
    /// </summary>
    public string Text(int mask)
    {
        if (!_texts.TryGetValue(mask, out var text)) _texts[mask] = text = string.Join(";", Names(mask));
        return text;
    }

    /// <summary>Product names in <paramref name="mask"/>, in schema order.</summary>
    public string[] Names(int mask) => Enumerable.Range(0, Products.Count).Where(p => (mask & (1 << p)) != 0).Select(p => Products[p].Name).ToArray();

    /// <summary>Product codes in <paramref name="mask"/>, comma-separated ("3,4"), in schema order.</summary>
    public string Codes(int mask) => string.Join(",", Enumerable.Range(0, Products.Count).Where(p => (mask & (1 << p)) != 0).Select(p => Products[p].Code));

    /// <summary>Share of customers holding each product, in schema order.</summary>
    public double[] Shares(ReadOnlySpan<int> rows = default)
    {
        var counts = new long[Products.Count];
        int n = rows.IsEmpty ? Masks.Length : rows.Length;
        for (int i = 0; i < n; i++)
        {
            int m = Masks[rows.IsEmpty ? i : rows[i]];
            for (int p = 0; p < counts.Length; p++) if ((m & (1 << p)) != 0) counts[p]++;
        }
        return counts.Select(c => n == 0 ? 0 : (double)c / n).ToArray();
    }
}
