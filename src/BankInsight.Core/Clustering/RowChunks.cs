namespace BankInsight.Clustering;

/// <summary>
/// Fixed row partitions for parallel loops: chunk boundaries depend only on the row count, and
/// callers combine per-chunk partial results in chunk order, so every sum is the same whatever
/// the number of threads.
/// </summary>
internal static class RowChunks
{
    /// <summary>Rows per chunk: a multiple of every SIMD width, large enough to amortise scheduling.</summary>
    public const int Size = 16384;

    public static int Count(int rows) => (rows + Size - 1) / Size;

    public static (int Start, int End) Bounds(int chunk, int rows) => (chunk * Size, Math.Min(rows, (chunk + 1) * Size));

    /// <summary>Runs <paramref name="body"/>(chunk, start, end) over every chunk, in parallel.</summary>
    public static void For(int rows, ParallelOptions parallel, Action<int, int, int> body)
    {
        int chunks = Count(rows);
        if (chunks == 1 || parallel.MaxDegreeOfParallelism == 1)
        {
            for (int c = 0; c < chunks; c++)
            {
                parallel.CancellationToken.ThrowIfCancellationRequested();
                var (start, end) = Bounds(c, rows);
                body(c, start, end);
            }
            return;
        }
        Parallel.For(0, chunks, parallel, c =>
        {
            var (start, end) = Bounds(c, rows);
            body(c, start, end);
        });
    }

    public static ParallelOptions Options(int threads, CancellationToken cancellationToken) =>
        new() { CancellationToken = cancellationToken, MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
}
