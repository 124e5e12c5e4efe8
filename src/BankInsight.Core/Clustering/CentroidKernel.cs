using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BankInsight.Clustering;

/// <summary>
/// Squared Euclidean distances from points to a small set of centres, SIMD across rows: for a
/// vector of W rows (8 floats with AVX2) and four centres at a time, each dimension is loaded
/// once and its squared difference added to four register accumulators. O(n·k·d) multiply-adds,
/// no k×n distance matrix in memory.
/// </summary>
/// <remarks>
/// Deterministic: a point's distance is summed over dimensions in ascending order in single
/// precision, the same in the vector body and the scalar tail, so it does not depend on where the
/// point falls in a block or on threads. Ties go to the lower centre index, as numpy's argmin.
/// </remarks>
internal sealed class CentroidKernel
{
    private const int Group = 4;
    private readonly float[] _centres;            // k × d, row-major
    private readonly Vector<float>[] _broadcast;  // [group][dimension][4]: centre coordinates splatted across lanes

    /// <summary>A kernel over <paramref name="centres"/> (k × d, row-major).</summary>
    public CentroidKernel(ReadOnlySpan<double> centres, int k, int d)
    {
        Count = k;
        Dimensions = d;
        _centres = new float[k * d];
        for (int i = 0; i < _centres.Length; i++) _centres[i] = (float)centres[i];
        int groups = (k + Group - 1) / Group;
        _broadcast = new Vector<float>[groups * d * Group];
        for (int g = 0; g < groups; g++)
            for (int f = 0; f < d; f++)
                for (int m = 0; m < Group; m++)
                {
                    // Pad the last group with copies of the last centre: equal distances never win a strict '<'.
                    int j = Math.Min(g * Group + m, k - 1);
                    _broadcast[(g * d + f) * Group + m] = new Vector<float>(_centres[j * d + f]);
                }
    }

    /// <summary>Number of centres.</summary>
    public int Count { get; }

    /// <summary>Number of dimensions.</summary>
    public int Dimensions { get; }

    /// <summary>For rows [start, end): the nearest centre and the squared distance to it (outputs indexed from 0 = start).</summary>
    public void Nearest(PointMatrix points, int start, int end, Span<int> labels, Span<float> distances)
    {
        var columns = points.Columns;
        int w = Vector<float>.Count, groups = _broadcast.Length / (Dimensions * Group);
        int row = start;
        for (; row + w <= end; row += w)
        {
            var best = new Vector<float>(float.PositiveInfinity);
            var bestIndex = Vector<int>.Zero;
            for (int g = 0; g < groups; g++)
            {
                GroupSums(columns, row, g, out var a0, out var a1, out var a2, out var a3);
                int j = g * Group;
                Keep(a0, j, ref best, ref bestIndex);
                Keep(a1, j + 1, ref best, ref bestIndex);
                Keep(a2, j + 2, ref best, ref bestIndex);
                Keep(a3, j + 3, ref best, ref bestIndex);
            }
            best.CopyTo(distances[(row - start)..]);
            bestIndex.CopyTo(labels[(row - start)..]);
        }
        for (; row < end; row++)
        {
            float best = float.PositiveInfinity;
            int bestIndex = 0;
            for (int j = 0; j < Count; j++)
            {
                float s = ScalarDistance(columns, row, j);
                if (s < best) (best, bestIndex) = (s, j);
            }
            distances[row - start] = best;
            labels[row - start] = bestIndex;
        }
    }

    /// <summary>For rows [start, end): the squared distance to every centre, centre-major (<c>output[j * (end − start) + i]</c>).</summary>
    public void All(PointMatrix points, int start, int end, Span<float> output)
    {
        var columns = points.Columns;
        int w = Vector<float>.Count, groups = _broadcast.Length / (Dimensions * Group), length = end - start;
        int row = start;
        for (; row + w <= end; row += w)
        {
            for (int g = 0; g < groups; g++)
            {
                GroupSums(columns, row, g, out var a0, out var a1, out var a2, out var a3);
                int j = g * Group, at = row - start;
                a0.CopyTo(output[(j * length + at)..]);
                if (j + 1 < Count) a1.CopyTo(output[((j + 1) * length + at)..]);
                if (j + 2 < Count) a2.CopyTo(output[((j + 2) * length + at)..]);
                if (j + 3 < Count) a3.CopyTo(output[((j + 3) * length + at)..]);
            }
        }
        for (; row < end; row++)
            for (int j = 0; j < Count; j++)
                output[j * length + row - start] = ScalarDistance(columns, row, j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void GroupSums(float[][] columns, int row, int g, out Vector<float> a0, out Vector<float> a1, out Vector<float> a2, out Vector<float> a3)
    {
        a0 = a1 = a2 = a3 = Vector<float>.Zero;
        ref var c = ref MemoryMarshal.GetArrayDataReference(_broadcast);
        nuint at = (nuint)(g * Dimensions * Group);
        for (int f = 0; f < columns.Length; f++, at += Group)
        {
            var x = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(columns[f]), (nuint)row);
            var t0 = x - Unsafe.Add(ref c, at);
            var t1 = x - Unsafe.Add(ref c, at + 1);
            var t2 = x - Unsafe.Add(ref c, at + 2);
            var t3 = x - Unsafe.Add(ref c, at + 3);
            a0 += t0 * t0;
            a1 += t1 * t1;
            a2 += t2 * t2;
            a3 += t3 * t3;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(Vector<float> distance, int j, ref Vector<float> best, ref Vector<int> bestIndex)
    {
        var closer = Vector.LessThan(distance, best);
        best = Vector.ConditionalSelect(closer, distance, best);
        bestIndex = Vector.ConditionalSelect(closer, new Vector<int>(j), bestIndex);
    }

    private float ScalarDistance(float[][] columns, int row, int j)
    {
        float s = 0;
        int at = j * Dimensions;
        for (int f = 0; f < columns.Length; f++)
        {
            float t = columns[f][row] - _centres[at + f];
            s += t * t;
        }
        return s;
    }
}
