namespace BankInsight.Data.Columns;

/// <summary>
/// A number column kept for later in half the memory, exactly: each block of rows (a chunk as the
/// loader hands it over) is stored as whole cents in 4 bytes when every value in it is money to
/// the cent within ±21,474,836.47 — ages, counts, flags, category indexes and balances alike — and
/// as doubles otherwise. Exactness is tested value by value, not assumed: a block is stored as cents
/// only when cents ÷ 100 gives back the very double that was read (both are the correctly rounded
/// value of the same decimal), so every result computed from these numbers is the result from the
/// doubles. Missing values (NaN) stay missing.
/// </summary>
public sealed class CompactNumbers
{
    private const int MissingCents = int.MinValue;
    private readonly List<int[]?> _cents = [];
    private readonly List<double[]?> _doubles = [];
    private readonly List<int> _firstRows = [];

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Blocks that needed doubles (a value with more than two decimals, or beyond the cents range).</summary>
    public int DoubleBlocks => _doubles.Count(d => d is not null);

    /// <summary>Bytes of values held.</summary>
    public long Bytes => _cents.Sum(c => (long?)c?.Length * 4 ?? 0) + _doubles.Sum(d => (long?)d?.Length * 8 ?? 0);

    /// <summary>Appends a block of values (NaN: missing).</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        _firstRows.Add(Count);
        var cents = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!TryCents(values[i], out cents[i]))
            {
                _cents.Add(null);
                _doubles.Add(values.ToArray());
                Count += values.Length;
                return;
            }
        }
        _cents.Add(cents);
        _doubles.Add(null);
        Count += values.Length;
    }

    /// <summary>Every value in row order, as the doubles that were added.</summary>
    public double[] ToArray()
    {
        var all = new double[Count];
        CopyTo(all);
        return all;
    }

    /// <summary>Every value in row order into <paramref name="all"/> (at least <see cref="Count"/> long).</summary>
    public void CopyTo(Span<double> all)
    {
        for (int b = 0; b < _firstRows.Count; b++)
        {
            var target = all[_firstRows[b]..];
            if (_doubles[b] is { } d) d.CopyTo(target);
            else
            {
                var c = _cents[b]!;
                for (int i = 0; i < c.Length; i++) target[i] = c[i] == MissingCents ? double.NaN : c[i] / 100.0;
            }
        }
    }

    /// <summary>
    /// Whole cents of <paramref name="value"/> when they give it back exactly (NaN: the missing marker).
    /// </summary>
    internal static bool TryCents(double value, out int cents)
    {
        if (double.IsNaN(value))
        {
            cents = MissingCents;
            return true;
        }
        double scaled = Math.Round(value * 100);
        if (scaled is > int.MaxValue or <= MissingCents || scaled / 100.0 != value || (value == 0 && double.IsNegative(value)))
        {
            cents = 0;
            return false;
        }
        cents = (int)scaled;
        return true;
    }
}
