using BankInsight.Features;

namespace BankInsight.Learners.Trees;

/// <summary>
/// The training rows as bins, one byte column per feature (column-major: a feature's
/// histogram reads one column, so features can be histogrammed in parallel, each summed in
/// row order — which keeps results independent of the thread count).
/// </summary>
internal sealed class BinnedFeatures
{
    public BinnedFeatures(FeatureMatrix matrix, BinMapper[] mappers, ParallelOptions parallel)
    {
        Mappers = mappers;
        RowCount = matrix.RowCount;
        Columns = new byte[matrix.FeatureCount][];
        Offsets = new int[matrix.FeatureCount + 1];
        for (int f = 0; f < mappers.Length; f++) Offsets[f + 1] = Offsets[f] + mappers[f].BinCount;
        Parallel.For(0, matrix.FeatureCount, parallel, f =>
        {
            var column = matrix.Columns[f];
            var mapper = mappers[f];
            var bins = new byte[RowCount];
            if (column.Kind == FeatureKind.Numeric)
            {
                var values = column.NumericData!;
                for (int r = 0; r < bins.Length; r++) bins[r] = mapper.NumericBin(values[r]);
            }
            else
            {
                var codes = column.CodeData!;
                for (int r = 0; r < bins.Length; r++) bins[r] = mapper.CategoryBin(codes[r]);
            }
            Columns[f] = bins;
        });
    }

    public BinMapper[] Mappers { get; }

    /// <summary>Bin columns, one per feature.</summary>
    public byte[][] Columns { get; }

    /// <summary>Start of each feature's bins in a histogram; the last entry is the total.</summary>
    public int[] Offsets { get; }

    public int RowCount { get; }

    public int FeatureCount => Columns.Length;

    public int TotalBins => Offsets[^1];
}
