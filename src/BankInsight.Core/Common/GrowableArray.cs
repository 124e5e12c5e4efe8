namespace BankInsight.Common;

/// <summary>
/// An append-only array allocated at an expected final size. When the expectation holds
/// (a clean file whose lines were counted beforehand) the backing array is handed over as-is:
/// no copies, and each page of memory is touched once — which matters at a gigabyte of columns.
/// Grows by doubling when the expectation was too small; trims once at the end when too big.
/// </summary>
internal sealed class GrowableArray<T>
{
    private T[] _items;

    public GrowableArray(int expectedCount) => _items = new T[Math.Max(16, expectedCount)];

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, checked(_items.Length * 2));
        _items[Count++] = item;
    }

    /// <summary>The items as an array of exactly <see cref="Count"/> elements; the builder is empty afterwards.</summary>
    public T[] ToArrayAndClear()
    {
        var result = _items;
        if (result.Length != Count) Array.Resize(ref result, Count);
        _items = [];
        Count = 0;
        return result;
    }
}
