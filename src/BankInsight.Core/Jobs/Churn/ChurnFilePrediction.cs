using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.Jobs.Churn;

/// <summary>How to score a month read in chunks (the runner's <c>churn predict</c>).</summary>
/// <param name="Path">The month's file.</param>
/// <param name="Options">How to read it (its Columns and Lines are the passes' own).</param>
/// <param name="Model">The churn model.</param>
public sealed record ChurnFileRequest(string Path, DataLoadOptions Options, TrainedModel Model)
{
    /// <summary>Emit every customer, not only the predicted churners.</summary>
    public bool IncludeAll { get; init; }

    /// <summary>Overrides the model's decision threshold.</summary>
    public double? ProbabilityThreshold { get; init; }

    /// <summary>The data's month; derived from the file's dates when null.</summary>
    public DateOnly? DataMonth { get; init; }

    /// <summary>Drivers per emitted customer (0: none).</summary>
    public int Drivers { get; init; } = 3;

    /// <summary>The order predictions are handed over in: File streams them; the others hold them until the last chunk.</summary>
    public ChurnSortOrder SortBy { get; init; } = ChurnSortOrder.File;

    /// <summary>Rows per chunk.</summary>
    public int ChunkRows { get; init; } = 8_192;

    /// <summary>Called once the first pass has read and checked every row, before anything is scored (the host's rejected-share check).</summary>
    public Action<LoadSummary>? Checked { get; init; }
}

/// <summary>
/// Churn scoring of a month that is never loaded whole: a first pass reads every row (checking and
/// rejecting exactly as a load does) but keeps only the dates — the data month the features are
/// measured to is read from all of them — and a second pass scores, explains and hands over each
/// chunk of 8,192 companies as it is read. Memory is a chunk and the ids; the predictions are those
/// of <see cref="ChurnJob.Predict"/> on the loaded file. Trend features over earlier months need the
/// months joined, so a model with history is scored on loaded data instead.
/// </summary>
public static class ChurnFilePrediction
{
    /// <summary>Scores every customer of the file, handing the predicted churners (or everyone) to <paramref name="write"/> in <see cref="ChurnFileRequest.SortBy"/> order; returns the customers scored.</summary>
    public static int Predict(ChurnFileRequest request, Action<ChurnPrediction> write, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        if (request.SortBy == ChurnSortOrder.File) return Score(request, write, sink, cancellationToken);
        var held = new List<ChurnPrediction>();
        int scored = Score(request, held.Add, sink, cancellationToken);
        foreach (var prediction in ChurnOrder.Sort(held, request.SortBy)) write(prediction);
        return scored;
    }

    private static int Score(ChurnFileRequest request, Action<ChurnPrediction> write, IOperationSink sink, CancellationToken cancellationToken)
    {
        var model = request.Model;
        ChurnJob.RequireChurnModel(model);
        double threshold = ClassifierTraining.DecisionThreshold(model, request.ProbabilityThreshold);
        var schema = request.Options.Schema;

        // First pass: every row checked, the dates kept (the data month), the lines of the rows loaded.
        var dates = schema.Columns.Where(c => c.Type == ColumnType.Date).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var first = CustomerDataLoader.Load(request.Path, request.Options.ForPass(dates), sink, cancellationToken);
        request.Checked?.Invoke(first.Summary);
        var found = request.DataMonth is null ? DataMonth.Of(first) : null;
        ChurnJob.WarnAboutFutureDates(found, first, sink);
        var reference = ChurnJob.MonthEnd(request.DataMonth) ?? found?.MonthEnd;
        if (found is not null) sink.Verbose($"Churn: dates of {first.Source} measured to {found} (a data month given sets it instead).");
        else if (reference is { } given) sink.Verbose($"Churn: dates of {first.Source} measured to {given:yyyy-MM-dd}, the data month given.");
        string predicts = ChurnJob.Predicts(model.Settings, reference);
        // A column empty in every row is dropped by a load, and the features say so; chunks keep it empty.
        // (Said through the chunks' own once-sink: a column the header lacks, they say too.)
        var once = new OnceSink(sink);
        foreach (var column in model.Plan.Features.Select(f => f.Column).Distinct().Where(first.DroppedColumns.Contains))
            once.Warning($"Column '{column}' is missing or empty in {first.Source}; the model treats it as unknown for every row.");
        var lines = first.SourceLines;
        var firstPass = first.Summary;
        first = null;

        // Second pass: the loaded rows again, scored chunk by chunk.
        var quiet = new SecondPassSink(sink);
        int scored = 0, above = 0, gone = 0, goneAbove = 0;
        var unseen = new UnseenValues();
        CustomerDataLoader.LoadInChunks(request.Path, request.Options.ForPass(null, lines, firstPass), request.ChunkRows, chunk =>
        {
            var features = model.Features(chunk, once, reference, ChurnJob.Supplied(model, chunk, [], once), unseen);
            var probabilities = Logistic.Probabilities(model.Classifier.PredictRaw(features, cancellationToken));
            var (already, g, w) = ChurnJob.AlreadyChurned(model, chunk, probabilities, threshold);
            gone += g;
            goneAbove += w;
            bool Warned(int i) => probabilities[i] >= threshold && !already[i];
            var rows = Enumerable.Range(0, chunk.RowCount).Where(i => request.IncludeAll || Warned(i)).ToArray();
            above += probabilities.Count(p => p >= threshold);
            var explained = request.Drivers > 0 && rows.Length > 0 ? model.Classifier.Explain(features, rows, cancellationToken) : null;
            var shown = ChurnJob.ShownColumns.Of(chunk);
            for (int k = 0; k < rows.Length; k++)
                write(ChurnJob.Prediction(shown, rows[k], probabilities[rows[k]], Warned(rows[k]), already[rows[k]], threshold, predicts, explained, k, request.Drivers));
            scored += chunk.RowCount;
            sink.Progress(new OperationProgress("Scoring churn", $"{scored:N0} of {lines.Length:N0} customers", (double)scored / lines.Length));
        }, quiet, cancellationToken);
        if (quiet.FirstError is { } error || scored != lines.Length)
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.ReadError,
                $"{request.Path} changed while it was being read ({quiet.FirstError?.Message ?? $"{scored:N0} of {lines.Length:N0} rows found again"}): nothing was produced, and earlier results stay as they were. Run the job again once the export is complete.", request.Path);
        sink.Progress(new OperationProgress("Scoring churn", $"{scored:N0} customers", 1, Completed: true));
        unseen.Say(request.Path, sink);
        ChurnJob.WarnAlreadyChurned(request.Path, gone, goneAbove, sink);
        sink.Verbose($"Churn: {scored:N0} customers scored, {above:N0} at or above the threshold {threshold:F4}.");
        return scored;
    }
}
