using System.Globalization;
using BankInsight.Data;
using BankInsight.Features;
using BankInsight.Serialization;

namespace BankInsight.Monitoring;

/// <summary>
/// What a classifier's training month looked like, kept in the model so a later month can be
/// compared with it (<see cref="ModelDrift"/>): per feature its bins and counts over every customer
/// of the training file, and the held-out customers' scores in decile bins.
/// </summary>
/// <remarks>
/// Features are profiled over every row of the training file, labelled or not: a month is scored
/// in full, so the population to compare it with is the whole training month. Scores are profiled
/// over the held-out rows only: a new month is scored by a model that never saw it, and the
/// held-out rows are the training month's only customers scored that way (the trees' scores of
/// their own training rows are sharper, and comparing with them would report drift that is only
/// overfitting).
/// <para>
/// Model-file section (after the classifier's sections; absent from models written before
/// monitoring, which still load and predict):
/// <code>
/// [profile]
/// rows=50000                        customers profiled (every row of the training file)
/// features=71                       one entry per feature of the [features] plan, in its order
/// feature.0.edges=0 1250.5 …        a number's decile edges, strictly ascending, at most 9 (empty: one bin)
/// feature.0.counts=5000 … 12        customers per bin, the missing bin last: edges + 2 numbers
/// feature.3.counts=…                a category: one per plan category, then unseen, then missing (no edges)
/// score_rows=10000                  held-out customers scored
/// score.edges=0.01 …                decile edges of their probabilities, in [0, 1], strictly ascending
/// score.counts=1000 …               customers per score bin: edges + 1 numbers
/// </code>
/// Counts rather than shares: whole numbers can be checked exactly (each within 0 to the rows,
/// summing to the rows); shares are count / rows. Every count and list length is checked against
/// the plan before anything is allocated, every edge is finite, and a violation is
/// ModelDamaged naming [profile], the key and the value.
/// </para>
/// </remarks>
public sealed class TrainingProfile
{
    /// <summary>The section's name in a model file.</summary>
    internal const string Section = "profile";

    /// <summary>A profile of <paramref name="rows"/> customers; features in the plan's order.</summary>
    public TrainingProfile(int rows, IReadOnlyList<FeatureProfile> features, IReadOnlyList<double> scoreEdges, IReadOnlyList<int> scoreCounts)
    {
        Rows = rows;
        Features = features;
        ScoreEdges = scoreEdges;
        ScoreCounts = scoreCounts;
    }

    /// <summary>Customers of the training file profiled.</summary>
    public int Rows { get; }

    /// <summary>Per feature of the model's plan, in its order.</summary>
    public IReadOnlyList<FeatureProfile> Features { get; }

    /// <summary>Decile edges of the held-out probabilities.</summary>
    public IReadOnlyList<double> ScoreEdges { get; }

    /// <summary>Held-out customers per score bin.</summary>
    public IReadOnlyList<int> ScoreCounts { get; }

    /// <summary>Held-out customers scored.</summary>
    public int ScoreRows => ScoreCounts.Sum();

    /// <summary>"81 features over 50,000 customers; 10,000 held-out scores in 10 bins": what a cell or a list shows.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Features.Count} features over {Rows:N0} customers; {ScoreRows:N0} held-out scores in {ScoreCounts.Count} bins");

    /// <summary>Profiles <paramref name="features"/> (every row of <paramref name="data"/>) and the held-out <paramref name="scores"/>.</summary>
    public static TrainingProfile Build(FeaturePlan plan, CustomerDataSet data, FeatureMatrix features, ReadOnlySpan<double> scores)
    {
        var profiles = new FeatureProfile[plan.Features.Count];
        for (int f = 0; f < profiles.Length; f++) profiles[f] = FeatureProfile.Train(plan.Features[f], features.Columns[f], data);
        var edges = DecileBins.Edges(scores);
        var counts = new int[edges.Length + 1];
        foreach (double p in scores) counts[DecileBins.Of(p, edges)]++;
        return new TrainingProfile(features.RowCount, profiles, edges, counts);
    }

    /// <summary>The section's lines (see the layout above).</summary>
    internal IEnumerable<KeyValuePair<string, string>> ToEntries()
    {
        yield return new("rows", Rows.ToString(CultureInfo.InvariantCulture));
        yield return new("features", Features.Count.ToString(CultureInfo.InvariantCulture));
        for (int f = 0; f < Features.Count; f++)
        {
            if (Features[f].Kind == FeatureKind.Numeric) yield return new($"feature.{f}.edges", ModelFile.Numbers(Features[f].Edges));
            yield return new($"feature.{f}.counts", ModelFile.Integers(Features[f].Counts));
        }
        yield return new("score_rows", ScoreRows.ToString(CultureInfo.InvariantCulture));
        yield return new("score.edges", ModelFile.Numbers(ScoreEdges));
        yield return new("score.counts", ModelFile.Integers(ScoreCounts));
    }

    /// <summary>Reads the section against <paramref name="plan"/>, refusing whatever training could not have written.</summary>
    internal static TrainingProfile FromEntries(ModelSection section, FeaturePlan plan)
    {
        int rows = section.GetInt("rows", 1, int.MaxValue);
        int count = plan.Features.Count;
        section.GetInt("features", count, count, "one per feature of the [features] plan");
        // Every key is known, so a file cannot hide data in the section or grow it without bound.
        int numeric = plan.Features.Count(f => f.Transform != FeatureTransform.Category);
        int expected = 5 + count + numeric;
        if (section.Entries.Count != expected)
        {
            var known = new HashSet<string>(StringComparer.Ordinal) { "rows", "features", "score_rows", "score.edges", "score.counts" };
            for (int f = 0; f < count; f++)
            {
                known.Add($"feature.{f}.counts");
                if (plan.Features[f].Transform != FeatureTransform.Category) known.Add($"feature.{f}.edges");
            }
            var stranger = section.Entries.FirstOrDefault(e => !known.Contains(e.Key)).Key;
            throw stranger is not null
                ? section.Damaged(stranger, "is not a key of the profile of this model's features")
                : section.Damaged(known.First(k => section.TryGet(k) is null), "is missing");
        }
        var features = new FeatureProfile[count];
        for (int f = 0; f < count; f++)
        {
            var spec = plan.Features[f];
            if (spec.Transform == FeatureTransform.Category)
            {
                var counts = Counts(section, $"feature.{f}.counts", spec.Categories.Count + 2, rows, $"one per category of '{ModelFile.Show(spec.Name)}', then unseen, then missing");
                features[f] = new FeatureProfile(FeatureKind.Categorical, [], counts);
            }
            else
            {
                var edges = Edges(section, $"feature.{f}.edges", double.MinValue, double.MaxValue, "finite numbers");
                var counts = Counts(section, $"feature.{f}.counts", edges.Length + 2, rows, "one per bin between the edges, then missing");
                features[f] = new FeatureProfile(FeatureKind.Numeric, edges, counts);
            }
        }
        int scoreRows = section.GetInt("score_rows", 1, int.MaxValue);
        var scoreEdges = Edges(section, "score.edges", 0, 1, "probabilities from 0 to 1");
        var scoreCounts = Counts(section, "score.counts", scoreEdges.Length + 1, scoreRows, "one per bin between the score edges");
        return new TrainingProfile(rows, features, scoreEdges, scoreCounts);
    }

    /// <summary>At most <see cref="DecileBins.MaxEdges"/> edges in [min, max], strictly ascending; the length is checked before parsing.</summary>
    private static double[] Edges(ModelSection section, string key, double min, double max, string what)
    {
        if (Items(section.Get(key)) > DecileBins.MaxEdges)
            throw section.Invalid(key, $"at most {DecileBins.MaxEdges} decile edges");
        var edges = section.GetDoubles(key, v => v >= min && v <= max, what);
        for (int i = 1; i < edges.Length; i++)
            if (!(edges[i] > edges[i - 1]))
                throw section.InvalidItem(key, i, ModelFile.Number(edges[i]), "edges in strictly ascending order");
        return edges;
    }

    /// <summary>Exactly <paramref name="length"/> counts, each 0 to <paramref name="rows"/>, summing to <paramref name="rows"/>; the length is checked before parsing.</summary>
    private static int[] Counts(ModelSection section, string key, int length, int rows, string what)
    {
        int items = Items(section.Get(key));
        if (items != length)
            throw section.Invalid(key, $"{length.ToString(CultureInfo.InvariantCulture)} counts, {what}; it has {items.ToString(CultureInfo.InvariantCulture)}");
        var counts = section.GetInts(key, 0, rows);
        long sum = counts.Sum(c => (long)c);
        if (sum != rows)
            throw section.Damaged(key, $"counts {sum.ToString(CultureInfo.InvariantCulture)} customers, not the {rows.ToString(CultureInfo.InvariantCulture)} the profile has");
        return counts;
    }

    /// <summary>Space-separated items in <paramref name="text"/>, counted without splitting it.</summary>
    private static int Items(string text) => text.Length == 0 ? 0 : text.AsSpan().Count(' ') + 1;
}
