using BankInsight.Features;
using BankInsight.Learners.Linear;
using BankInsight.Serialization;

namespace BankInsight.Learners;

/// <summary>
/// A trained logistic regression. Explanations are exact and additive: each feature's
/// contribution is its coefficient × standardized value (or its category's weight), and the
/// bias is the intercept.
/// </summary>
public sealed class LogisticRegressionModel : IBinaryModel
{
    private readonly LinearEncoding _encoding;
    private readonly double[] _weights;

    internal LogisticRegressionModel(LinearEncoding encoding, double intercept, double[] weights, LogisticRegressionOptions options, TrainingReport report)
    {
        _encoding = encoding;
        Intercept = intercept;
        _weights = weights;
        Options = options;
        Report = report;
    }

    /// <inheritdoc />
    public string Kind => "logistic";

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames => _encoding.Names;

    /// <inheritdoc />
    public TrainingReport Report { get; }

    /// <summary>The hyper-parameters it was trained with.</summary>
    public LogisticRegressionOptions Options { get; }

    /// <summary>Log-odds when every standardized feature is at its mean and no category or missing indicator is set.</summary>
    public double Intercept { get; }

    /// <summary>"logistic regression: 120 weights over 71 features".</summary>
    public override string ToString() => $"logistic regression: {_weights.Length} weights over {FeatureNames.Count} features";

    /// <summary>Weights in encoding order (numeric, missing indicators, one-hot blocks).</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <inheritdoc />
    public double[] PredictRaw(FeatureMatrix features, CancellationToken cancellationToken = default)
    {
        TrainingChecks.SameFeatures(_encoding.Names, _encoding.Kinds, features);
        var raw = new double[features.RowCount];
        var columns = features.Columns;
        Parallel.For(0, (raw.Length + 8191) / 8192, new ParallelOptions { CancellationToken = cancellationToken }, b =>
        {
            int end = Math.Min(raw.Length, (b + 1) * 8192);
            for (int i = b * 8192; i < end; i++) raw[i] = Intercept + _encoding.Dot(columns, i, _weights);
        });
        return raw;
    }

    /// <inheritdoc />
    public Contributions Explain(FeatureMatrix features, IReadOnlyList<int> rows, CancellationToken cancellationToken = default)
    {
        TrainingChecks.SameFeatures(_encoding.Names, _encoding.Kinds, features);
        int count = _encoding.Names.Length;
        var values = new double[rows.Count * count];
        for (int i = 0; i < rows.Count; i++)
            for (int f = 0; f < count; f++)
                values[i * count + f] = _encoding.Contribution(features.Columns, rows[i], f, _weights);
        var bias = new double[rows.Count];
        Array.Fill(bias, Intercept);
        return new Contributions(_encoding.Names, rows, values, bias);
    }

    /// <inheritdoc />
    public IReadOnlyList<FeatureImportance> Importance()
    {
        // Size of each feature's effect on the standardized scale: |w| for numbers (plus the
        // missing indicator), the spread of its category weights for categories.
        var importance = new double[_encoding.Names.Length];
        for (int f = 0; f < importance.Length; f++)
        {
            if (_encoding.Kinds[f] == FeatureKind.Numeric)
            {
                importance[f] = Math.Abs(_weights[_encoding.Offsets[f]]);
                if (_encoding.IndicatorSlot[f] >= 0) importance[f] += Math.Abs(_weights[_encoding.IndicatorBase + _encoding.IndicatorSlot[f]]);
            }
            else if (_encoding.CategoryCount[f] > 0)
            {
                var block = _weights.AsSpan(_encoding.Offsets[f], _encoding.CategoryCount[f]);
                double max = double.MinValue, min = double.MaxValue;
                foreach (double w in block) { max = Math.Max(max, w); min = Math.Min(min, w); }
                importance[f] = max - min;
            }
        }
        double total = importance.Sum();
        return Enumerable.Range(0, importance.Length)
            .Select(f => new FeatureImportance(_encoding.Names[f], importance[f], total > 0 ? importance[f] / total : 0))
            .OrderByDescending(i => i.Importance).ThenBy(i => i.Feature, StringComparer.Ordinal).ToList();
    }

    // [parameters] c, max_iterations, tolerance; [linear] encoding, intercept, weights; [report].
    void IBinaryModel.WriteTo(ModelFile file)
    {
        file.Add("parameters").Add("c", Options.C).Add("max_iterations", Options.MaxIterations).Add("tolerance", Options.Tolerance);
        var linear = file.Add("linear");
        _encoding.WriteTo(linear);
        linear.Add("intercept", Intercept).Add("weights", ModelFile.Numbers(_weights));
        file.Add("report").Add("iterations", Report.Iterations).Add("converged", Report.Converged).Add("note", Report.Note);
    }

    /// <summary>
    /// Reads a model written by <see cref="IBinaryModel.WriteTo"/>, as untrusted input: parameters
    /// in the range training accepts, the encoding checked against the plan, one finite weight per
    /// encoded input and a finite intercept (a NaN would make every score NaN).
    /// </summary>
    internal static LogisticRegressionModel Read(ModelFile file, FeaturePlan plan)
    {
        var p = file.Get("parameters");
        var options = new LogisticRegressionOptions
        {
            C = p.GetDouble("c", v => v > 0, "a finite number greater than 0"),
            MaxIterations = p.GetInt("max_iterations", 1, int.MaxValue),
            Tolerance = p.GetDouble("tolerance", v => v > 0, "a finite number greater than 0"),
        };
        var linear = file.Get("linear");
        var encoding = LinearEncoding.Read(linear, plan);
        var weights = linear.GetDoubles("weights", w => Math.Abs(w) <= ModelLimits.MaxLeafOrWeight, "a number within ±10^6");
        if (weights.Length != encoding.Width) throw linear.Invalid("weights", $"{encoding.Width} weights, one per encoded input");
        double intercept = linear.GetDouble("intercept", v => Math.Abs(v) <= ModelLimits.MaxLogOdds, "log-odds within ±100");
        var r = file.Get("report");
        var report = new TrainingReport(r.GetInt("iterations", 0, int.MaxValue), r.GetBool("converged"), false, null, r.Get("note"));
        return new LogisticRegressionModel(encoding, intercept, weights, options, report);
    }
}
