using System.Globalization;
using System.Reflection;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Monitoring;

namespace BankInsight.Serialization;

/// <summary>
/// A trained classifier with everything needed to use it safely on next month's file: what it
/// is for, the schema it was trained on (name and fingerprint), how data becomes features,
/// the job's settings, the held-out metrics, and the classifier itself — one text file (see
/// <see cref="ModelFile"/> for the layout and checks).
/// </summary>
/// <remarks>
/// Sections in order: [model] purpose, classifier kind, writer; [schema]; [features] the
/// <see cref="FeaturePlan"/>; [settings] job settings; [metrics]; then the classifier's own
/// sections ([parameters], [gbdt] + [trees] or [linear], [report]); last, [profile], the training
/// month's distributions for monitoring (<see cref="TrainingProfile"/>), absent from models written
/// before BankInsight kept it — they load and predict as before, and monitoring asks to retrain them.
/// A reader that knows no [profile] ignores it, so the format version stays 1.
/// </remarks>
public sealed class TrainedModel
{
    /// <summary>Assembles a model.</summary>
    public TrainedModel(string purpose, string schemaName, string schemaFingerprint, FeaturePlan plan, IBinaryModel classifier,
        IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, double>? metrics = null, TrainingProfile? profile = null)
    {
        Purpose = purpose;
        SchemaName = schemaName;
        SchemaFingerprint = schemaFingerprint;
        Plan = plan;
        Classifier = classifier;
        Settings = (settings ?? new Dictionary<string, string>()).ToTextMap();
        Metrics = (metrics ?? new Dictionary<string, double>()).ToTextMap();
        if (profile is not null && profile.Features.Count != plan.Features.Count)
            throw new ArgumentException($"The profile has {profile.Features.Count} features, the plan {plan.Features.Count}.", nameof(profile));
        Profile = profile;
    }

    /// <summary>What the model is for ("churn", "prospect", …); jobs refuse models for another purpose.</summary>
    public string Purpose { get; }

    /// <summary>Schema of the training data.</summary>
    public string SchemaName { get; }

    /// <summary>Fingerprint of that schema; data read with another schema is refused.</summary>
    public string SchemaFingerprint { get; }

    /// <summary>How data becomes features.</summary>
    public FeaturePlan Plan { get; }

    /// <summary>The classifier.</summary>
    public IBinaryModel Classifier { get; }

    /// <summary>Job settings the model was trained with (e.g. the label's decline threshold).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Held-out metrics measured at training time.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>The training month's distributions, for monitoring; null for a model written before BankInsight kept them.</summary>
    public TrainingProfile? Profile { get; }

    /// <summary>"churn model: gbdt, 300 trees over 71 features, trained on CorporateChurn (path)": what a cell or a list shows.</summary>
    public override string ToString() =>
        $"{Purpose} model: {Classifier}, trained on {SchemaName} ({Source ?? "in memory"})";

    /// <summary>Where it was loaded from, or null for a model made in this session.</summary>
    public string? Source { get; private init; }

    /// <summary>
    /// The feature matrix of <paramref name="data"/> as this model needs it (schema checked first);
    /// dates are measured to <paramref name="referenceDate"/> when given (the scoring file's data month).
    /// </summary>
    public FeatureMatrix Features(CustomerDataSet data, IOperationSink sink, DateOnly? referenceDate = null, IReadOnlyDictionary<string, double[]>? supplied = null,
        UnseenValues? unseen = null)
    {
        CheckSchema(data.Schema);
        return Plan.WithReferenceDate(referenceDate).Apply(data, sink, supplied, unseen);
    }

    /// <summary>Probabilities for every row of <paramref name="data"/> (checked against the model's schema first).</summary>
    public double[] PredictProbabilities(CustomerDataSet data, IOperationSink sink, CancellationToken cancellationToken = default) =>
        Logistic.Probabilities(Classifier.PredictRaw(Features(data, sink), cancellationToken));

    /// <summary>Refuses data read with a schema other than the training one.</summary>
    public void CheckSchema(BankSchema schema)
    {
        if (schema.Fingerprint != SchemaFingerprint)
            throw new BankInsightException(ErrorIds.ModelSchemaMismatch, ErrorKind.InvalidData,
                $"Model {Describe()} was trained on data of schema {SchemaName} (fingerprint {SchemaFingerprint}), but this data was read with schema {schema.Name} (fingerprint {schema.Fingerprint}). Retrain the model on data of this layout, or read the data with the model's schema.",
                Source);
    }

    private string Describe() => Source is null ? $"'{Purpose}'" : $"'{Source}'";

    /// <summary>The model as text.</summary>
    public string ToText() => ToFile().Write();

    /// <summary>Writes the model atomically to <paramref name="path"/>.</summary>
    public void Save(OutputFile path) => ToFile().Save(path);

    private ModelFile ToFile()
    {
        var file = new ModelFile();
        var version = typeof(TrainedModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = version.IndexOf('+');
        if (plus >= 0) version = version[..plus]; // no commit hash: the same data and seed must give the same bytes
        file.Add("model").Add("purpose", Purpose).Add("classifier", Classifier.Kind).Add("written_by", $"BankInsight {version}");
        file.Add("schema").Add("name", SchemaName).Add("fingerprint", SchemaFingerprint);
        file.Add("features").AddAll(Plan.ToEntries());
        var settings = file.Add("settings");
        foreach (var (key, value) in Settings.OrderBy(s => s.Key, StringComparer.Ordinal)) settings.Add(key, value);
        var metrics = file.Add("metrics");
        foreach (var (key, value) in Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)) metrics.Add(key, value);
        Classifier.WriteTo(file);
        if (Profile is not null) file.Add(TrainingProfile.Section).AddAll(Profile.ToEntries());
        return file;
    }

    /// <summary>
    /// Loads and checks a model file. When <paramref name="expectedPurpose"/> is given, a model
    /// for another purpose is refused. Only our own model classes are ever constructed, chosen by
    /// the classifier kind; nothing in the file names a type.
    /// </summary>
    public static TrainedModel Load(string path, string? expectedPurpose = null) => FromFile(ModelFile.Load(path), path, expectedPurpose);

    /// <summary>Parses model text (see <see cref="Load"/>).</summary>
    public static TrainedModel Parse(string text, string source, string? expectedPurpose = null) => FromFile(ModelFile.Parse(text, source), source, expectedPurpose);

    private static TrainedModel FromFile(ModelFile file, string source, string? expectedPurpose)
    {
        var model = file.Get("model");
        string purpose = model.Get("purpose");
        if (expectedPurpose is not null && purpose != expectedPurpose)
            throw new BankInsightException(ErrorIds.ModelKindMismatch, ErrorKind.InvalidArgument,
                $"Model file '{source}' is a {ModelFile.Show(purpose)} model; this job needs a {expectedPurpose} model.", source);
        var schema = file.Get("schema");
        // The plan first: the classifier's features, kinds and category routes are checked against it.
        var plan = FeaturePlan.FromEntries(file.Get("features"));
        IBinaryModel classifier = model.Get("classifier") switch
        {
            "gbdt" => GbdtModel.Read(file, plan),
            "logistic" => LogisticRegressionModel.Read(file, plan),
            var other => throw ModelFile.Damaged(source, $"its classifier kind '{ModelFile.Show(other)}' is not one this BankInsight knows"),
        };
        var settingsSection = file.Get("settings");
        CheckSettings(settingsSection, plan);
        var settings = settingsSection.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        // Metrics are what training measured, reported and never used to decide anything: they need only be numbers.
        var metricsSection = file.Get("metrics");
        var metrics = metricsSection.Entries.ToDictionary(e => e.Key, e => metricsSection.GetDouble(e.Key), StringComparer.Ordinal);
        var profile = file.Find(TrainingProfile.Section) is { } section ? TrainingProfile.FromEntries(section, plan) : null;
        return new TrainedModel(purpose, schema.Get("name"), schema.Get("fingerprint"), plan, classifier, settings, metrics, profile) { Source = source };
    }

    /// <summary>
    /// Refuses a classifier whose features are not the plan's: same names in the same order, a
    /// categorical kind exactly for the plan's category features. Scoring relies on it (a numeric
    /// split on a category column would read values that are not there).
    /// </summary>
    internal static void CheckFeatures(FeaturePlan plan, IReadOnlyList<string> names, IReadOnlyList<FeatureKind> kinds, ModelSection section, string key)
    {
        if (names.Count != plan.Features.Count)
            throw section.Damaged(key, $"lists {names.Count} features but the [features] plan has {plan.Features.Count}");
        for (int f = 0; f < names.Count; f++)
        {
            var spec = plan.Features[f];
            var kind = spec.Transform == FeatureTransform.Category ? FeatureKind.Categorical : FeatureKind.Numeric;
            if (names[f] != spec.Name || kinds[f] != kind)
                throw section.Damaged(key, $"has feature {f + 1} '{ModelFile.Show(names[f])}' ({kinds[f]}) where the [features] plan has '{ModelFile.Show(spec.Name)}' ({kind})");
        }
    }

    /// <summary>
    /// Checks the settings jobs read back from a model (the others are kept as text): thresholds
    /// a probability or a share strictly between 0 and 1, the prospect bars finite and not negative,
    /// relation types distinct and no more than the plan's supplied features.
    /// </summary>
    private static void CheckSettings(ModelSection settings, FeaturePlan plan)
    {
        static bool Share(double v) => v > 0 && v < 1;
        if (settings.TryGet("decision_threshold") is not null) settings.GetDouble("decision_threshold", Share, "a probability in (0, 1)");
        if (settings.TryGet("decline_threshold") is not null) settings.GetDouble("decline_threshold", Share, "a share in (0, 1)");
        if (settings.TryGet("min_monthly_count") is not null) settings.GetDouble("min_monthly_count", v => v >= 0, "a finite number, 0 or more");
        if (settings.TryGet("min_monthly_amount") is not null) settings.GetDouble("min_monthly_amount", v => v >= 0, "a finite number, 0 or more");
        if (settings.TryGet("seed") is not null) settings.GetInt("seed");
        if (settings.TryGet("uses_relations") is not null) settings.GetBool("uses_relations");
        if (settings.TryGet("data_month") is { Length: > 0 } month && !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw settings.Invalid("data_month", "a month written yyyy-MM, or nothing");
        if (settings.TryGet("relation_types") is { Length: > 0 } text)
        {
            var types = text.Split('|');
            int supplied = plan.Features.Count(f => f.Transform == FeatureTransform.Supplied);
            if (types.Length > supplied) throw settings.Invalid("relation_types", $"at most {supplied} types, one per supplied feature of the plan");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in types)
                if (type.Length == 0 || !seen.Add(type)) throw settings.Invalid("relation_types", "distinct, non-empty relation types joined with '|'");
        }
    }

    /// <summary>A setting as a number, or <paramref name="fallback"/> when absent.</summary>
    public double SettingOr(string key, double fallback) =>
        Settings.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : fallback;
}
