using BankInsight.Clustering;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;

namespace BankInsight.Jobs.Retail;

/// <summary>How one column becomes one k-means coordinate: (value − Mean) / Scale.</summary>
/// <param name="Name">The column.</param>
/// <param name="IsCategorical">True when the value is the category's index in the schema's value list.</param>
/// <param name="Mean">Mean of the non-missing values at training time; missing values become it (coordinate 0).</param>
/// <param name="Scale">Population standard deviation at training time (1 for a constant column).</param>
public sealed record SegmentFeature(string Name, bool IsCategorical, double Mean, double Scale);

/// <summary>
/// The segmentation columns (the Retail schema's 28 <c>groupby</c> columns) as standardized
/// coordinates: numbers, flags and counts as they are, categoricals by their index in the value
/// list (as the old delivery did), every one z-scored so that no column dominates by its units
/// — the old delivery's unscaled age outweighed all the rest. Missing values sit at the mean.
/// </summary>
public sealed class SegmentFeatures
{
    internal SegmentFeatures(IReadOnlyList<SegmentFeature> features) => Features = features;

    /// <summary>"28 z-scored columns: 年龄;性别;…".</summary>
    public override string ToString() => $"{Features.Count} z-scored columns: {string.Join(";", Features.Select(f => f.Name))}";

    /// <summary>The coordinates, in order.</summary>
    public IReadOnlyList<SegmentFeature> Features { get; }

    /// <summary>Learns means and scales of <paramref name="columns"/> in <paramref name="data"/>; absent (all-empty) columns are skipped with a warning.</summary>
    public static SegmentFeatures Fit(CustomerDataSet data, IReadOnlyList<string> columns, IOperationSink sink) =>
        Fit(new DataSetColumns(data), columns, sink);

    /// <summary>The same, over columns held some other way (a file read in chunks keeps them compact).</summary>
    internal static SegmentFeatures Fit(ISegmentColumns data, IReadOnlyList<string> columns, IOperationSink sink)
    {
        if (columns.Count == 0)
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                $"Schema {data.SchemaName} lists no segmentation columns; use the Retail schema or add \"segmentation\" to your schema.", data.SchemaName);
        var features = new List<SegmentFeature>();
        foreach (var name in columns)
        {
            if (data.Raw(name) is not { } raw)
            {
                sink.Warning($"{data.Source}: segmentation column {name} is empty in every row; segmenting without it.");
                continue;
            }
            var (mean, sd, count) = Moments.Of(raw.Span);
            if (count == 0) { sink.Warning($"{data.Source}: segmentation column {name} has no values; segmenting without it."); continue; }
            features.Add(new SegmentFeature(name, data.IsCategorical(name), mean, sd > Serialization.ModelLimits.MinScale ? sd : 1));
        }
        if (features.Count == 0)
            throw new BankInsightException(ErrorIds.TrainingDataInvalid, ErrorKind.InvalidData, $"{data.Source} has none of the segmentation columns filled.", data.Source);
        return new SegmentFeatures(features);
    }

    /// <summary>The standardized coordinates of every row of <paramref name="data"/>; a column absent from the data sits at the mean, with a warning.</summary>
    public PointMatrix Apply(CustomerDataSet data, IOperationSink sink) => Apply(new DataSetColumns(data), sink);

    /// <summary>The same, over columns held some other way.</summary>
    internal PointMatrix Apply(ISegmentColumns data, IOperationSink sink)
    {
        var columns = new float[Features.Count][];
        float[]? atMean = null; // shared by every absent column: k-means never writes its points
        for (int f = 0; f < Features.Count; f++)
        {
            var feature = Features[f];
            if (data.Raw(feature.Name) is not { } memory)
            {
                sink.Warning($"{data.Source}: segmentation column {feature.Name} is empty in every row; every customer is placed at its training mean.");
                columns[f] = atMean ??= new float[data.RowCount];
                continue;
            }
            var values = columns[f] = new float[data.RowCount];
            var raw = memory.Span;
            for (int i = 0; i < values.Length; i++)
                values[i] = double.IsNaN(raw[i]) ? 0f : Coordinate((raw[i] - feature.Mean) / feature.Scale);
        }
        return new PointMatrix(columns);
    }

    /// <summary>Segmentation columns as numbers, however they are held.</summary>
    internal interface ISegmentColumns
    {
        string SchemaName { get; }

        string Source { get; }

        int RowCount { get; }

        /// <summary>The column's values as numbers (categories as their index), NaN when missing; null when absent or empty in every row.</summary>
        ReadOnlyMemory<double>? Raw(string name);

        bool IsCategorical(string name);
    }

    private sealed class DataSetColumns(CustomerDataSet data) : ISegmentColumns
    {
        public string SchemaName => data.Schema.Name;

        public string Source => data.Source;

        public int RowCount => data.RowCount;

        public ReadOnlyMemory<double>? Raw(string name) => data.Find(name) is { } column ? RawMemory(column, data.Source) : null;

        public bool IsCategorical(string name) => data.Find(name) is CategoricalColumn;
    }

    /// <summary>
    /// Largest coordinate magnitude, in standard deviations: 10¹⁵. A value further out (a number
    /// near the end of the double range, or a model whose scale is tiny) is held there, so points
    /// stay finite and squared distances over 10,000 columns stay within single precision.
    /// Training data never comes near it: no z-score of n values exceeds √n.
    /// </summary>
    private const double MaxCoordinate = 1e15;

    private static float Coordinate(double z) => (float)Math.Clamp(z, -MaxCoordinate, MaxCoordinate);

    /// <summary>A column's values as numbers: numbers as they are (not copied), categories as their value-list index; NaN when missing.</summary>
    internal static ReadOnlySpan<double> Raw(DataColumn column, string source) => RawMemory(column, source).Span;

    private static ReadOnlyMemory<double> RawMemory(DataColumn column, string source)
    {
        switch (column)
        {
            case NumericColumn numeric:
                return numeric.Data;
            case CategoricalColumn categorical:
                var codes = categorical.Codes;
                var values = new double[codes.Length];
                for (int i = 0; i < values.Length; i++) values[i] = codes[i] < 0 ? double.NaN : codes[i];
                return values;
            default:
                throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                    $"{source}: segmentation column {column.Name} is {column.Type}; only numbers, integers, flags and categoricals can be segmented on.", column.Name);
        }
    }
}
