using System.Globalization;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Schemas;

namespace BankInsight.Features;

/// <summary>How one feature is made from one data column.</summary>
public enum FeatureTransform
{
    /// <summary>The column's number as is (Number, Integer and Flag columns).</summary>
    Number,
    /// <summary>The column's category, as an index into the plan's category list.</summary>
    Category,
    /// <summary>1 when the date is present ("has signed"), 0 when empty.</summary>
    DateSigned,
    /// <summary>Months from the date to the plan's reference date; missing when the date is empty.</summary>
    DateMonthsSince,
    /// <summary>A number the job computes from another source (e.g. relation counts from the relation file), supplied by name.</summary>
    Supplied,
}

/// <summary>One feature of a plan.</summary>
/// <param name="Name">Feature name (the column name, or column:signed / column:months for dates).</param>
/// <param name="Column">Source column.</param>
/// <param name="Transform">How it is made.</param>
/// <param name="Categories">For categories: the labels as seen in training, whose positions are the codes learners saw.</param>
public sealed record FeatureSpec(string Name, string Column, FeatureTransform Transform, IReadOnlyList<string> Categories);

/// <summary>
/// Turns a data set into the feature matrix a model was trained on, the same way at training
/// and at scoring time: categories are matched by label (so a later file whose categories
/// appear in another order still means the same), dates become "signed" flags and months
/// since signing relative to a reference date, and columns a scoring file lacks become
/// missing values with a warning rather than an error. Stored inside every model.
/// </summary>
public sealed class FeaturePlan
{
    /// <summary>A plan of <paramref name="features"/>; <paramref name="referenceDate"/> anchors date features.</summary>
    public FeaturePlan(IReadOnlyList<FeatureSpec> features, DateOnly? referenceDate)
    {
        if (features.Count == 0)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, "There are no features to learn from: every column was excluded or empty.", null);
        if (features.Count > Serialization.ModelLimits.MaxFeatures)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"There are {features.Count.ToString(CultureInfo.InvariantCulture)} features; a model holds at most {Serialization.ModelLimits.MaxFeatures.ToString(CultureInfo.InvariantCulture)}. Exclude columns, or use a schema with fewer.", features.Count);
        if (features.Any(f => f.Transform is FeatureTransform.DateSigned or FeatureTransform.DateMonthsSince) && referenceDate is null)
            throw new ArgumentException("Date features need a reference date.", nameof(referenceDate));
        Features = features;
        ReferenceDate = referenceDate;
    }

    /// <summary>"71 features, dates to 2026-10-31".</summary>
    public override string ToString() =>
        $"{Features.Count} features" + (ReferenceDate is { } d ? $", dates to {d:yyyy-MM-dd}" : "");

    /// <summary>Features in order.</summary>
    public IReadOnlyList<FeatureSpec> Features { get; }

    /// <summary>The date "months since" is measured to (end of the data month).</summary>
    public DateOnly? ReferenceDate { get; }

    /// <summary>Feature names in order.</summary>
    public IReadOnlyList<string> Names => Features.Select(f => f.Name).ToArray();

    /// <summary>
    /// A plan using every loaded column of <paramref name="data"/> except text columns and
    /// <paramref name="exclude"/>: numbers as numbers, categoricals as categories, each date as
    /// a signed flag plus months since signing. Without <paramref name="referenceDate"/>, dates
    /// are measured to the end of the data's month (see DataMonth).
    /// </summary>
    public static FeaturePlan FromData(CustomerDataSet data, IEnumerable<string> exclude, DateOnly? referenceDate = null)
    {
        var skip = exclude.ToHashSet(StringComparer.Ordinal);
        var specs = new List<FeatureSpec>();
        foreach (var column in data.Columns)
        {
            if (skip.Contains(column.Name)) continue;
            switch (column)
            {
                case NumericColumn:
                    specs.Add(new FeatureSpec(column.Name, column.Name, FeatureTransform.Number, []));
                    break;
                case CategoricalColumn categorical:
                    specs.Add(new FeatureSpec(column.Name, column.Name, FeatureTransform.Category, categorical.Categories.ToArray()));
                    break;
                case DateColumn:
                    specs.Add(new FeatureSpec(column.Name + ":signed", column.Name, FeatureTransform.DateSigned, []));
                    specs.Add(new FeatureSpec(column.Name + ":months", column.Name, FeatureTransform.DateMonthsSince, []));
                    break;
            }
        }
        if (specs.Any(s => s.Transform == FeatureTransform.DateMonthsSince))
            referenceDate ??= LatestMonthEnd(data);
        return new FeaturePlan(specs, referenceDate);
    }

    /// <summary>The last day of the data's month read from its dates (see <see cref="DataMonth"/>), or null without dates.</summary>
    public static DateOnly? LatestMonthEnd(CustomerDataSet data) => DataMonth.Of(data)?.MonthEnd;

    /// <summary>The same plan measuring dates to another month's end (a later file's data month).</summary>
    public FeaturePlan WithReferenceDate(DateOnly? referenceDate) =>
        referenceDate is null || !Features.Any(f => f.Transform == FeatureTransform.DateMonthsSince) ? this : new FeaturePlan(Features, referenceDate);

    /// <summary>The plan with <paramref name="extra"/> features appended.</summary>
    public FeaturePlan With(IEnumerable<FeatureSpec> extra) => new([.. Features, .. extra], ReferenceDate);

    /// <summary>
    /// Makes the feature matrix of <paramref name="data"/>, warning about what it had to fill in.
    /// <paramref name="supplied"/> holds the values of <see cref="FeatureTransform.Supplied"/> features by name.
    /// </summary>
    /// <param name="data">The rows.</param>
    /// <param name="sink">Where warnings go.</param>
    /// <param name="supplied">Values of supplied features by name.</param>
    /// <param name="unseen">Counts category values the model never saw instead of warning (a file scored chunk by chunk says them once, for the file).</param>
    public FeatureMatrix Apply(CustomerDataSet data, IOperationSink sink, IReadOnlyDictionary<string, double[]>? supplied = null, UnseenValues? unseen = null)
    {
        var columns = new FeatureColumn[Features.Count];
        int n = data.RowCount;
        var warnedMissing = new HashSet<string>(StringComparer.Ordinal);
        // Features whose column is absent share one filled array per fill value (learners never
        // write feature columns), so a plan naming many absent columns costs no memory per row.
        var absent = new AbsentColumns(n);
        for (int f = 0; f < Features.Count; f++)
        {
            var spec = Features[f];
            if (spec.Transform == FeatureTransform.Supplied)
            {
                if (supplied is not null && supplied.TryGetValue(spec.Name, out var values) && values.Length == n)
                {
                    columns[f] = FeatureColumn.Numeric(spec.Name, values);
                }
                else
                {
                    if (warnedMissing.Add(spec.Name)) sink.Warning($"Feature '{spec.Name}' was not supplied for {data.Source}; the model treats it as unknown for every row.");
                    columns[f] = FeatureColumn.Numeric(spec.Name, absent.Missing);
                }
                continue;
            }
            var source = data.Find(spec.Column);
            if (source is null && warnedMissing.Add(spec.Column))
                sink.Warning($"Column '{spec.Column}' is missing or empty in {data.Source}; the model treats it as unknown for every row.");
            columns[f] = spec.Transform switch
            {
                FeatureTransform.Number => FeatureColumn.Numeric(spec.Name, source is null ? absent.Missing : Expect<NumericColumn>(spec, source).Data),
                FeatureTransform.Category => FeatureColumn.Categorical(spec.Name, source is null ? absent.NoCodes : CategoryCodes(spec, source, n, data.Source, sink, unseen), spec.Categories),
                FeatureTransform.DateSigned => FeatureColumn.Numeric(spec.Name, source is null ? absent.Zeros : DateSigned(spec, source, n)),
                _ => FeatureColumn.Numeric(spec.Name, source is null ? absent.Missing : MonthsSince(spec, source, n)),
            };
        }
        return new FeatureMatrix(columns);
    }

    /// <summary>The shared columns of absent features, made on first use.</summary>
    private sealed class AbsentColumns(int rows)
    {
        private double[]? _missing, _zeros;
        private int[]? _noCodes;

        public double[] Missing => _missing ??= Filled(rows, double.NaN);
        public double[] Zeros => _zeros ??= new double[rows];
        public int[] NoCodes => _noCodes ??= FilledCodes(rows, -1);

        private static int[] FilledCodes(int n, int value)
        {
            var codes = new int[n];
            Array.Fill(codes, value);
            return codes;
        }
    }

    private static T Expect<T>(FeatureSpec spec, DataColumn column) where T : DataColumn =>
        column as T ?? throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
            $"Column '{spec.Column}' is {column.Type} in this data but the model used it as {spec.Transform}; was the data read with another schema?", spec.Column);

    private static int[] CategoryCodes(FeatureSpec spec, DataColumn source, int n, string file, IOperationSink sink, UnseenValues? tally)
    {
        var codes = new int[n];
        var column = Expect<CategoricalColumn>(spec, source);
        // Map this file's category indexes onto the plan's by label.
        var planIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < spec.Categories.Count; i++) planIndex[spec.Categories[i]] = i;
        var map = new int[column.Categories.Count];
        var unseen = new List<string>();
        for (int i = 0; i < map.Length; i++)
        {
            if (planIndex.TryGetValue(column.Categories[i], out int j)) map[i] = j;
            else
            {
                map[i] = -1;
                unseen.Add(column.Categories[i]);
            }
        }
        int unseenRows = 0;
        var data = column.Data;
        for (int r = 0; r < n; r++)
        {
            int c = data[r];
            codes[r] = c < 0 ? -1 : map[c];
            if (c >= 0 && map[c] < 0) unseenRows++;
        }
        if (unseenRows > 0)
        {
            if (tally is not null) tally.Add(spec.Column, unseenRows, unseen);
            else sink.Warning(UnseenValues.Text(spec.Column, file, unseenRows, unseen));
        }
        return codes;
    }

    private static double[] DateSigned(FeatureSpec spec, DataColumn source, int n)
    {
        var values = new double[n];
        var days = Expect<DateColumn>(spec, source).Data;
        for (int r = 0; r < n; r++) values[r] = days[r] == DateColumn.Missing ? 0 : 1;
        return values;
    }

    private double[] MonthsSince(FeatureSpec spec, DataColumn source, int n)
    {
        var days = Expect<DateColumn>(spec, source).Data;
        int reference = ReferenceDate!.Value.DayNumber;
        var values = new double[n];
        for (int r = 0; r < n; r++)
            values[r] = days[r] == DateColumn.Missing ? double.NaN : Math.Round((reference - days[r]) / 30.4375, 2);
        return values;
    }

    private static double[] Filled(int n, double value)
    {
        var values = new double[n];
        Array.Fill(values, value);
        return values;
    }

    /// <summary>The plan as model-file lines (see <see cref="Serialization.ModelFile"/>).</summary>
    internal IEnumerable<KeyValuePair<string, string>> ToEntries()
    {
        if (ReferenceDate is { } d) yield return new("reference_date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return new("features", Features.Count.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < Features.Count; i++)
        {
            var f = Features[i];
            yield return new($"feature.{i}", Serialization.ModelFile.JoinList([f.Name, f.Column, f.Transform.ToString()]));
            if (f.Categories.Count > 0) yield return new($"feature.{i}.categories", Serialization.ModelFile.JoinList(f.Categories));
        }
    }

    /// <summary>
    /// Reads a plan written by <see cref="ToEntries"/>, checking what a hostile file could abuse:
    /// the feature count against the lines present and <see cref="Serialization.ModelLimits.MaxFeatures"/>,
    /// each transform by name, names and (column, transform) pairs unique (scoring allocates per
    /// feature), categories only on category features, and a valid reference date when dates are used.
    /// </summary>
    internal static FeaturePlan FromEntries(Serialization.ModelSection section)
    {
        DateOnly? reference = null;
        if (section.TryGet("reference_date") is { } text)
            reference = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date : throw section.Invalid("reference_date", "a date written yyyy-MM-dd");
        // Every feature has its own line, so the count cannot exceed the lines present.
        int count = section.GetInt("features", 1, Math.Min(Serialization.ModelLimits.MaxFeatures, section.Entries.Count),
            $"one line per feature and at most {Serialization.ModelLimits.MaxFeatures.ToString(CultureInfo.InvariantCulture)}");
        var specs = new FeatureSpec[count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sources = new HashSet<(string, FeatureTransform)>();
        for (int i = 0; i < count; i++)
        {
            string key = $"feature.{i}";
            var parts = Serialization.ModelFile.SplitList(section.Get(key));
            if (parts.Count != 3 || !Enum.GetNames<FeatureTransform>().Contains(parts[2], StringComparer.Ordinal))
                throw section.Invalid(key, $"name|column|transform, the transform one of {string.Join(", ", Enum.GetNames<FeatureTransform>())}");
            var transform = Enum.Parse<FeatureTransform>(parts[2]);
            if (parts[0].Length == 0 || parts[1].Length == 0) throw section.Invalid(key, "a feature name and a column name");
            if (!names.Add(parts[0])) throw section.Damaged(key, $"names the feature '{Serialization.ModelFile.Show(parts[0])}' a second time");
            if (!sources.Add((parts[1], transform))) throw section.Damaged(key, $"makes a second {transform} feature of column '{Serialization.ModelFile.Show(parts[1])}'");
            if (transform is FeatureTransform.DateSigned or FeatureTransform.DateMonthsSince && reference is null)
                throw section.Damaged(key, "is a date feature but the section has no reference_date");
            var categories = section.TryGet($"{key}.categories") is { } cats ? Serialization.ModelFile.SplitList(cats) : [];
            if (categories.Count > 0 && transform != FeatureTransform.Category)
                throw section.Damaged($"{key}.categories", $"lists categories for a {transform} feature");
            specs[i] = new FeatureSpec(parts[0], parts[1], transform, categories);
        }
        return new FeaturePlan(specs, reference);
    }
}
