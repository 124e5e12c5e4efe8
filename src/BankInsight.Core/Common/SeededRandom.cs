namespace BankInsight.Common;

/// <summary>
/// The project's only random number generator: xoshiro256** seeded through SplitMix64.
/// </summary>
/// <remarks>
/// Why our own: results must be bit-identical across processes, machines and .NET versions
/// (a bank re-runs last month's list), and <see cref="Random"/> promises none of that.
/// Streams: <see cref="ForStream"/> derives an independent generator from (seed, stream, index),
/// so row <c>i</c> of a synthetic file is the same whether rows are made on one thread or many.
/// Reference: Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators" (2021).
/// </remarks>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    /// <summary>Creates a generator whose whole sequence is fixed by <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>An independent generator for item <paramref name="index"/> of stream <paramref name="stream"/>.</summary>
    public static SeededRandom ForStream(ulong seed, ulong stream, ulong index)
    {
        ulong x = seed ^ (stream * 0x9E3779B97F4A7C15UL);
        ulong a = SplitMix64(ref x);
        ulong y = a ^ (index * 0xD1B54A32D192ED03UL);
        return new SeededRandom(SplitMix64(ref y));
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="n"/>), without modulo bias.</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        // Lemire's multiply-shift with rejection.
        ulong bound = (ulong)n;
        while (true)
        {
            ulong r = NextUInt64();
            UInt128 m = (UInt128)r * bound;
            ulong low = (ulong)m;
            if (low >= bound || low >= (0UL - bound) % bound)
                return (int)(m >> 64);
        }
    }

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int NextInt(int min, int maxInclusive) => min + NextInt(maxInclusive - min + 1);

    /// <summary>
    /// <paramref name="size"/> distinct row numbers out of <paramref name="rows"/>, ascending (all rows
    /// when there are no more than <paramref name="size"/>): Floyd's algorithm, O(size) draws.
    /// </summary>
    public int[] SampleRows(int rows, int size)
    {
        if (rows <= size) return Enumerable.Range(0, rows).ToArray();
        var chosen = new HashSet<int>();
        for (int j = rows - size; j < rows; j++)
        {
            int t = NextInt(j + 1);
            if (!chosen.Add(t)) chosen.Add(j);
        }
        var result = chosen.ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Standard normal deviate (Marsaglia polar method).</summary>
    public double Normal()
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        return u * f;
    }

    /// <summary>Normal deviate with the given mean and standard deviation.</summary>
    public double Normal(double mean, double sd) => mean + sd * Normal();

    /// <summary>exp(N(mu, sigma)).</summary>
    public double LogNormal(double mu, double sigma) => Math.Exp(Normal(mu, sigma));

    /// <summary>Poisson deviate; exact inversion for small means, rounded normal above 30.</summary>
    public int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30)
            return Math.Max(0, (int)Math.Round(Normal(lambda, Math.Sqrt(lambda))));
        double limit = Math.Exp(-lambda), product = NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= NextDouble();
        }
        return k;
    }

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public int Choose(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double w in weights) total += w;
        double r = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
