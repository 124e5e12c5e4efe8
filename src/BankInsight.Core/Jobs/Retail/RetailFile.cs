using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;

namespace BankInsight.Jobs.Retail;

/// <summary>
/// A retail file the jobs stream rather than load: a first pass reads every row in chunks (checking
/// and rejecting exactly as a load does) and keeps only <see cref="RetailCustomers"/> — id, line,
/// holdings, segment — plus what a job collects from each chunk; later passes read chosen rows again
/// by line, skipping the rest unparsed. Memory is a chunk and the compact facts, not the file: ten
/// million 134-column customers fit where one million used to need 2 GB.
/// </summary>
public sealed class RetailFile
{
    /// <summary>The file at <paramref name="path"/>, read with <paramref name="options"/> (their Columns and Lines are the passes' own).</summary>
    public RetailFile(string path, DataLoadOptions options)
    {
        Path = path;
        Options = options;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>How it is read.</summary>
    public DataLoadOptions Options { get; }

    /// <summary>
    /// Rows per chunk. The default, 8,192, keeps each column's array of a chunk under the 85,000 bytes at
    /// which .NET puts arrays on the large-object heap — collected only with the oldest generation, so
    /// chunks there pile up as garbage — and a 134-column chunk at about 9 MB.
    /// </summary>
    public int ChunkRows { get; init; } = 8_192;

    /// <summary>Keep customer names for the results (result files carry ids only).</summary>
    public bool WithNames { get; init; }

    /// <summary>
    /// Called once the first pass has read the whole file, before any result is made: the host's
    /// check of the rejected share (<see cref="InputCheck.Usable(LoadSummary, double, string)"/>).
    /// </summary>
    public Action<LoadSummary>? Checked { get; init; }

    /// <summary>
    /// The first pass: every customer's id, line and holdings, and segment under <paramref name="segments"/>
    /// when given; <paramref name="alsoEach"/> sees each chunk with the index of its first row (to collect
    /// <paramref name="moreColumns"/>, which the pass then keeps in its chunks).
    /// </summary>
    public RetailCustomers ReadCustomers(SegmentationModel? segments, IReadOnlySet<string>? moreColumns, Action<CustomerDataSet, int>? alsoEach,
        IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var schema = Options.Schema;
        // Segments alone need no products (a schema with segmentation columns only): nobody holds anything.
        bool products = schema.Products.Count > 0;
        if (!products && segments is null)
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                $"Schema {schema.Name} defines no products, so {Path} has no holdings to mine; use the Retail schema or add \"products\" to your schema.", Path);
        segments?.CheckSchema(schema);
        var columns = new HashSet<string>(products ? RetailColumns.ForHoldings(schema, segments) : RetailColumns.ForSegments(segments!), StringComparer.Ordinal);
        if (moreColumns is not null) columns.UnionWith(moreColumns);
        if (WithNames) columns = [.. RetailColumns.WithName(schema, columns)];
        var ids = new PooledText(ChunkRows);
        var names = WithNames ? new PooledText(ChunkRows) : null;
        var lines = new GrowableArray<int>(ChunkRows);
        var masks = new GrowableArray<int>(ChunkRows);
        var clusters = segments is null ? null : new GrowableArray<int>(ChunkRows);
        var distances = segments is null ? null : new GrowableArray<float>(ChunkRows);
        var once = new OnceSink(sink);
        var summary = CustomerDataLoader.LoadInChunks(Path, Options.ForPass(columns), ChunkRows, chunk =>
        {
            int first = lines.Count;
            ids.AddRange(SegmentationJob.RequireIds(chunk));
            if (names is not null)
            {
                if (chunk.Names is { } n) names.AddRange(n);
                else for (int i = 0; i < chunk.RowCount; i++) names.Add(null);
            }
            for (int i = 0; i < chunk.RowCount; i++) lines.Add(chunk.GetSourceLine(i));
            if (products) foreach (int m in ProductHoldings.FromData(chunk, once).Masks) masks.Add(m);
            else for (int i = 0; i < chunk.RowCount; i++) masks.Add(0);
            if (segments is not null)
            {
                var (assigned, distance) = segments.Assign(chunk, once, segments.Options.Threads, cancellationToken);
                foreach (int c in assigned) clusters!.Add(c);
                foreach (float d in distance) distances!.Add(d);
            }
            alsoEach?.Invoke(chunk, first);
        }, sink, cancellationToken);
        WarnAboutDropped(summary, segments, once);
        Checked?.Invoke(summary);
        return new RetailCustomers(Path, ids, names, lines.ToArrayAndClear(), ProductHoldings.FromMasks(schema.Products, masks.ToArrayAndClear()),
            clusters?.ToArrayAndClear(), summary) { Distances = distances?.ToArrayAndClear() };
    }

    /// <summary>
    /// A later pass: the customers at <paramref name="rows"/> (ascending indexes into <paramref name="customers"/>;
    /// null: all) read again in chunks with <paramref name="columns"/> (null: all), each handed over with
    /// the index of its first row in <paramref name="rows"/>. Lines not asked for are skipped unparsed. A file
    /// that changed since the first pass (another id on a line, a row now rejected) stops the job.
    /// </summary>
    /// <remarks>With <paramref name="overlap"/> a chunk stays intact while the next is read (see <see cref="CustomerDataLoader.LoadInChunks"/>).</remarks>
    public void ReadAgain(RetailCustomers customers, IReadOnlyList<int>? rows, IReadOnlySet<string>? columns, Action<CustomerDataSet, int> onChunk,
        IOperationSink sink, CancellationToken cancellationToken = default, bool overlap = false)
    {
        int count = rows?.Count ?? customers.Count;
        var wanted = new int[count];
        for (int k = 0; k < count; k++) wanted[k] = customers.Lines[rows?[k] ?? k];
        var quiet = new SecondPassSink(sink);
        int done = 0;
        CustomerDataLoader.LoadInChunks(Path, Options.ForPass(columns, wanted, customers.Summary), ChunkRows, chunk =>
        {
            var ids = SegmentationJob.RequireIds(chunk);
            for (int i = 0; i < chunk.RowCount; i++)
            {
                int row = rows?[done + i] ?? done + i;
                if (chunk.GetSourceLine(i) != customers.Lines[row] || !string.Equals(ids[i], customers.Ids[row], StringComparison.Ordinal))
                    throw Changed($"line {chunk.GetSourceLine(i):N0} now holds customer '{ids[i]}', not '{customers.Ids[row]}'");
            }
            onChunk(chunk, done);
            done += chunk.RowCount;
        }, quiet, cancellationToken, overlap);
        if (quiet.FirstError is { } error) throw Changed($"a row it loaded is now rejected ({error.Message})");
        if (done != count) throw Changed($"{done:N0} of the {count:N0} rows asked for were found again");
    }

    private BankInsightException Changed(string what) => new(ErrorIds.FileUnreadable, ErrorKind.ReadError,
        $"{Path} changed while it was being read ({what}): nothing was produced, and earlier results stay as they were. Run the job again once the export is complete.", Path);

    // A load drops an empty column before the steps see it, and they say so; chunks keep it (empty
    // in one chunk is not empty in the file), so the pass says it for them at the end.
    private void WarnAboutDropped(LoadSummary summary, SegmentationModel? segments, IOperationSink sink)
    {
        if (summary.RowsLoaded == 0) return;
        var segmentColumns = segments?.Features.Features.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var product in Options.Schema.Products)
            foreach (var name in product.BalanceColumns.Where(summary.DroppedColumns.Contains))
                sink.Warning($"{summary.Source}: balance column {name} is absent or empty in every row, so it marks nobody as holding {product.Name}.");
        foreach (var name in summary.DroppedColumns)
            if (segmentColumns is not null && segmentColumns.Contains(name))
                sink.Warning($"{summary.Source}: segmentation column {name} is empty in every row; every customer is placed at its training mean.");
    }
}
