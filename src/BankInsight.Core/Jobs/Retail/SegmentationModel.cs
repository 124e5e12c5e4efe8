using System.Globalization;
using System.Reflection;
using BankInsight.Clustering;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Serialization;

namespace BankInsight.Jobs.Retail;

/// <summary>
/// A trained customer segmentation: the schema it was trained on, how columns become scaled
/// coordinates, the k centres (cluster 1 is the largest at training time), the options it was
/// fitted with and what training measured. Saved as one text model file (<see cref="ModelFile"/>).
/// </summary>
/// <remarks>
/// Layout after the <c>bankinsight-model</c> header:
/// <code>
/// [model]    purpose=segmentation, kind=kmeans, written_by
/// [schema]   name, fingerprint
/// [features] names (| list), categorical (0/1 each), means, scales — one per coordinate
/// [kmeans]   cluster_count, dimensions, seed, init_count, max_iterations, tolerance,
///            iterations, inertia, centre.1 … centre.k (d numbers each, in scaled units)
/// [training] rows, sizes (customers per cluster), silhouette, k_choice (given|silhouette),
///            search_k and search_silhouette (the scores behind an automatic choice)
/// </code>
/// Loading checks the checksum, the purpose, that every list has the right length, that counts
/// are bounded by the lines present and <see cref="ModelLimits"/>, and that every number is finite
/// and in range (scales above 0, centres within ±46,341 standard deviations); nothing in the file
/// names a .NET type.
/// </remarks>
public sealed class SegmentationModel
{
    /// <summary>The purpose written into segmentation models.</summary>
    public const string Purpose = "segmentation";

    internal SegmentationModel(string schemaName, string schemaFingerprint, SegmentFeatures features, KMeansModel kmeans, KMeansOptions options, SegmentationTraining training)
    {
        if (features.Features.Count != kmeans.Dimensions)
            throw new ArgumentException($"{features.Features.Count} features but {kmeans.Dimensions}-dimensional centres.", nameof(kmeans));
        SchemaName = schemaName;
        SchemaFingerprint = schemaFingerprint;
        Features = features;
        KMeans = kmeans;
        Options = options;
        Training = training;
    }

    /// <summary>Schema of the training data.</summary>
    public string SchemaName { get; }

    /// <summary>Its fingerprint; data read with another schema is refused.</summary>
    public string SchemaFingerprint { get; }

    /// <summary>How columns become coordinates.</summary>
    public SegmentFeatures Features { get; }

    /// <summary>The centres, cluster c at index c − 1.</summary>
    public KMeansModel KMeans { get; }

    /// <summary>The k-means options it was fitted with.</summary>
    public KMeansOptions Options { get; }

    /// <summary>What training measured.</summary>
    public SegmentationTraining Training { get; }

    /// <summary>Number of clusters.</summary>
    public int ClusterCount => KMeans.ClusterCount;

    /// <summary>Where it was loaded from, or null for a model made in this session.</summary>
    public string? Source { get; private init; }

    /// <summary>
    /// Each customer's cluster (1..k) and Euclidean distance to its centre in scaled units
    /// (how typical the customer is of the segment: 0 is the centre itself).
    /// </summary>
    public (int[] Clusters, float[] Distances) Assign(CustomerDataSet data, IOperationSink sink, int threads = 0, CancellationToken cancellationToken = default)
    {
        CheckSchema(data.Schema);
        return Assign(Features.Apply(data, sink), threads, cancellationToken);
    }

    /// <summary>The same, for points already made with <see cref="Features"/>.</summary>
    internal (int[] Clusters, float[] Distances) Assign(PointMatrix points, int threads, CancellationToken cancellationToken)
    {
        var (labels, squared) = KMeans.Assign(points, threads, cancellationToken);
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i]++;
            squared[i] = MathF.Sqrt(squared[i]);
        }
        return (labels, squared);
    }

    /// <summary>Refuses data read with a schema other than the training one.</summary>
    public void CheckSchema(BankSchema schema)
    {
        if (schema.Fingerprint != SchemaFingerprint)
            throw new BankInsightException(ErrorIds.ModelSchemaMismatch, ErrorKind.InvalidData,
                $"Segmentation model {Source ?? "(in memory)"} was trained on data of schema {SchemaName} (fingerprint {SchemaFingerprint}), but this data was read with schema {schema.Name} (fingerprint {schema.Fingerprint}). Retrain the model on data of this layout.",
                Source);
    }

    /// <summary>The model as text.</summary>
    public string ToText() => ToFile().Write();

    /// <summary>Writes the model atomically to <paramref name="path"/>.</summary>
    public void Save(OutputFile path) => ToFile().Save(path);

    private ModelFile ToFile()
    {
        var file = new ModelFile();
        var version = typeof(SegmentationModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = version.IndexOf('+');
        if (plus >= 0) version = version[..plus];
        file.Add("model").Add("purpose", Purpose).Add("kind", "kmeans").Add("written_by", $"BankInsight {version}");
        file.Add("schema").Add("name", SchemaName).Add("fingerprint", SchemaFingerprint);
        file.Add("features")
            .Add("names", ModelFile.JoinList(Features.Features.Select(f => f.Name)))
            .Add("categorical", ModelFile.Integers(Features.Features.Select(f => f.IsCategorical ? 1 : 0)))
            .Add("means", ModelFile.Numbers(Features.Features.Select(f => f.Mean)))
            .Add("scales", ModelFile.Numbers(Features.Features.Select(f => f.Scale)));
        var kmeans = file.Add("kmeans")
            .Add("cluster_count", ClusterCount).Add("dimensions", KMeans.Dimensions)
            .Add("seed", Options.Seed).Add("init_count", Options.InitCount).Add("max_iterations", Options.MaxIterations).Add("tolerance", Options.Tolerance)
            .Add("iterations", KMeans.Iterations).Add("inertia", KMeans.Inertia);
        for (int c = 0; c < ClusterCount; c++) kmeans.Add($"centre.{c + 1}", ModelFile.Numbers(KMeans.Centre(c).ToArray()));
        var t = Training;
        file.Add("training")
            .Add("rows", t.Rows)
            .Add("sizes", ModelFile.Integers(t.Sizes))
            .Add("silhouette", t.Silhouette)
            .Add("k_choice", t.Search.Count > 0 ? "silhouette" : "given")
            .Add("search_k", ModelFile.Integers(t.Search.Select(s => s.ClusterCount)))
            .Add("search_silhouette", ModelFile.Numbers(t.Search.Select(s => s.Silhouette)))
            .Add("search_inertia", ModelFile.Numbers(t.Search.Select(s => s.Inertia)));
        return file;
    }

    /// <summary>Loads and checks a segmentation model file.</summary>
    public static SegmentationModel Load(string path) => FromFile(ModelFile.Load(path), path);

    /// <summary>Parses segmentation model text.</summary>
    public static SegmentationModel Parse(string text, string source) => FromFile(ModelFile.Parse(text, source), source);

    private static SegmentationModel FromFile(ModelFile file, string source)
    {
        var model = file.Get("model");
        string purpose = model.Get("purpose");
        if (purpose != Purpose)
            throw new BankInsightException(ErrorIds.ModelKindMismatch, ErrorKind.InvalidArgument,
                $"Model file '{source}' is a {ModelFile.Show(purpose)} model; segmentation needs a segmentation model (New-CustomerClusterModel, bankinsight cluster train).", source);
        if (model.Get("kind") != "kmeans") throw model.Invalid("kind", "kmeans");
        var schema = file.Get("schema");

        // [features]: at most MaxFeatures distinct columns (each absent one costs a column at scoring).
        var f = file.Get("features");
        var names = ModelFile.SplitList(f.Get("names"));
        if (names.Count > ModelLimits.MaxFeatures) throw f.Invalid("names", $"at most {ModelLimits.MaxFeatures} columns");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
            if (names[i].Length == 0 || !seen.Add(names[i])) throw f.InvalidItem("names", i, names[i], "distinct, non-empty column names");
        int d = names.Count;
        T[] Same<T>(ModelSection section, string key, T[] values) => values.Length == d ? values : throw section.Invalid(key, $"{d} values, one per column in names");
        var categorical = Same(f, "categorical", f.GetInts("categorical", 0, 1, "1 for a categorical column"));
        var means = Same(f, "means", f.GetDoubles("means", ModelLimits.IsMean, "a number within ±10^15"));
        var scales = Same(f, "scales", f.GetDoubles("scales", ModelLimits.IsScale, "a number from 1e-12 to 1e15"));
        var features = new SegmentFeatures(names.Select((n, i) => new SegmentFeature(n, categorical[i] == 1, means[i], scales[i])).ToArray());

        // [kmeans]: every centre has its own line, so k is bounded by the lines present; k × d by MaxCentreValues.
        var k = file.Get("kmeans");
        int dimensions = k.GetInt("dimensions", d, d, "the number of columns in [features] names");
        int clusters = k.GetInt("cluster_count", 1, Math.Min(k.Entries.Count, ModelLimits.MaxCentreValues / Math.Max(1, d)),
            $"one centre line each and at most {ModelLimits.MaxCentreValues} centre values in all");
        if (k.TryGet($"centre.{clusters + 1}") is not null) throw k.Damaged("cluster_count", $"is {clusters} but [kmeans] holds a centre.{clusters + 1}");
        var centres = new double[clusters * dimensions];
        for (int c = 0; c < clusters; c++)
        {
            string key = $"centre.{c + 1}";
            var centre = k.GetDoubles(key, v => Math.Abs(v) <= ModelLimits.MaxCentreCoordinate,
                $"a finite coordinate within ±{ModelLimits.MaxCentreCoordinate} standard deviations");
            if (centre.Length != dimensions) throw k.Invalid(key, $"{dimensions} coordinates");
            centre.CopyTo(centres, c * dimensions);
        }
        var options = new KMeansOptions
        {
            ClusterCount = clusters,
            Seed = k.GetInt("seed"),
            InitCount = k.GetInt("init_count", 1, int.MaxValue),
            MaxIterations = k.GetInt("max_iterations", 1, int.MaxValue),
            Tolerance = k.GetDouble("tolerance", v => v >= 0, "a finite number, 0 or more"),
        };
        var kmeans = new KMeansModel(centres, clusters, k.GetDouble("inertia", v => v >= 0, "a finite number, 0 or more"), k.GetInt("iterations", 0, int.MaxValue));

        var t = file.Get("training");
        var sizes = t.GetInts("sizes", 0, int.MaxValue);
        if (sizes.Length != clusters) throw t.Invalid("sizes", $"{clusters} sizes, one per cluster");
        var searchK = t.GetInts("search_k", 1, int.MaxValue);
        var searchSilhouette = t.GetDoubles("search_silhouette", v => v is >= -1 and <= 1, "a silhouette in [-1, 1]");
        var searchInertia = t.GetDoubles("search_inertia", v => v >= 0, "a finite number, 0 or more");
        if (searchSilhouette.Length != searchK.Length || searchInertia.Length != searchK.Length)
            throw t.Invalid("search_k", "as many values as search_silhouette and search_inertia");
        var training = new SegmentationTraining(t.GetInt("rows", 0, int.MaxValue), sizes, t.GetDouble("silhouette", v => v is >= -1 and <= 1, "a silhouette in [-1, 1]"),
            searchK.Select((kk, i) => new ClusterCountScore(kk, searchSilhouette[i], searchInertia[i])).ToArray());
        return new SegmentationModel(schema.Get("name"), schema.Get("fingerprint"), features, kmeans, options, training) { Source = source };
    }

    /// <summary>Loads the shipped segmentation model.</summary>
    public static SegmentationModel LoadShipped() => Load(ShippedModels.Locate(ShippedModels.Retail));

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ClusterCount} segments of {SchemaName} customers over {Features.Features.Count} columns ({Source ?? "in memory"})");
}

/// <summary>What segmentation training measured.</summary>
/// <param name="Rows">Customers trained on.</param>
/// <param name="Sizes">Customers per cluster (cluster 1 first).</param>
/// <param name="Silhouette">Mean silhouette on a sample of up to 3,000 customers.</param>
/// <param name="Search">When k was chosen automatically, the silhouette of each candidate k; empty when k was given.</param>
public sealed record SegmentationTraining(int Rows, int[] Sizes, double Silhouette, IReadOnlyList<ClusterCountScore> Search)
{
    /// <summary>"10,000 customers in segments of 2,100;1,900;…, silhouette 0.112".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Rows:N0} customers in segments of {string.Join(";", Sizes.Select(s => s.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}, silhouette {Silhouette:0.000}");
}
