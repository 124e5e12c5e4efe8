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
    private TransactionSet(IReadOnlyList<string> itemNames, int[] offsets, int[] items)
    {
        ItemNames = itemNames;
        Offsets = offsets;
        Items = items;
    }

    /// <summary>Item names by id.</summary>
    public IReadOnlyList<string> ItemNames { get; }

    /// <summary>Number of transactions.</summary>
    public int Count => Offsets.Length - 1;

    internal int[] Offsets { get; }

    internal int[] Items { get; }

    /// <summary>The item ids of transaction <paramref name="t"/>.</summary>
    public ReadOnlySpan<int> this[int t] => Items.AsSpan(Offsets[t], Offsets[t + 1] - Offsets[t]);

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

    /// <summary>Transactions from one bit mask per customer (bit i = item i held), e.g. the 8 retail products.</summary>
    public static TransactionSet FromMasks(ReadOnlySpan<int> masks, IReadOnlyList<string> itemNames)
    {
        if (itemNames.Count > 31) throw new ArgumentException("At most 31 items fit a mask.", nameof(itemNames));
        var offsets = new int[masks.Length + 1];
        int total = 0;
        foreach (int m in masks) total += System.Numerics.BitOperations.PopCount((uint)m);
        var items = new int[total];
        int at = 0;
        for (int t = 0; t < masks.Length; t++)
        {
            for (int i = 0; i < itemNames.Count; i++)
                if ((masks[t] & (1 << i)) != 0) items[at++] = i;
            offsets[t + 1] = at;
        }
        return new TransactionSet(itemNames, offsets, items);
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
