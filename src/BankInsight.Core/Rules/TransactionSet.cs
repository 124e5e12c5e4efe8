using BankInsight.Common;

namespace BankInsight.Rules;

/// <summary>
/// Transactions (baskets) over named items, compressed: item ids are positions in
/// <see cref="ItemNames"/> (from lists: sorted ordinally, so ids do not depend on input order;
/// from masks: bit positions) and each transaction's ids are sorted and distinct, stored back
/// to back (CSR layout).
/// </summary>
public sealed class TransactionSet
{
    private TransactionSet(IReadOnlyList<string> itemNames, int[] offsets, int[] items, int[]? weights = null)
    {
        ItemNames = itemNames;
        Offsets = offsets;
        Items = items;
        Weights = weights;
        Count = weights is null ? offsets.Length - 1 : (int)weights.Sum(w => (long)w);
    }

    /// <summary>Item names by id.</summary>
    public IReadOnlyList<string> ItemNames { get; }

    /// <summary>Number of transactions (the denominator of every support), duplicates included.</summary>
    public int Count { get; }

    /// <summary>
    /// Number of stored baskets: <see cref="Count"/>, or fewer when identical baskets are stored
    /// once with a weight (<see cref="FromMasks"/>: a million customers over 8 products are at most
    /// 256 distinct baskets, so mining them costs microseconds).
    /// </summary>
    public int Baskets => Offsets.Length - 1;

    internal int[] Offsets { get; }

    internal int[] Items { get; }

    /// <summary>How many transactions each stored basket stands for; null when every basket counts once.</summary>
    internal int[]? Weights { get; }

    /// <summary>The item ids of stored basket <paramref name="b"/>.</summary>
    public ReadOnlySpan<int> this[int b] => Items.AsSpan(Offsets[b], Offsets[b + 1] - Offsets[b]);

    /// <summary>How many transactions stored basket <paramref name="b"/> stands for.</summary>
    public int Weight(int b) => Weights?[b] ?? 1;

    /// <summary>Transactions from lists of item names; duplicates within a basket count once.</summary>
    public static TransactionSet FromLists(IEnumerable<IEnumerable<string>> baskets)
    {
        var lists = baskets.Select(b => b.ToArray()).ToList();
        var names = lists.SelectMany(b => b).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var id = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++) id[names[i]] = i;
        var offsets = new int[lists.Count + 1];
        var items = new List<int>();
        for (int t = 0; t < lists.Count; t++)
        {
            var ids = lists[t].Select(n => id[n]).Distinct().Order().ToArray();
            items.AddRange(ids);
            offsets[t + 1] = items.Count;
        }
        return new TransactionSet(names, offsets, items.ToArray());
    }

    /// <summary>
    /// Transactions from one bit mask per customer (bit i = item i held), e.g. the 8 retail
    /// products; identical masks are stored once with their count, in ascending mask order.
    /// </summary>
    public static TransactionSet FromMasks(ReadOnlySpan<int> masks, IReadOnlyList<string> itemNames)
    {
        if (itemNames.Count > 31) throw new ArgumentException("At most 31 items fit a mask.", nameof(itemNames));
        var counts = new Dictionary<int, int>();
        foreach (int m in masks) counts[m] = counts.GetValueOrDefault(m) + 1;
        var distinct = counts.Keys.Order().ToArray();
        var offsets = new int[distinct.Length + 1];
        var weights = new int[distinct.Length];
        var items = new List<int>();
        for (int b = 0; b < distinct.Length; b++)
        {
            for (int i = 0; i < itemNames.Count; i++)
                if ((distinct[b] & (1 << i)) != 0) items.Add(i);
            offsets[b + 1] = items.Count;
            weights[b] = counts[distinct[b]];
        }
        return new TransactionSet(itemNames, offsets, items.ToArray(), weights);
    }

    /// <summary>
    /// Reads a basket file: one transaction per line, items separated by <paramref name="separator"/>
    /// (space for FIMI .dat files, comma for groceries.csv); surrounding spaces are trimmed and empty items skipped.
    /// </summary>
    public static TransactionSet Read(string path, char separator)
    {
        if (!File.Exists(path))
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound, $"Transaction file '{path}' does not exist.", path);
        return FromLists(File.ReadLines(path)
            .Select(line => line.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(items => items.Length > 0));
    }
}
