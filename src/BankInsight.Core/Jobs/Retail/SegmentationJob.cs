using System.Globalization;
using BankInsight.Clustering;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Results;

namespace BankInsight.Jobs.Retail;

/// <summary>How to train a segmentation.</summary>
/// <remarks>Built on a loaded data set or on a <see cref="RetailFile"/> read in chunks (see <see cref="RetailInput"/>).</remarks>
public sealed class SegmentationRequest(RetailInput input)
{
    /// <summary>The retail file, loaded.</summary>
    public CustomerDataSet Data => input.Loaded;

    /// <summary>The retail file, when read in chunks (null: <see cref="Data"/>).</summary>
    public RetailFile? File => input.File;

    /// <summary>Number of segments; null chooses it by silhouette between <see cref="MinClusterCount"/> and <see cref="MaxClusterCount"/>.</summary>
    public int? ClusterCount { get; init; }

    /// <summary>Smallest k tried when choosing automatically.</summary>
    public int MinClusterCount { get; init; } = 2;

    /// <summary>Largest k tried when choosing automatically.</summary>
    public int MaxClusterCount { get; init; } = 10;

    /// <summary>k-means options (its ClusterCount is ignored: see <see cref="ClusterCount"/>).</summary>
    public KMeansOptions KMeans { get; init; } = new();

    /// <summary>Where to save the model, or null.</summary>
    public OutputFile? OutFile { get; init; }
}

/// <summary>
/// Retail segmentation (SPEC "3."): k-means over the schema's segmentation columns, scaled;
/// segments numbered by size at training time; assignments and profiles for any later file.
/// </summary>
public static class SegmentationJob
{
    /// <summary>Trains (and optionally saves) a segmentation model.</summary>
    public static SegmentationResult Train(SegmentationRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        if (request.File is { } file) return TrainFile(request, file, sink, cancellationToken).Result;
        var data = request.Data;
        RequireTwo(data.RowCount, data.Source);
        var features = SegmentFeatures.Fit(data, data.Schema.SegmentationColumns, sink);
        return Train(request, features, features.Apply(data, sink), data.Schema, data.Source, sink, cancellationToken);
    }

    /// <summary>
    /// Trains on a file read in chunks — in one pass, which also works out every customer's id, line and
    /// holdings — and returns those customers with their segment under the new model (what assigning the
    /// file would give), so the retail run can go on to rules without reading the file again. The
    /// segmentation columns are kept as <see cref="CompactNumbers"/>: the model is the one a load trains.
    /// </summary>
    public static (SegmentationResult Result, RetailCustomers Customers) TrainFile(SegmentationRequest request, RetailFile file, IOperationSink sink,
        CancellationToken cancellationToken = default)
    {
        var schema = file.Options.Schema;
        var columns = new CompactSegmentColumns(schema, file.Path);
        var customers = file.ReadCustomers(null, schema.SegmentationColumns.ToHashSet(StringComparer.Ordinal), (chunk, _) => columns.Add(chunk), sink, cancellationToken);
        RequireTwo(customers.Count, file.Path);
        columns.Finish(customers.Summary.DroppedColumns, customers.Count);
        PhaseEnd.ReleaseGarbage();
        var features = SegmentFeatures.Fit(columns, schema.SegmentationColumns, sink);
        columns.ReadEachOnceMore();
        var points = features.Apply(columns, sink);
        columns.Release(); // the compact columns go before k-means needs their memory
        PhaseEnd.ReleaseGarbage();
        var result = Train(request, features, points, schema, file.Path, sink, cancellationToken);
        customers.Segments = result.Model!.Assign(points, result.Model.Options.Threads, cancellationToken).Clusters;
        points = null;
        PhaseEnd.ReleaseGarbage();
        return (result, customers);
    }

    private static void RequireTwo(int rows, string source)
    {
        if (rows < 2)
            throw new BankInsightException(ErrorIds.TrainingDataInvalid, ErrorKind.InvalidData, $"{source} has {rows} customers; segmentation needs at least 2.", source);
    }

    private static SegmentationResult Train(SegmentationRequest request, SegmentFeatures features, PointMatrix points, BankSchema schema, string source,
        IOperationSink sink, CancellationToken cancellationToken)
    {
        var options = request.KMeans;
        IReadOnlyList<ClusterCountScore> search = [];
        int k;
        if (request.ClusterCount is { } given)
        {
            k = given;
        }
        else
        {
            (k, search) = ClusterCountSearch.Choose(points, request.MinClusterCount, request.MaxClusterCount, options, sink, cancellationToken);
            sink.Verbose($"Segmentation: chose k = {k} by silhouette ({string.Join(", ", search.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.ClusterCount}: {s.Silhouette:F3}")))}).");
        }
        options = options with { ClusterCount = k };
        sink.Verbose($"Segmentation: k-means with k = {k} on {points.Rows:N0} customers × {features.Features.Count} columns, {options.InitCount} initialisations, seed {options.Seed}.");
        var fit = new KMeansTrainer(options).Fit(points, sink, cancellationToken);

        // Number segments by size (1 = largest, ties by the fit's order) so the numbers mean something and are stable.
        var sizes = new int[k];
        foreach (int l in fit.Labels) sizes[l]++;
        var order = Enumerable.Range(0, k).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
        var rank = new int[k];
        for (int r = 0; r < k; r++) rank[order[r]] = r;
        var centres = new double[k * points.Dimensions];
        for (int r = 0; r < k; r++) fit.Model.Centre(order[r]).CopyTo(centres.AsSpan(r * points.Dimensions));
        var labels = fit.Labels;
        for (int i = 0; i < labels.Length; i++) labels[i] = rank[labels[i]];

        var sample = new SeededRandom((ulong)options.Seed ^ 0x5157UL).SampleRows(points.Rows, ClusterCountSearch.ScoreSample);
        double silhouette = Silhouette.Score(points.Select(sample), sample.Select(i => labels[i]).ToArray(), options.Threads, cancellationToken);
        var training = new SegmentationTraining(points.Rows, order.Select(c => sizes[c]).ToArray(), silhouette, search);
        var model = new SegmentationModel(schema.Name, schema.Fingerprint, features,
            new KMeansModel(centres, k, fit.Model.Inertia, fit.Model.Iterations), options, training);
        if (request.OutFile is { } path)
        {
            model.Save(path);
            sink.Verbose($"Segmentation model saved to {path}.");
        }
        return new SegmentationResult
        {
            ClusterCount = k,
            ClusterCountChoice = search.Count > 0 ? "Silhouette" : "Given",
            Customers = points.Rows,
            Features = features.Features.Count,
            Sizes = string.Join("; ", training.Sizes.Select((s, c) => string.Create(CultureInfo.InvariantCulture, $"{c + 1}: {s:N0}"))),
            Silhouette = silhouette,
            Inertia = fit.Model.Inertia,
            Iterations = fit.Model.Iterations,
            Search = search.Count > 0 ? string.Join("; ", search.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.ClusterCount}: {s.Silhouette:F3}"))) : null,
            Path = request.OutFile?.Path,
            Model = model,
        };
    }

    /// <summary>Every customer's segment and distance to its centre, in file order.</summary>
    public static IEnumerable<ClusterAssignment> Assign(CustomerDataSet data, SegmentationModel model, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var (clusters, distances) = model.Assign(data, sink, model.Options.Threads, cancellationToken);
        var ids = RequireIds(data);
        var names = data.Names;
        var holdings = data.Schema.Products.Count > 0 ? ProductHoldings.FromData(data, NullSink.Instance) : null;
        sink.Verbose($"Segmentation: {data.RowCount:N0} customers assigned to {model.ClusterCount} segments.");
        for (int i = 0; i < data.RowCount; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sink.Progress(new OperationProgress("Assigning segments", $"{i:N0} of {data.RowCount:N0} customers", (double)i / data.RowCount));
            }
            yield return new ClusterAssignment
            {
                CustomerId = ids[i]!,
                CustomerName = names?[i],
                Cluster = clusters[i],
                Distance = distances[i],
                HeldProducts = holdings is null ? null : holdings.Text(holdings.Masks[i]),
                Line = data.GetSourceLine(i),
                File = data.Source,
            };
        }
        sink.Progress(new OperationProgress("Assigning segments", $"{data.RowCount:N0} customers", 1, Completed: true));
    }

    /// <summary>
    /// Every customer's segment from a file read in chunks, emitted once the whole file has been read
    /// (so a file with too many rejected rows gives none): about 45 bytes a customer are kept meanwhile.
    /// </summary>
    public static IEnumerable<ClusterAssignment> Assign(RetailFile file, SegmentationModel model, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var customers = file.ReadCustomers(model, null, null, sink, cancellationToken);
        sink.Verbose($"Segmentation: {customers.Count:N0} customers assigned to {model.ClusterCount} segments.");
        return Emit(customers, file.Path, sink, cancellationToken);
    }

    private static IEnumerable<ClusterAssignment> Emit(RetailCustomers customers, string source, IOperationSink sink, CancellationToken cancellationToken)
    {
        for (int i = 0; i < customers.Count; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sink.Progress(new OperationProgress("Assigning segments", $"{i:N0} of {customers.Count:N0} customers", (double)i / customers.Count));
            }
            yield return new ClusterAssignment
            {
                CustomerId = customers.Ids[i]!,
                CustomerName = customers.Names?[i],
                Cluster = customers.Segments![i],
                Distance = customers.Distances![i],
                HeldProducts = customers.Holdings.Products.Count == 0 ? null : customers.Holdings.Text(customers.Holdings.Masks[i]),
                Line = customers.Lines[i],
                File = source,
            };
        }
        sink.Progress(new OperationProgress("Assigning segments", $"{customers.Count:N0} customers", 1, Completed: true));
    }

    /// <summary>
    /// Every customer's segment from a file read in chunks, handed to <paramref name="write"/> as each chunk is
    /// assigned (file order): memory is one chunk, whatever the file's size. Returns the customers assigned.
    /// The file's rejected share is checked (<see cref="RetailFile.Checked"/>) only after the last chunk, so
    /// <paramref name="write"/> must be undone when that throws — the runner writes into a file committed only
    /// at the end; a caller that emits objects uses <see cref="Assign(RetailFile, SegmentationModel, IOperationSink, CancellationToken)"/>.
    /// </summary>
    public static int AssignInFile(RetailFile file, SegmentationModel model, Action<ClusterAssignment> write, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        model.CheckSchema(file.Options.Schema);
        var once = new OnceSink(sink);
        bool products = file.Options.Schema.Products.Count > 0;
        var columns = new HashSet<string>(products ? RetailColumns.ForHoldings(file.Options.Schema, model) : RetailColumns.ForSegments(model), StringComparer.Ordinal);
        if (file.WithNames) columns = [.. RetailColumns.WithName(file.Options.Schema, columns)];
        int rows = 0;
        ProductHoldings? patterns = null; // one text per holding pattern, shared across chunks
        var summary = CustomerDataLoader.LoadInChunks(file.Path, file.Options.ForPass(columns), file.ChunkRows, chunk =>
        {
            var (clusters, distances) = model.Assign(chunk, once, model.Options.Threads, cancellationToken);
            var ids = RequireIds(chunk);
            var names = file.WithNames ? chunk.Names : null;
            var holdings = products ? ProductHoldings.FromData(chunk, NullSink.Instance) : null; // as the loaded assignment: holdings only label the rows
            patterns ??= holdings;
            for (int i = 0; i < chunk.RowCount; i++)
                write(new ClusterAssignment
                {
                    CustomerId = ids[i]!,
                    CustomerName = names?[i],
                    Cluster = clusters[i],
                    Distance = distances[i],
                    HeldProducts = holdings is null ? null : patterns!.Text(holdings.Masks[i]),
                    Line = chunk.GetSourceLine(i),
                    File = file.Path,
                });
            rows += chunk.RowCount;
        }, sink, cancellationToken);
        file.Checked?.Invoke(summary);
        if (rows > 0)
            foreach (var name in model.Features.Features.Select(f => f.Name).Where(summary.DroppedColumns.Contains))
                sink.Warning($"{summary.Source}: segmentation column {name} is empty in every row; every customer is placed at its training mean.");
        sink.Verbose($"Segmentation: {rows:N0} customers assigned to {model.ClusterCount} segments.");
        return rows;
    }

    /// <summary>The profile of each segment <paramref name="model"/> finds in <paramref name="data"/>.</summary>
    public static IReadOnlyList<ClusterProfile> Profiles(CustomerDataSet data, SegmentationModel model, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var (clusters, _) = model.Assign(data, sink, model.Options.Threads, cancellationToken);
        return Profiles(data, clusters, model.ClusterCount, sink);
    }

    /// <summary>The profile of each segment of <paramref name="data"/> under <paramref name="clusters"/> (1..k).</summary>
    public static IReadOnlyList<ClusterProfile> Profiles(CustomerDataSet data, int[] clusters, int clusterCount, IOperationSink sink)
    {
        var holdings = data.Schema.Products.Count > 0 ? ProductHoldings.FromData(data, sink) : null;
        var members = new List<int>[clusterCount];
        for (int c = 0; c < clusterCount; c++) members[c] = [];
        for (int i = 0; i < clusters.Length; i++) members[clusters[i] - 1].Add(i);
        var overallProducts = holdings?.Shares() ?? [];
        // Each column's figures over everyone, once: every segment is set against them.
        var columns = data.Schema.SegmentationColumns.Select(data.Find).OfType<DataColumn>().ToList();
        var baselines = columns.Select(column => Baseline.Of(column, null)).ToList();
        var profiles = new List<ClusterProfile>();
        for (int c = 0; c < clusterCount; c++)
        {
            var rows = members[c].ToArray();
            var products = new List<ProfileMeasure>();
            if (holdings is not null)
            {
                var shares = holdings.Shares(rows);
                for (int p = 0; p < shares.Length; p++)
                    products.Add(new ProfileMeasure(holdings.Products[p].Name, "Product", rows.Length == 0 ? null : shares[p], overallProducts[p], null, ShareContrast(shares[p], overallProducts[p])));
            }
            var features = columns.Select((column, f) => Measure(column, Baseline.Of(column, rows), baselines[f])).ToList();
            var highlights = products.Concat(features)
                .Where(m => m.Value is not null && Math.Abs(m.Contrast) >= 0.5)
                .OrderByDescending(m => Math.Abs(m.Contrast)).ThenBy(m => m.Name, StringComparer.Ordinal)
                .Take(5).Select(Describe);
            profiles.Add(new ClusterProfile
            {
                Cluster = c + 1,
                Customers = rows.Length,
                Share = data.RowCount == 0 ? 0 : (double)rows.Length / data.RowCount,
                Highlights = string.Join("; ", highlights),
                Products = products,
                Features = features,
            });
        }
        return profiles;
    }

    /// <summary>A column's figures over some rows: mean, standard deviation and count of a number; category counts of a categorical.</summary>
    private sealed record Baseline(double Mean, double Sd, int Present, int[]? Counts)
    {
        public static Baseline Of(DataColumn column, int[]? rows)
        {
            if (column is not CategoricalColumn categorical)
            {
                var (mean, sd, present) = Moments.Of(((NumericColumn)column).Values, rows);
                return new Baseline(mean, sd, present, null);
            }
            var counts = new int[categorical.Categories.Count];
            var codes = categorical.Codes;
            int n = rows?.Length ?? codes.Length, known = 0;
            for (int k = 0; k < n; k++)
            {
                int code = codes[rows?[k] ?? k];
                if (code >= 0) { counts[code]++; known++; }
            }
            return new Baseline(0, 0, known, counts);
        }

        /// <summary>A category's share of the known values (0 when none is known).</summary>
        public double Share(int code) => Present == 0 ? 0 : (double)Counts![code] / Present;
    }

    private static ProfileMeasure Measure(DataColumn column, Baseline segment, Baseline everyone)
    {
        if (segment.Counts is { } counts)
        {
            if (segment.Present == 0) return new ProfileMeasure(column.Name, "Category", null, 0, null, 0);
            int mode = 0;
            for (int v = 1; v < counts.Length; v++) if (counts[v] > counts[mode]) mode = v;
            double share = segment.Share(mode), overall = everyone.Share(mode);
            return new ProfileMeasure(column.Name, "Category", share, overall, ((CategoricalColumn)column).Categories[mode], ShareContrast(share, overall));
        }
        string kind = column.Type == ColumnType.Flag ? "Flag" : "Number";
        double? mean = segment.Present > 0 ? segment.Mean : null, overallMean = everyone.Present > 0 ? everyone.Mean : null;
        double contrast = mean is { } m && overallMean is { } o && everyone.Sd > 0 ? (m - o) / everyone.Sd : 0;
        return new ProfileMeasure(column.Name, kind, mean, overallMean, null, contrast);
    }

    // A share against everyone's, in binomial standard deviations of the overall share.
    private static double ShareContrast(double share, double overall) =>
        overall <= 0 || overall >= 1 ? (share == overall ? 0 : Math.Sign(share - overall) * 10) : (share - overall) / Math.Sqrt(overall * (1 - overall));

    private static string Describe(ProfileMeasure m) => m.Kind switch
    {
        "Product" or "Flag" => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Value * 100:0}% (all {m.Overall * 100:0}%)"),
        "Category" => string.Create(CultureInfo.InvariantCulture, $"{m.Name}={m.Category} {m.Value * 100:0}% (all {m.Overall * 100:0}%)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Value:0.#} (all {m.Overall:0.#})"),
    };

    internal static TextColumn RequireIds(CustomerDataSet data) =>
        data.Ids ?? throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"{data.Source} has no customer id column.", data.Source);
}
