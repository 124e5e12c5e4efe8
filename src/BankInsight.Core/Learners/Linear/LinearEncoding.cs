using BankInsight.Common;
using BankInsight.Features;
using BankInsight.Serialization;

namespace BankInsight.Learners.Linear;

/// <summary>
/// How features become linear-model inputs, fixed at training: numeric features standardized
/// with the training mean and standard deviation (missing → 0, the mean, plus a missing
/// indicator when training had missing values); categorical features one-hot over the training
/// categories (missing → all zero). The design matrix is never materialised: weights are laid
/// out as [numeric | indicators | one-hot blocks] and rows are read from the feature columns.
/// </summary>
internal sealed class LinearEncoding
{
    public LinearEncoding(string[] names, FeatureKind[] kinds, double[] means, double[] scales, int[] indicatorSlot, int[] categoryCount)
    {
        Names = names;
        Kinds = kinds;
        Means = means;
        Scales = scales;
        IndicatorSlot = indicatorSlot;
        CategoryCount = categoryCount;
        Offsets = new int[names.Length];
        int next = 0;
        for (int f = 0; f < names.Length; f++) if (kinds[f] == FeatureKind.Numeric) Offsets[f] = next++;
        IndicatorBase = next;
        next += indicatorSlot.Count(s => s >= 0);
        for (int f = 0; f < names.Length; f++)
        {
            if (kinds[f] != FeatureKind.Categorical) continue;
            Offsets[f] = next;
            next += categoryCount[f];
        }
        Width = next;
    }

    public string[] Names { get; }
    public FeatureKind[] Kinds { get; }
    public double[] Means { get; }
    public double[] Scales { get; }
    /// <summary>Per numeric feature: index among the missing indicators, or -1 when training had no missing values.</summary>
    public int[] IndicatorSlot { get; }
    public int[] CategoryCount { get; }
    /// <summary>Weight index of a numeric feature, or of category 0 of a categorical one.</summary>
    public int[] Offsets { get; }
    public int IndicatorBase { get; }
    /// <summary>Number of weights (intercept excluded).</summary>
    public int Width { get; }

    public static LinearEncoding Fit(FeatureMatrix features)
    {
        int count = features.FeatureCount;
        var means = new double[count];
        var scales = new double[count];
        var indicator = new int[count];
        var categories = new int[count];
        int slots = 0;
        for (int f = 0; f < count; f++)
        {
            var column = features.Columns[f];
            indicator[f] = -1;
            if (column.Kind == FeatureKind.Categorical)
            {
                categories[f] = column.Categories.Count;
                scales[f] = 1;
                continue;
            }
            var (mean, sd, present) = Moments.Of(column.Values);
            means[f] = mean;
            scales[f] = sd > Serialization.ModelLimits.MinScale ? sd : 1;
            if (present < column.Length) indicator[f] = slots++;
        }
        return new LinearEncoding(features.Names.ToArray(), features.Columns.Select(c => c.Kind).ToArray(), means, scales, indicator, categories);
    }

    /// <summary>w·x for one row (intercept excluded); weights start at <paramref name="offset"/>.</summary>
    public double Dot(IReadOnlyList<FeatureColumn> columns, int row, double[] weights, int offset = 0)
    {
        double z = 0;
        for (int f = 0; f < Names.Length; f++) z += Contribution(columns, row, f, weights, offset);
        return z;
    }

    /// <summary>Feature <paramref name="f"/>'s part of w·x for one row: coefficient × standardized value (or the one-hot weight).</summary>
    public double Contribution(IReadOnlyList<FeatureColumn> columns, int row, int f, double[] weights, int offset = 0)
    {
        var column = columns[f];
        if (Kinds[f] == FeatureKind.Numeric)
        {
            double v = column.NumericData![row];
            if (double.IsNaN(v)) return IndicatorSlot[f] >= 0 ? weights[offset + IndicatorBase + IndicatorSlot[f]] : 0;
            return weights[offset + Offsets[f]] * ((v - Means[f]) / Scales[f]);
        }
        int code = column.CodeData![row];
        return code >= 0 && code < CategoryCount[f] ? weights[offset + Offsets[f] + code] : 0;
    }

    /// <summary>
    /// Adds w·x (intercept excluded, weights from <paramref name="offset"/>) to <paramref name="z"/>
    /// for rows [start, start + z.Length), column by column: the training loop's hot path.
    /// </summary>
    public void AddScores(IReadOnlyList<FeatureColumn> columns, int start, Span<double> z, double[] weights, int offset)
    {
        for (int f = 0; f < Names.Length; f++)
        {
            var column = columns[f];
            if (Kinds[f] == FeatureKind.Numeric)
            {
                double w = weights[offset + Offsets[f]];
                double a = w / Scales[f], b = -w * Means[f] / Scales[f];
                double missing = IndicatorSlot[f] >= 0 ? weights[offset + IndicatorBase + IndicatorSlot[f]] : 0;
                var values = column.NumericData.AsSpan(start, z.Length);
                for (int i = 0; i < values.Length; i++)
                {
                    double v = values[i];
                    z[i] += double.IsNaN(v) ? missing : a * v + b;
                }
            }
            else
            {
                var codes = column.CodeData.AsSpan(start, z.Length);
                int count = CategoryCount[f], block = offset + Offsets[f];
                for (int i = 0; i < codes.Length; i++)
                {
                    int c = codes[i];
                    if ((uint)c < (uint)count) z[i] += weights[block + c];
                }
            }
        }
    }

    /// <summary>Adds Σ r_i·x_i over rows [start, start + r.Length) to <paramref name="gradient"/> (from <paramref name="offset"/>), column by column.</summary>
    public void AddGradient(IReadOnlyList<FeatureColumn> columns, int start, ReadOnlySpan<double> r, double[] gradient, int offset)
    {
        for (int f = 0; f < Names.Length; f++)
        {
            var column = columns[f];
            if (Kinds[f] == FeatureKind.Numeric)
            {
                double mean = Means[f], scale = Scales[f], sum = 0, missing = 0;
                var values = column.NumericData.AsSpan(start, r.Length);
                for (int i = 0; i < values.Length; i++)
                {
                    double v = values[i];
                    if (double.IsNaN(v)) missing += r[i];
                    else sum += r[i] * ((v - mean) / scale);
                }
                gradient[offset + Offsets[f]] += sum;
                if (IndicatorSlot[f] >= 0) gradient[offset + IndicatorBase + IndicatorSlot[f]] += missing;
            }
            else
            {
                var codes = column.CodeData.AsSpan(start, r.Length);
                int count = CategoryCount[f], block = offset + Offsets[f];
                for (int i = 0; i < codes.Length; i++)
                {
                    int c = codes[i];
                    if ((uint)c < (uint)count) gradient[block + c] += r[i];
                }
            }
        }
    }

    public void WriteTo(ModelSection section)
    {
        section.Add("features", ModelFile.JoinList(Names))
            .Add("kinds", ModelFile.JoinList(Kinds.Select(k => k.ToString())))
            .Add("means", ModelFile.Numbers(Means))
            .Add("scales", ModelFile.Numbers(Scales))
            .Add("indicator_slots", ModelFile.Integers(IndicatorSlot))
            .Add("category_counts", ModelFile.Integers(CategoryCount));
    }

    /// <summary>
    /// Reads an encoding written by <see cref="WriteTo"/>, checked against <paramref name="plan"/>:
    /// the same features and kinds; finite means; finite scales above 0; missing indicators numbered
    /// 0, 1, 2… in feature order on numeric features only; category counts 0 for numeric features
    /// and at most the plan's category list for categorical ones — so every weight index used in
    /// scoring lies inside the weights.
    /// </summary>
    public static LinearEncoding Read(ModelSection section, FeaturePlan plan)
    {
        var names = ModelFile.SplitList(section.Get("features")).ToArray();
        var kindTexts = ModelFile.SplitList(section.Get("kinds"));
        if (kindTexts.Count != names.Length) throw section.Invalid("kinds", $"{names.Length} kinds, one per feature");
        var kinds = new FeatureKind[names.Length];
        for (int f = 0; f < kinds.Length; f++)
            kinds[f] = Enum.GetNames<FeatureKind>().Contains(kindTexts[f], StringComparer.Ordinal) ? Enum.Parse<FeatureKind>(kindTexts[f]) : throw section.InvalidItem("kinds", f, kindTexts[f], "Numeric or Categorical");
        Serialization.TrainedModel.CheckFeatures(plan, names, kinds, section, "features");
        int n = names.Length;
        double[] Doubles(string key, Func<double, bool> valid, string expected)
        {
            var values = section.GetDoubles(key, valid, expected);
            return values.Length == n ? values : throw section.Invalid(key, $"{n} values, one per feature");
        }
        var means = Doubles("means", Serialization.ModelLimits.IsMean, "a number within ±10^15");
        var scales = Doubles("scales", Serialization.ModelLimits.IsScale, "a number from 1e-12 to 1e15");
        var slots = section.GetInts("indicator_slots");
        var counts = section.GetInts("category_counts");
        if (slots.Length != n) throw section.Invalid("indicator_slots", $"{n} values, one per feature");
        if (counts.Length != n) throw section.Invalid("category_counts", $"{n} values, one per feature");
        int nextSlot = 0;
        for (int f = 0; f < n; f++)
        {
            bool numeric = kinds[f] == FeatureKind.Numeric;
            if (numeric && slots[f] == nextSlot) nextSlot++;
            else if (slots[f] != -1)
                throw section.InvalidItem("indicator_slots", f, slots[f].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    numeric ? $"-1 or {nextSlot}, the next missing indicator" : "-1 for a categorical feature");
            int most = numeric ? 0 : plan.Features[f].Categories.Count;
            if (counts[f] < 0 || counts[f] > most)
                throw section.InvalidItem("category_counts", f, counts[f].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    numeric ? "0 for a numeric feature" : $"0 to {most}, the feature's categories");
        }
        return new LinearEncoding(names, kinds, means, scales, slots, counts);
    }
}
