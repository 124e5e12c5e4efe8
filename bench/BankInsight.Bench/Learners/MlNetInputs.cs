using BankInsight.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace BankInsight.Bench.Learners;

/// <summary>One ML.NET input row: the label and the feature vector.</summary>
public sealed class MlNetRow
{
    /// <summary>True for the positive class.</summary>
    public bool Label { get; set; }

    /// <summary>The encoded features (see <see cref="MlNetInputs"/>).</summary>
    public float[] Features { get; set; } = [];
}

/// <summary>
/// Our feature matrix as ML.NET input, made before the clock starts (as our own learners get a
/// ready feature matrix from the feature plan). For the tree learners: numbers as they are (missing
/// stays NaN, which LightGBM and FastTree treat as missing) and each categorical feature one-hot
/// over its categories (missing: all zero), ML.NET's usual pipeline. For L-BFGS: exactly the design
/// matrix our logistic regression builds (Learners/Linear/LinearEncoding.cs): numbers standardized
/// with the training fold's mean and population standard deviation, missing → 0 plus a missing
/// indicator when the training fold had missing values, categories one-hot — so that both
/// minimise the same objective on the same inputs.
/// </summary>
internal sealed class MlNetInputs
{
    private const double MinScale = 1e-12; // as Serialization/ModelLimits.MinScale
    private readonly double[]? _means, _scales;
    private readonly bool[]? _indicator;
    private readonly int[] _offsets;

    private MlNetInputs(FeatureMatrix like, double[]? means, double[]? scales, bool[]? indicator)
    {
        (_means, _scales, _indicator) = (means, scales, indicator);
        _offsets = new int[like.FeatureCount];
        int next = 0;
        for (int f = 0; f < like.FeatureCount; f++)
        {
            _offsets[f] = next;
            var column = like.Columns[f];
            next += column.Kind == FeatureKind.Categorical ? column.Categories.Count : 1;
        }
        if (indicator is not null) next += indicator.Count(i => i);
        Width = next;
    }

    /// <summary>Length of every encoded row.</summary>
    public int Width { get; }

    /// <summary>The tree learners' encoding (nothing learned from the data).</summary>
    public static MlNetInputs ForTrees(FeatureMatrix features) => new(features, null, null, null);

    /// <summary>The linear learners' encoding, fitted on the training fold.</summary>
    public static MlNetInputs ForLinear(FeatureMatrix training)
    {
        int count = training.FeatureCount;
        var means = new double[count];
        var scales = new double[count];
        var indicator = new bool[count];
        for (int f = 0; f < count; f++)
        {
            var column = training.Columns[f];
            if (column.Kind != FeatureKind.Numeric) continue;
            var (mean, sd, present) = Moments(column.Values);
            means[f] = mean;
            scales[f] = sd > MinScale ? sd : 1;
            indicator[f] = present < column.Length;
        }
        return new MlNetInputs(training, means, scales, indicator);
    }

    /// <summary>The rows of <paramref name="features"/> as ML.NET rows with <paramref name="labels"/> (all false when null).</summary>
    public MlNetRow[] Rows(FeatureMatrix features, bool[]? labels, ReadOnlySpan<int> only = default)
    {
        int n = only.IsEmpty ? features.RowCount : only.Length;
        var rows = new MlNetRow[n];
        for (int i = 0; i < n; i++) rows[i] = new MlNetRow { Features = new float[Width] };
        bool linear = _means is not null;
        int indicatorSlot = Width - (_indicator?.Count(x => x) ?? 0); // indicators follow the features
        for (int f = 0; f < features.FeatureCount; f++)
        {
            var column = features.Columns[f];
            int offset = _offsets[f];
            if (column.Kind == FeatureKind.Numeric)
            {
                var values = column.Values;
                bool hasIndicator = linear && _indicator![f];
                for (int i = 0; i < n; i++)
                {
                    double v = values[only.IsEmpty ? i : only[i]];
                    var x = rows[i].Features;
                    if (!linear) x[offset] = (float)v;
                    else if (double.IsNaN(v)) { if (hasIndicator) x[indicatorSlot] = 1; }
                    else x[offset] = (float)((v - _means![f]) / _scales![f]);
                }
                if (hasIndicator) indicatorSlot++;
            }
            else
            {
                var codes = column.Codes;
                int categories = column.Categories.Count;
                for (int i = 0; i < n; i++)
                {
                    int code = codes[only.IsEmpty ? i : only[i]];
                    if ((uint)code < (uint)categories) rows[i].Features[offset + code] = 1;
                }
            }
        }
        if (labels is not null)
            for (int i = 0; i < n; i++) rows[i].Label = labels[only.IsEmpty ? i : only[i]];
        return rows;
    }

    /// <summary>The rows as a data view with a fixed-size feature vector.</summary>
    public IDataView View(MLContext ml, MlNetRow[] rows)
    {
        var schema = SchemaDefinition.Create(typeof(MlNetRow));
        schema[nameof(MlNetRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Width);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    // Mean and population standard deviation of the present values, as our linear model scales them.
    private static (double Mean, double Sd, int Present) Moments(ReadOnlySpan<double> values)
    {
        double sum = 0;
        int count = 0;
        foreach (double v in values)
            if (!double.IsNaN(v)) { sum += v; count++; }
        if (count == 0) return (0, 0, 0);
        double mean = sum / count, squares = 0;
        foreach (double v in values)
            if (!double.IsNaN(v)) squares += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(squares / count), count);
    }
}
