namespace BankInsight.Features;

/// <summary>How a learner treats a feature.</summary>
public enum FeatureKind
{
    /// <summary>Ordered values; NaN is missing.</summary>
    Numeric,
    /// <summary>Unordered codes 0..Categories-1; -1 is missing.</summary>
    Categorical,
}

/// <summary>One learner input column: numbers (NaN missing) or category codes (-1 missing).</summary>
public sealed class FeatureColumn
{
    private FeatureColumn(string name, FeatureKind kind, double[]? values, int[]? codes, IReadOnlyList<string> categories)
    {
        Name = name;
        Kind = kind;
        NumericData = values;
        CodeData = codes;
        Categories = categories;
    }

    /// <summary>A numeric feature over <paramref name="values"/> (not copied).</summary>
    public static FeatureColumn Numeric(string name, double[] values) => new(name, FeatureKind.Numeric, values, null, []);

    /// <summary>A categorical feature over <paramref name="codes"/> (not copied); codes index <paramref name="categories"/>.</summary>
    public static FeatureColumn Categorical(string name, int[] codes, IReadOnlyList<string> categories) =>
        new(name, FeatureKind.Categorical, null, codes, categories);

    /// <summary>Feature name (a column name, or a derived name such as "工资代发签约日期:months").</summary>
    public string Name { get; }

    /// <summary>Numeric or categorical.</summary>
    public FeatureKind Kind { get; }

    internal double[]? NumericData { get; }

    internal int[]? CodeData { get; }

    /// <summary>Numeric values (NaN missing); empty for categorical features.</summary>
    public ReadOnlySpan<double> Values => NumericData;

    /// <summary>Category codes (-1 missing); empty for numeric features.</summary>
    public ReadOnlySpan<int> Codes => CodeData;

    /// <summary>Category labels, by code.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Number of rows.</summary>
    public int Length => NumericData?.Length ?? CodeData!.Length;

    /// <summary>True when row <paramref name="row"/> is missing.</summary>
    public bool IsMissing(int row) => Kind == FeatureKind.Numeric ? double.IsNaN(NumericData![row]) : CodeData![row] < 0;

    /// <summary>This column restricted to <paramref name="rows"/> (copies).</summary>
    public FeatureColumn Select(ReadOnlySpan<int> rows)
    {
        if (Kind == FeatureKind.Numeric)
        {
            var v = new double[rows.Length];
            for (int i = 0; i < rows.Length; i++) v[i] = NumericData![rows[i]];
            return Numeric(Name, v);
        }
        var c = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) c[i] = CodeData![rows[i]];
        return Categorical(Name, c, Categories);
    }
}

/// <summary>
/// The columns a learner sees: one array per feature, all the same length. Built from a
/// data set by a <see cref="FeaturePlan"/>, or directly (tests, benchmarks).
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>A matrix over <paramref name="columns"/>; all must have the same length.</summary>
    public FeatureMatrix(IReadOnlyList<FeatureColumn> columns)
    {
        if (columns.Count == 0) throw new ArgumentException("A feature matrix needs at least one feature.", nameof(columns));
        RowCount = columns[0].Length;
        foreach (var c in columns)
            if (c.Length != RowCount) throw new ArgumentException($"Feature '{c.Name}' has {c.Length} rows, expected {RowCount}.", nameof(columns));
        Columns = columns;
    }

    /// <summary>Features in order.</summary>
    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>Number of features.</summary>
    public int FeatureCount => Columns.Count;

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Feature names in order.</summary>
    public IEnumerable<string> Names => Columns.Select(c => c.Name);

    /// <summary>The rows <paramref name="rows"/> of every feature (copies), e.g. one fold of a cross-validation.</summary>
    public FeatureMatrix Select(ReadOnlySpan<int> rows)
    {
        var columns = new FeatureColumn[Columns.Count];
        for (int f = 0; f < columns.Length; f++) columns[f] = Columns[f].Select(rows);
        return new FeatureMatrix(columns);
    }
}
