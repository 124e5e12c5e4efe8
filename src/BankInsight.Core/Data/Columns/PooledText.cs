using System.Text;

namespace BankInsight.Data.Columns;

/// <summary>
/// Many short strings (customer ids, names) held as UTF-8 bytes in a few large blocks with one
/// offset per row, instead of one string object per row: a Chinese id of 15 digits costs 15 bytes
/// plus 8 of offset and length, not the 56 of a .NET string and its reference. Append-only; a row's
/// text is made into a string only when asked for (a result line, an object for the pipeline).
/// </summary>
public sealed class PooledText
{
    // Blocks rather than one array: growing never copies what is held, and no single array
    // approaches the 2 GB limit at thirty million rows.
    private const int BlockBytes = 1 << 22;
    private readonly List<byte[]> _blocks = [];
    private int _used = BlockBytes; // no block yet: the first append opens one
    private int[] _starts;
    private int[] _lengths;

    /// <summary>An empty pool with room for <paramref name="expectedRows"/> rows before it grows its offsets.</summary>
    public PooledText(int expectedRows = 1024)
    {
        _starts = new int[Math.Max(16, expectedRows)];
        _lengths = new int[_starts.Length];
    }

    /// <summary>Rows appended.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held (blocks and offsets), for memory accounting.</summary>
    public long Bytes => (long)_blocks.Count * BlockBytes + _starts.Length * 8L;

    /// <summary>Appends one row's text (null appends a missing value).</summary>
    public void Add(string? text)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, checked(_starts.Length * 2));
            Array.Resize(ref _lengths, _starts.Length);
        }
        if (text is null)
        {
            _lengths[Count++] = -1;
            return;
        }
        int bytes = Encoding.UTF8.GetByteCount(text);
        if (_blocks.Count == 0 || bytes > BlockBytes - _used)
        {
            _blocks.Add(new byte[Math.Max(BlockBytes, bytes)]);
            _used = 0;
        }
        var block = _blocks[^1];
        Encoding.UTF8.GetBytes(text, block.AsSpan(_used));
        _starts[Count] = _used;
        _lengths[Count] = bytes;
        if (_blockOf.Count == 0 || _blockOf[^1].Block != _blocks.Count - 1) _blockOf.Add((Count, _blocks.Count - 1));
        _used += bytes;
        Count++;
    }

    // Rows are appended in order and each block takes a run of consecutive rows: the first row of
    // each block is enough to find any row's block (binary search over a few hundred entries).
    private readonly List<(int FirstRow, int Block)> _blockOf = [];

    /// <summary>Appends every value of <paramref name="column"/>.</summary>
    public void AddRange(TextColumn column)
    {
        for (int i = 0; i < column.Length; i++) Add(column[i]);
    }

    /// <summary>The text of row <paramref name="row"/>, or null.</summary>
    public string? this[int row]
    {
        get
        {
            if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), row, $"The pool holds {Count} rows.");
            int length = _lengths[row];
            if (length < 0) return null;
            return Encoding.UTF8.GetString(_blocks[BlockOf(row)], _starts[row], length);
        }
    }

    private int BlockOf(int row)
    {
        var runs = _blockOf;
        int lo = 0, hi = runs.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (runs[mid].FirstRow <= row) lo = mid;
            else hi = mid - 1;
        }
        return runs[lo].Block;
    }
}
