using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>
/// Makes synthetic input files with planted signal (see <see cref="ChurnStory"/>,
/// <see cref="ProspectWorld"/>, <see cref="RetailStory"/> for the generative stories).
/// </summary>
/// <remarks>
/// Deterministic: every customer has its own random stream, chunks of customers are made in
/// parallel and written in order, so the bytes depend only on the request — not on the
/// thread count. Throughput is bound by formatting, about a million retail rows in seconds.
/// </remarks>
public static class SyntheticDataGenerator
{
    private const int ChunkSize = 2048;

    /// <summary>Writes the data to <paramref name="path"/> atomically (the file appears complete or not at all).</summary>
    public static long GenerateFile(SyntheticDataRequest request, OutputFile path, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        RequireOneFile(request);
        using var file = new AtomicFileWriter(path);
        byte[] preamble = request.Encoding.GetPreamble(); // a byte order mark, when the encoding asks for one (utf8BOM)
        file.Stream.Write(preamble);
        long bytes = preamble.Length + Generate(request, file.Stream, sink, cancellationToken);
        file.Commit();
        return bytes;
    }

    /// <summary>Makes the data in memory and loads it, for interactive use with small counts.</summary>
    public static CustomerDataSet GenerateDataSet(SyntheticDataRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        RequireOneFile(request);
        using var buffer = new MemoryStream();
        Generate(request, buffer, sink, cancellationToken);
        buffer.Position = 0;
        var schema = BuiltInSchemas.Get(request.Schema);
        var options = new DataLoadOptions(schema) { Encoding = request.Encoding, Header = HeaderMode.Absent };
        return CustomerDataLoader.Load(buffer, $"synthetic {schema.Name} (seed {request.Seed})", options, sink, cancellationToken);
    }

    /// <summary>Writes the data as DEL to <paramref name="output"/>; returns the bytes written.</summary>
    public static long Generate(SyntheticDataRequest request, Stream output, IOperationSink sink, CancellationToken cancellationToken = default) =>
        Generate(request, output, sink, cancellationToken, batchChunks: null);

    /// <summary>As above; <paramref name="batchChunks"/> overrides how many chunks run in parallel (tests show it changes nothing).</summary>
    internal static long Generate(SyntheticDataRequest request, Stream output, IOperationSink sink, CancellationToken cancellationToken, int? batchChunks)
    {
        RequireOneFile(request);
        var story = CreateStory(request);
        string activity = $"Generating {story.Schema.Name}";
        sink.Verbose($"Generating {request.Customers:N0} {story.Schema.Name} customers, seed {request.Seed}, data month ending {request.AsOf:yyyy-MM-dd}, encoding {TextEncodings.NameOf(request.Encoding)}.");
        int chunks = (request.Customers + ChunkSize - 1) / ChunkSize;
        int batch = batchChunks ?? Math.Max(2, Environment.ProcessorCount * 2);
        var writers = new DelRowWriter[batch];
        var rows = new SyntheticRow[batch];
        for (int i = 0; i < batch; i++)
        {
            writers[i] = new DelRowWriter(request.Encoding);
            rows[i] = new SyntheticRow(story.Schema);
        }
        long bytes = 0;
        for (int first = 0; first < chunks; first += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, chunks - first);
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, k =>
            {
                var writer = writers[k];
                writer.Reset();
                int from = (first + k) * ChunkSize;
                int to = Math.Min(request.Customers, from + ChunkSize);
                for (int i = from; i < to; i++) story.WriteCustomer(i, rows[k], writer);
            });
            for (int k = 0; k < count; k++)
            {
                output.Write(writers[k].Written);
                bytes += writers[k].Length;
            }
            int done = Math.Min(request.Customers, (first + count) * ChunkSize);
            sink.Progress(new OperationProgress(activity, $"{done:N0} of {request.Customers:N0} customers", request.Customers == 0 ? 1 : (double)done / request.Customers));
        }
        output.Flush();
        sink.Progress(new OperationProgress(activity, $"{request.Customers:N0} customers", 1, Completed: true));
        return bytes;
    }

    // A request with months is a sequence of files (SyntheticMonths), never one stream.
    private static void RequireOneFile(SyntheticDataRequest request)
    {
        request.Validate();
        if (request.Months is not null)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"A sequence of {request.Months} month(s) is one file a month: make it with SyntheticMonths.GenerateFiles.", request);
    }

    private static ISyntheticStory CreateStory(SyntheticDataRequest request)
    {
        ulong seed = unchecked((ulong)request.Seed);
        return BuiltInSchemas.Get(request.Schema).Name switch
        {
            BuiltInSchemas.CorporateChurn => new ChurnStory(seed, request.AsOf),
            BuiltInSchemas.CorporateProspect => new ProspectStory(new ProspectWorld(seed, request.Customers)),
            BuiltInSchemas.ProspectRelation => new ProspectRelationStory(new ProspectWorld(seed, request.Customers)),
            BuiltInSchemas.Retail => new RetailStory(seed),
            var other => throw new BankInsightException(ErrorIds.SchemaNotFound, ErrorKind.ObjectNotFound, $"No synthetic data for schema {other}.", other),
        };
    }
}
