namespace BankInsight.Data.Columns;

/// <summary>One bit per row, set where the value is missing (an empty field in the file).</summary>
public sealed class NullMask
{
    private readonly ulong[] _bits;

    internal NullMask(ulong[] bits, int length, int nullCount)
    {
        _bits = bits;
        Length = length;
        NullCount = nullCount;
    }

    /// <summary>"12 of 5,000 missing".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{NullCount:N0} of {Length:N0} missing");

    /// <summary>Number of rows covered.</summary>
    public int Length { get; }

    /// <summary>Number of missing values.</summary>
    public int NullCount { get; }

    /// <summary>True when row <paramref name="row"/> is missing.</summary>
    public bool IsNull(int row) => (_bits[row >> 6] & (1UL << row)) != 0;

    /// <summary>Mask of the NaN entries (how numeric columns store missing values).</summary>
    internal static NullMask OfNaN(double[] values)
    {
        var bits = new ulong[(values.Length + 63) >> 6];
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i])) continue;
            bits[i >> 6] |= 1UL << i;
            count++;
        }
        return new NullMask(bits, values.Length, count);
    }

    /// <summary>Mask of the entries equal to <paramref name="missing"/> (category -1, date <c>int.MinValue</c>).</summary>
    internal static NullMask OfValue(int[] values, int missing)
    {
        var bits = new ulong[(values.Length + 63) >> 6];
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] != missing) continue;
            bits[i >> 6] |= 1UL << i;
            count++;
        }
        return new NullMask(bits, values.Length, count);
    }

    /// <summary>Mask of the null strings.</summary>
    internal static NullMask OfNull(string?[] values)
    {
        var bits = new ulong[(values.Length + 63) >> 6];
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is not null) continue;
            bits[i >> 6] |= 1UL << i;
            count++;
        }
        return new NullMask(bits, values.Length, count);
    }
}
