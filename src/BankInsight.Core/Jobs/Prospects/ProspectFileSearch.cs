using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.Jobs.Prospects;

/// <summary>How to search a prospect file read in chunks (the runner's <c>prospect predict</c>).</summary>
/// <param name="Path">The prospect file (schema CorporateProspect).</param>
/// <param name="Options">How to read it (its Columns and Lines are the passes' own).</param>
/// <param name="Relations">
/// Loads the relation file (it is looked up by id for every company), or gives null; called after the
/// prospect file's first pass, so that the prospect file is checked first, as when both are loaded.
/// </param>
/// <param name="Model">The prospect model.</param>
public sealed record ProspectFileRequest(string Path, DataLoadOptions Options, Func<CustomerDataSet?> Relations, TrainedModel Model)
{
    /// <summary>Keep companies whose registered or business address contains this (null or "": all).</summary>
    public string? Region { get; init; } = RegionFilter.DefaultRegion;

    /// <summary>Also list the related parties of the predicted prospects that are not our customers.</summary>
    public bool ExpandRelations { get; init; }

    /// <summary>Which related parties to list.</summary>
    public RelatedPartySelection RelatedParty { get; init; } = RelatedPartySelection.Company;

    /// <summary>Overrides the model's decision threshold.</summary>
    public double? ProbabilityThreshold { get; init; }

    /// <summary>Drivers per listed company (0: none).</summary>
    public int Drivers { get; init; } = 3;

    /// <summary>List every company in the region, not only the predicted prospects.</summary>
    public bool IncludeAll { get; init; }

    /// <summary>What counts as a prospect (null: the model's definition).</summary>
    public ProspectDefinition? Definition { get; init; }

    /// <summary>The largest share of relation rows that may name no company of the file.</summary>
    public double MaxUnmatchedRelationShare { get; init; } = InputCheck.DefaultMaxRejectedShare;

    /// <summary>Rows per chunk.</summary>
    public int ChunkRows { get; init; } = 8_192;

    /// <summary>Called once the first pass has read and checked every row, before anything is scored (the host's rejected-share check).</summary>
    public Action<LoadSummary>? Checked { get; init; }
}

/// <summary>
/// Prospect search over a file that is never loaded whole: a first pass reads every row (checking and
/// rejecting as a load does) and keeps the ids — what the relation file is matched against; a second
/// pass scores each chunk, hands over the companies listed in it, and keeps only the strong prospects'
/// ids and scores, whose related parties are listed at the end. The results are those of
/// <see cref="ProspectJob.Find"/> on the loaded file.
/// </summary>
public static class ProspectFileSearch
{
    /// <summary>
    /// Runs the search: <paramref name="write"/> gets the listed companies in file order, then the related
    /// parties; <paramref name="score"/> (optional) every company's id and score, in file order. Returns the companies scored.
    /// </summary>
    public static int Find(ProspectFileRequest request, Action<ProspectResult> write, Action<string, double>? score, IOperationSink sink,
        CancellationToken cancellationToken = default)
    {
        var model = request.Model;
        if (model.Purpose != ProspectJob.Purpose)
            throw new BankInsightException(ErrorIds.ModelKindMismatch, ErrorKind.InvalidArgument,
                $"Model {model.Source ?? "(in memory)"} is a {model.Purpose} model; prospect search needs a prospect model.", model.Source);

        // First pass: every row checked, the ids kept (the relation file is matched against all of them).
        var ids = CustomerDataLoader.Load(request.Path, request.Options.ForPass(new HashSet<string>()), sink, cancellationToken);
        request.Checked?.Invoke(ids.Summary);
        ProspectJob.RequireIds(ids);
        var relations = request.Relations();
        bool usesRelations = model.Settings.GetValueOrDefault("uses_relations") == "true";
        if (usesRelations && relations is null)
            sink.Warning("The prospect model uses relation features but no relation file was given; every company is scored as if its relations were unknown.");
        var index = ProspectJob.Index(ids, relations, request.MaxUnmatchedRelationShare, sink);
        var types = model.Settings.TryGetValue("relation_types", out var t) && t.Length > 0 ? t.Split('|') : [];
        double threshold = ClassifierTraining.DecisionThreshold(model, request.ProbabilityThreshold);
        var definition = ProspectJob.DefinitionOf(request.Definition, model);
        // A column empty in every row is dropped by a load, and the features say so; chunks keep it empty.
        var once = new OnceSink(sink);
        foreach (var column in model.Plan.Features.Select(f => f.Column).Distinct().Where(ids.DroppedColumns.Contains))
            once.Warning($"Column '{column}' is missing or empty in {ids.Source}; the model treats it as unknown for every row.");
        var lines = ids.SourceLines;
        var firstPass = ids.Summary;
        int companies = ids.RowCount;
        ids = null;

        // Second pass: each chunk scored and its listed companies handed over.
        var quiet = new SecondPassSink(sink);
        var unseen = new UnseenValues();
        var strong = new List<(string Id, double Score)>();
        int scored = 0, above = 0, emitted = 0;
        CustomerDataLoader.LoadInChunks(request.Path, request.Options.ForPass(null, lines, firstPass), request.ChunkRows, chunk =>
        {
            var features = model.Features(chunk, once, null, usesRelations && relations is not null ? index.Features(chunk, types) : null, unseen);
            var probabilities = Logistic.Probabilities(model.Classifier.PredictRaw(features, cancellationToken));
            var chunkIds = chunk.Ids!;
            if (score is not null) for (int i = 0; i < chunk.RowCount; i++) score(chunkIds[i]!, probabilities[i]);
            above += probabilities.Count(p => p >= threshold);
            var shown = ProspectJob.ShownColumns.Of(chunk);
            var rows = Enumerable.Range(0, chunk.RowCount).Where(i => ProspectJob.Emitted(shown, i, probabilities[i], threshold, request.IncludeAll, request.Region)).ToArray();
            var explained = request.Drivers > 0 && rows.Length > 0 ? model.Classifier.Explain(features, rows, cancellationToken) : null;
            for (int k = 0; k < rows.Length; k++)
            {
                int row = rows[k];
                if (probabilities[row] >= threshold) strong.Add((chunkIds[row]!, probabilities[row]));
                write(ProspectJob.Result(shown, row, probabilities[row], threshold, index, definition, request.Region, explained, k, request.Drivers));
            }
            emitted += rows.Length;
            scored += chunk.RowCount;
            sink.Progress(new OperationProgress("Scoring prospects", $"{scored:N0} of {companies:N0} companies", (double)scored / companies));
        }, quiet, cancellationToken);
        if (quiet.FirstError is not null || scored != companies)
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.ReadError,
                $"{request.Path} changed while it was being read ({quiet.FirstError?.Message ?? $"{scored:N0} of {companies:N0} rows found again"}): nothing was produced, and earlier results stay as they were. Run the job again once the export is complete.", request.Path);
        sink.Progress(new OperationProgress("Scoring prospects", $"{emitted:N0} companies", 1, Completed: true));
        unseen.Say(request.Path, sink);
        ProspectJob.SayScored(above, companies, threshold, emitted, request.Region, sink);
        foreach (var related in ProspectJob.Expand(request.ExpandRelations, relations is not null, strong, index, request.RelatedParty, sink)) write(related);
        return scored;
    }
}
