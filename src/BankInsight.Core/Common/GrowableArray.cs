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
        if (Count == _items.Length) Array.Resize(ref _items, Math.Max(16, checked(_items.Length * 2)));
        _items[Count++] = item;
    }

    /// <summary>
    /// The items as an array of exactly <see cref="Count"/> elements; the builder is empty afterwards,
    /// ready for <paramref name="nextCapacity"/> more (a loader handing over one chunk and reading the next).
    /// </summary>
    public T[] ToArrayAndClear(int nextCapacity = 0)
    {
        var result = _items;
        if (result.Length != Count) Array.Resize(ref result, Count);
        _items = nextCapacity > 0 ? new T[nextCapacity] : [];
        Count = 0;
        return result;
    }

    /// <summary>
    /// Chunk mode: the items as an array of exactly <see cref="Count"/> elements, and the builder empty.
    /// A full array is handed over as it is and written again by the next chunk — so a file read in
    /// chunks allocates its buffers once, not once per chunk — which is safe because a chunk's consumer
    /// is done with it before the next chunk is read. A partial (last) chunk gets a copy.
    /// </summary>
    /// <param name="alternate">Lend two buffers in turn: a chunk stays intact while the next is read (a consumer working on it meanwhile).</param>
    public T[] Lend(bool alternate = false)
    {
        if (Count != _items.Length) return ToArrayAndClear(_items.Length);
        Count = 0;
        if (!alternate) return _items;
        var lent = _items;
        _items = _spare ?? new T[lent.Length];
        _spare = lent;
        return lent;
    }

    private T[]? _spare;
}
