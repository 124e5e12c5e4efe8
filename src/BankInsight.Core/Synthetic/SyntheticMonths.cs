using System.Globalization;
using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.ResultFiles;

namespace BankInsight.Synthetic;

/// <summary>
/// Sequences of monthly CorporateChurn files for the same companies, with the oracle of next-month
/// churn (the story: <see cref="ChurnMonthsStory"/>), for training and testing next-month models.
/// </summary>
/// <remarks>
/// Deterministic like <see cref="SyntheticDataGenerator"/>: each company lives all its months from
/// its own random stream, chunks of companies run in parallel and are appended in order, so the
/// bytes depend only on the request. A sequence is made from its first month on: a longer sequence
/// with the same first month, seed and count starts with the same files.
/// </remarks>
public static class SyntheticMonths
{
    private const int ChunkSize = 2048;

    /// <summary>Last day of each of the <paramref name="months"/> months ending with <paramref name="asOf"/>'s month; the last is <paramref name="asOf"/> itself.</summary>
    public static IReadOnlyList<DateOnly> MonthEnds(DateOnly asOf, int months)
    {
        var ends = new DateOnly[months];
        for (int m = 0; m < months; m++)
        {
            var first = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(m - (months - 1));
            ends[m] = m == months - 1 ? asOf : first.AddMonths(1).AddDays(-1);
        }
        return ends;
    }

    /// <summary>Companies a sequence holds in all: the first month's <paramref name="customers"/> and those that join later.</summary>
    public static long CompanyCount(int customers, int months) => ChurnMonthsStory.CompanyCount(customers, months);

    /// <summary>
    /// Writes <paramref name="files"/> (planned with <see cref="SyntheticMonthFile.Plan"/>, any subset):
    /// every file is complete before any is replaced, and they are replaced together or not at all
    /// (see <see cref="CommitGroup"/>). Data files take the request's encoding; oracle files are the
    /// bank's result format, UTF-8. Returns the paths written, in the order given.
    /// </summary>
    public static IReadOnlyList<string> GenerateFiles(SyntheticDataRequest request, IReadOnlyList<SyntheticMonthFile> files, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var monthEnds = MonthsOf(request);
        var data = new Stream?[monthEnds.Count];
        var oracles = new BankResultWriter?[monthEnds.Count];
        using var group = new CommitGroup();
        foreach (var file in files)
        {
            int m = IndexOf(monthEnds, file.Month);
            if (file.Kind == SyntheticMonthFileKind.Data ? data[m] is not null : oracles[m] is not null)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"The {file.Kind} file of {file.Month:yyyy-MM} is listed twice.", file.Target.Path);
            if (file.Kind == SyntheticMonthFileKind.Data)
            {
                var writer = group.Add(new AtomicFileWriter(file.Target));
                writer.Stream.Write(request.Encoding.GetPreamble()); // a byte order mark, when the encoding asks for one (utf8BOM)
                data[m] = writer.Stream;
            }
            else
            {
                if (m == monthEnds.Count - 1)
                    throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                        $"The last month ({file.Month:yyyy-MM}) has no oracle: its next month is not in the sequence.", file.Target.Path);
                // Generated data, not a monthly list: an empty sequence may replace a full one.
                oracles[m] = group.Add(new BankResultWriter(file.Target) { AllowEmpty = true });
            }
        }
        Run(request, monthEnds, sink, cancellationToken,
            (m, written) => data[m]?.Write(written.Written),
            (m, entries) =>
            {
                if (oracles[m] is not { } oracle) return;
                foreach (var entry in entries)
                    oracle.WriteLine(ResultField.FromText(entry.CustomerId), ResultField.FromNumber(entry.Probability, 6));
            });
        group.CommitAll();
        return files.Select(f => Path.GetFullPath(f.Target.Path)).ToList();
    }

    /// <summary>
    /// The oracle of every month of the sequence <paramref name="request"/> describes (the last month's
    /// too: its customers' true probability of churning by the month after), without writing files.
    /// </summary>
    public static IReadOnlyList<ChurnOracleMonth> Oracle(SyntheticDataRequest request, CancellationToken cancellationToken = default)
    {
        var monthEnds = MonthsOf(request);
        var entries = monthEnds.Select(_ => new List<OracleEntry>()).ToArray();
        Run(request, monthEnds, NullSink.Instance, cancellationToken, (_, _) => { }, (m, chunk) => entries[m].AddRange(chunk));
        return monthEnds.Select((end, m) => new ChurnOracleMonth(
            end,
            entries[m].Select(e => e.CustomerId).ToArray(),
            entries[m].Select(e => e.Probability).ToArray(),
            entries[m].Select(e => e.Outcome).ToArray())).ToList();
    }

    private static IReadOnlyList<DateOnly> MonthsOf(SyntheticDataRequest request)
    {
        request.Validate();
        if (request.Months is not { } months)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, "A monthly sequence needs a number of months (--months, -Months).", request);
        return MonthEnds(request.AsOf, months);
    }

    private static int IndexOf(IReadOnlyList<DateOnly> monthEnds, DateOnly month)
    {
        for (int m = 0; m < monthEnds.Count; m++)
            if (monthEnds[m] == month) return m;
        throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
            $"{month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is not a month of the sequence ({monthEnds[0]:yyyy-MM} to {monthEnds[^1]:yyyy-MM}).", month);
    }

    /// <summary>
    /// Lives every company in chunks, in parallel, and hands each month's rows and oracle entries
    /// on in company order. <paramref name="batchChunks"/> overrides how many chunks run at once (tests show it changes nothing).
    /// </summary>
    internal static void Run(SyntheticDataRequest request, IReadOnlyList<DateOnly> monthEnds, IOperationSink sink, CancellationToken cancellationToken,
        Action<int, DelRowWriter> rows, Action<int, List<OracleEntry>> oracle, int? batchChunks = null)
    {
        var story = new ChurnMonthsStory(unchecked((ulong)request.Seed), request.Customers, monthEnds);
        int companies = story.Companies;
        string activity = $"Generating {story.Schema.Name} months";
        sink.Verbose($"Generating {request.Customers:N0} {story.Schema.Name} customers over {monthEnds.Count} month(s), {monthEnds[0]:yyyy-MM} to {monthEnds[^1]:yyyy-MM} ({companies:N0} companies with those that join), seed {request.Seed}, encoding {TextEncodings.NameOf(request.Encoding)}.");
        int chunks = (companies + ChunkSize - 1) / ChunkSize;
        int batch = batchChunks ?? Math.Max(2, Environment.ProcessorCount * 2);
        var buffers = new MonthBuffers[batch];
        var rowsInProgress = new SyntheticRow[batch];
        for (int i = 0; i < batch; i++)
        {
            buffers[i] = new MonthBuffers(monthEnds.Count, request.Encoding);
            rowsInProgress[i] = new SyntheticRow(story.Schema);
        }
        for (int first = 0; first < chunks; first += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, chunks - first);
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, k =>
            {
                buffers[k].Reset();
                int from = (first + k) * ChunkSize;
                int to = Math.Min(companies, from + ChunkSize);
                for (int i = from; i < to; i++) story.Live(i, rowsInProgress[k], buffers[k]);
            });
            for (int k = 0; k < count; k++)
            {
                for (int m = 0; m < monthEnds.Count; m++)
                {
                    rows(m, buffers[k].Rows[m]);
                    oracle(m, buffers[k].Oracle[m]);
                }
            }
            int done = Math.Min(companies, (first + count) * ChunkSize);
            sink.Progress(new OperationProgress(activity, $"{done:N0} of {companies:N0} companies", companies == 0 ? 1 : (double)done / companies));
        }
        sink.Progress(new OperationProgress(activity, $"{companies:N0} companies", 1, Completed: true));
    }
}
