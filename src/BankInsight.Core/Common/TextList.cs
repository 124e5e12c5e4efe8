using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace BankInsight.Common;

/// <summary>
/// A read-only list that reads as text: <see cref="ToString"/> joins the items with ";". The lists
/// on objects the module emits are of this type, so that Export-Csv and Export-Excel — which write
/// a property's ToString() — put "存款;理财" in the cell instead of "System.String[]", while
/// PowerShell still enumerates, indexes and tests it (-contains) as a list.
/// </summary>
/// <typeparam name="T">Item type; each item's own ToString() is what the text shows.</typeparam>
[CollectionBuilder(typeof(TextCollections), nameof(TextCollections.Create))]
public sealed class TextList<T> : ReadOnlyCollection<T>
{
    /// <summary>Wraps <paramref name="items"/> (not copied: pass a list nobody changes).</summary>
    public TextList(IList<T> items) : base(items) { }

    /// <summary>The items joined with ";" (the separator of every joined list in BankInsight's output), numbers culture-free.</summary>
    public override string ToString() => string.Join(";", this.Select(item => Convert.ToString(item, CultureInfo.InvariantCulture)));
}

/// <summary>A read-only dictionary that reads as text: "key=value;key=value" (see <see cref="TextList{T}"/>).</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class TextMap<TKey, TValue> : ReadOnlyDictionary<TKey, TValue> where TKey : notnull
{
    /// <summary>Wraps <paramref name="items"/> (not copied: pass a dictionary nobody changes).</summary>
    public TextMap(IDictionary<TKey, TValue> items) : base(items) { }

    /// <summary>The pairs as "key=value", joined with ";", in the dictionary's order.</summary>
    public override string ToString() => string.Join(";", this.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));
}

/// <summary>Shorthands that make text lists and maps.</summary>
public static class TextCollections
{
    /// <summary>A <see cref="TextList{T}"/> of <paramref name="items"/> (a copy): what <c>[a, b]</c> makes.</summary>
    public static TextList<T> Create<T>(ReadOnlySpan<T> items) => new(items.ToArray());

    /// <summary>The items as a <see cref="TextList{T}"/> (a copy).</summary>
    public static TextList<T> ToTextList<T>(this IEnumerable<T> items) => new(items.ToArray());

    /// <summary>The pairs as a <see cref="TextMap{TKey, TValue}"/> (a copy, insertion order kept).</summary>
    public static TextMap<TKey, TValue> ToTextMap<TKey, TValue>(this IEnumerable<KeyValuePair<TKey, TValue>> pairs) where TKey : notnull =>
        new(pairs.ToDictionary(p => p.Key, p => p.Value));
}
