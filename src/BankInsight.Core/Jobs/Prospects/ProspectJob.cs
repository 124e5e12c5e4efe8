using System.Globalization;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.Jobs.Prospects;

/// <summary>How to train a prospect model.</summary>
public sealed class ProspectTrainingRequest(CustomerDataSet prospects, CustomerDataSet? relations)
{
    /// <summary>
    /// The largest share of relation rows that may name no company of the prospect file (default
    /// 0.5, as for rejected rows). More means the two files come from different extractions: the
    /// relation features would be nearly all missing and the related parties nearly none.
    /// </summary>
    public double MaxUnmatchedRelationShare { get; init; } = InputCheck.DefaultMaxRejectedShare;

    /// <summary>The prospect file (schema CorporateProspect).</summary>
    public CustomerDataSet Prospects { get; } = prospects;

    /// <summary>The relation file (schema ProspectRelation), or null to train without relation features.</summary>
    public CustomerDataSet? Relations { get; } = relations;

    /// <summary>What counts as a prospect.</summary>
    public ProspectDefinition Definition { get; init; } = new();

    /// <summary>Learner.</summary>
    public ModelAlgorithm Algorithm { get; init; } = ModelAlgorithm.Gbdt;

    /// <summary>Seed for the hold-out split and the learner.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Share of labelled rows held out for the metrics and the threshold.</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>Trees hyper-parameters.</summary>
    public GbdtOptions Gbdt { get; init; } = new();

    /// <summary>Logistic regression hyper-parameters.</summary>
    public LogisticRegressionOptions Logistic { get; init; } = new();

    /// <summary>Where to save the model, or null.</summary>
    public OutputFile? OutFile { get; init; }
}

/// <summary>How to find prospects with a model.</summary>
public sealed class ProspectSearchRequest(CustomerDataSet prospects, CustomerDataSet? relations, TrainedModel model)
{
    /// <summary>
    /// The largest share of relation rows that may name no company of the prospect file (default
    /// 0.5, as for rejected rows). More means the two files come from different extractions: the
    /// relation features would be nearly all missing and the related parties nearly none.
    /// </summary>
    public double MaxUnmatchedRelationShare { get; init; } = InputCheck.DefaultMaxRejectedShare;

    /// <summary>The prospect file.</summary>
    public CustomerDataSet Prospects { get; } = prospects;

    /// <summary>The relation file, or null.</summary>
    public CustomerDataSet? Relations { get; } = relations;

    /// <summary>The prospect model.</summary>
    public TrainedModel Model { get; } = model;

    /// <summary>Address keyword (default 广东); empty or null turns the filter off.</summary>
    public string? Region { get; init; } = RegionFilter.DefaultRegion;

    /// <summary>Emit every scored company in the region, not only predicted prospects.</summary>
    public bool IncludeAll { get; init; }

    /// <summary>Also emit the related parties of predicted prospects that are not yet our customers.</summary>
    public bool ExpandRelations { get; init; }

    /// <summary>
    /// Which related parties the expansion emits (default Company: the upstream/downstream
    /// prospects; persons are retail leads, asked for with Person or All).
    /// </summary>
    public RelatedPartySelection RelatedParty { get; init; } = RelatedPartySelection.Company;

    /// <summary>Overrides the model's decision threshold.</summary>
    public double? ProbabilityThreshold { get; init; }

    /// <summary>What counts as a prospect, for <see cref="ProspectResult.MeetsDefinition"/> (the model's by default).</summary>
    public ProspectDefinition? Definition { get; init; }

    /// <summary>Drivers per company (0 = none).</summary>
    public int Drivers { get; init; } = 3;
}

/// <summary>
/// Upstream/downstream prospects (SPEC "2."): label from the monthly averages, features from
/// the transaction windows plus the relation file (counts by type, share of our customers and
/// of loan customers), a region filter on the output, and expansion to the related parties of
/// strong prospects that are not yet the bank's customers.
/// </summary>
public static class ProspectJob
{
    /// <summary>The purpose written into prospect models.</summary>
    public const string Purpose = "prospect";

    private static readonly string[] NotFeatures =
        [ProspectColumns.Id, ProspectColumns.MonthlyAmount, ProspectColumns.MonthlyCount, ProspectColumns.RegisteredAddress, ProspectColumns.BusinessAddress];

    /// <summary>Trains and (optionally) saves a prospect model; returns it with its held-out metrics.</summary>
    public static ModelTrainingResult Train(ProspectTrainingRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var data = request.Prospects;
        RequireIds(data);
        var (labels, unlabelled) = ProspectLabels.Make(data, request.Definition, sink);
        var index = Index(data, request.Relations, request.MaxUnmatchedRelationShare, sink);
        var types = index.FrequentTypes();
        var plan = FeaturePlan.FromData(data, NotFeatures).With(request.Relations is null ? [] : RelationIndex.Specs(types));
        var settings = new Dictionary<string, string>
        {
            ["min_monthly_count"] = request.Definition.MinMonthlyCount.ToString("R", CultureInfo.InvariantCulture),
            ["min_monthly_amount"] = request.Definition.MinMonthlyAmount.ToString("R", CultureInfo.InvariantCulture),
            ["relation_types"] = string.Join('|', types),
            ["uses_relations"] = request.Relations is null ? "false" : "true",
        };
        sink.Verbose($"Prospects: {plan.Features.Count} features ({(request.Relations is null ? "no relation file" : $"{types.Count} relation types")}); prospect = monthly count > {request.Definition.MinMonthlyCount} or monthly amount > {request.Definition.MinMonthlyAmount:N0}.");
        return ClassifierTraining.Train(new TrainingInput(Purpose, data, plan, index.Features(data, types), labels, unlabelled, request.Algorithm,
            request.Gbdt, request.Logistic, request.HoldOutFraction, request.Seed, settings, request.OutFile), sink, cancellationToken);
    }

    /// <summary>
    /// Scores the companies and yields, in file order, the predicted prospects in the region (or
    /// every company in the region with IncludeAll), then — with ExpandRelations — the related
    /// parties of those prospects that do not bank with us yet, strongest source first, each once.
    /// </summary>
    public static IEnumerable<ProspectResult> Find(ProspectSearchRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var scored = Score(request, sink, cancellationToken);
        var prospects = request.Prospects;
        var ids = prospects.Ids!;
        var definition = DefinitionOf(request.Definition, request.Model);
        var shown = ShownColumns.Of(prospects);
        var emitted = Enumerable.Range(0, prospects.RowCount)
            .Where(i => Emitted(shown, i, scored.Probabilities[i], scored.Threshold, request.IncludeAll, request.Region))
            .ToArray();
        SayScored(scored.Probabilities.Count(p => p >= scored.Threshold), prospects.RowCount, scored.Threshold, emitted.Length, request.Region, sink);
        var strong = new List<(string Id, double Score)>();
        const int block = 1024;
        for (int start = 0; start < emitted.Length; start += block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = emitted.AsSpan(start, Math.Min(block, emitted.Length - start)).ToArray();
            var explained = request.Drivers > 0 ? request.Model.Classifier.Explain(scored.Features, rows, cancellationToken) : null;
            for (int k = 0; k < rows.Length; k++)
            {
                int row = rows[k];
                double p = scored.Probabilities[row];
                if (p >= scored.Threshold) strong.Add((ids[row]!, p));
                yield return Result(shown, row, p, scored.Threshold, scored.Index, definition, request.Region, explained, k, request.Drivers);
            }
            int done = Math.Min(start + block, emitted.Length);
            sink.Progress(new OperationProgress("Scoring prospects", $"{done:N0} of {emitted.Length:N0} companies", (double)done / emitted.Length));
        }
        sink.Progress(new OperationProgress("Scoring prospects", $"{emitted.Length:N0} companies", 1, Completed: true));
        foreach (var related in Expand(request.ExpandRelations, request.Relations is not null, strong, scored.Index, request.RelatedParty, sink)) yield return related;
    }

    /// <summary>What counts as a prospect: the request's definition, else the model's.</summary>
    internal static ProspectDefinition DefinitionOf(ProspectDefinition? given, TrainedModel model) => given ?? new ProspectDefinition(
        model.SettingOr("min_monthly_count", ProspectDefinition.DefaultMinMonthlyCount),
        model.SettingOr("min_monthly_amount", ProspectDefinition.DefaultMinMonthlyAmount));

    /// <summary>The columns a listed company shows, found once per data set (not per row).</summary>
    internal sealed record ShownColumns(TextColumn Ids, TextColumn? Registered, TextColumn? Business, NumericColumn? Count, NumericColumn? Amount)
    {
        public static ShownColumns Of(CustomerDataSet prospects) => new(prospects.Ids!,
            prospects.Find(ProspectColumns.RegisteredAddress) as TextColumn, prospects.Find(ProspectColumns.BusinessAddress) as TextColumn,
            prospects.Find(ProspectColumns.MonthlyCount) as NumericColumn, prospects.Find(ProspectColumns.MonthlyAmount) as NumericColumn);
    }

    /// <summary>Whether row <paramref name="row"/> is listed: a prospect (or everyone) in the region.</summary>
    internal static bool Emitted(ShownColumns shown, int row, double p, double threshold, bool includeAll, string? region) =>
        (includeAll || p >= threshold) && RegionFilter.Matches(shown.Registered?[row], shown.Business?[row], region);

    internal static void SayScored(int above, int companies, double threshold, int emitted, string? region, IOperationSink sink) =>
        sink.Verbose($"Prospects: {above:N0} of {companies:N0} companies score at or above {threshold:F4}; {emitted:N0} emitted after the region filter ({(string.IsNullOrEmpty(region) ? "off" : region)}).");

    /// <summary>Row <paramref name="row"/> as a scored company.</summary>
    internal static ProspectResult Result(ShownColumns shown, int row, double p, double threshold, RelationIndex index, ProspectDefinition definition, string? region,
        Learners.Contributions? explained, int explainedRow, int drivers)
    {
        string id = shown.Ids[row]!;
        var (registered, business, count, amount) = (shown.Registered, shown.Business, shown.Count, shown.Amount);
        var relations = index.Of(id);
        return new ProspectResult
        {
            Source = "Scored",
            CustomerId = id,
            Score = p,
            IsProspect = p >= threshold,
            MeetsDefinition = ProspectLabels.Label(count?[row] ?? double.NaN, amount?[row] ?? double.NaN, definition),
            RegionAddress = RegionFilter.MatchingAddress(registered?[row], business?[row], region),
            RegisteredAddress = registered?[row],
            BusinessAddress = business?[row],
            RelatedParties = relations.Count,
            RelatedCustomers = relations.Count(r => r.IsCustomer == true),
            RelatedLoanCustomers = relations.Count(r => r.HasLoan == true),
            Relations = index.Summary(id),
            PartyKind = PartyKind.Company,
            Drivers = explained is null ? null : ClassifierTraining.Drivers(explained, explainedRow, drivers).Text,
        };
    }

    /// <summary>
    /// The related parties of the strong prospects (in file order) that do not bank with us yet,
    /// strongest source first, each once.
    /// </summary>
    internal static IEnumerable<ProspectResult> Expand(bool expand, bool haveRelations, List<(string Id, double Score)> strong, RelationIndex index,
        RelatedPartySelection selection, IOperationSink sink)
    {
        if (!expand) yield break;
        if (!haveRelations)
        {
            sink.Warning("ExpandRelations needs the relation file; no related parties were listed.");
            yield break;
        }
        // A party is listed once, through the strongest prospect it is related to; the selection
        // applies before that, so a party another row classifies differently is not lost to it.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var byKind = new int[3];
        var byFamily = new SortedDictionary<RelationFamily, int>();
        int listed = 0;
        foreach (var (via, score) in strong.Select((s, order) => (s, order)).OrderByDescending(s => s.s.Score).ThenBy(s => s.order).Select(s => s.s))
        {
            foreach (var relation in index.Of(via))
            {
                if (relation.IsCustomer != false || relation.RelatedId is null) continue;
                var party = relation.Classify();
                if (found.Add(relation.RelatedId))
                {
                    byKind[(int)party.Kind]++;
                    byFamily[party.Family] = byFamily.GetValueOrDefault(party.Family) + 1;
                }
                if (!selection.Admits(party) || !seen.Add(relation.RelatedId)) continue;
                listed++;
                yield return new ProspectResult
                {
                    Source = "Related",
                    CustomerId = relation.RelatedId,
                    CustomerName = relation.RelatedName,
                    Score = score,
                    IsProspect = true,
                    ViaCustomerId = via,
                    RelationType = relation.Type.Length == 0 ? null : relation.Type,
                    PartyKind = party.Kind,
                    RelationFamily = party.Family,
                    PartyEvidence = party.Evidence,
                };
            }
        }
        sink.Verbose(string.Create(CultureInfo.InvariantCulture,
            $"Prospects: {found.Count:N0} related parties of {strong.Count:N0} strong prospects are not yet our customers: {byKind[(int)PartyKind.Company]:N0} companies, {byKind[(int)PartyKind.Person]:N0} persons, {byKind[(int)PartyKind.Unknown]:N0} unknown ({string.Join(", ", byFamily.Select(f => f.Key + " " + f.Value.ToString("N0", CultureInfo.InvariantCulture)))}); {listed:N0} listed ({selection})."));
    }

    /// <summary>Every company's score (for the runner's scores file), before any region filter.</summary>
    public static (IReadOnlyList<string> Ids, double[] Probabilities) Scores(ProspectSearchRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var scored = Score(request, sink, cancellationToken);
        return (request.Prospects.Ids!.Values.Select(v => v!).ToArray(), scored.Probabilities);
    }

    /// <summary>Loads the shipped prospect model.</summary>
    public static TrainedModel LoadShippedModel() => TrainedModel.Load(ShippedModels.Locate(ShippedModels.Prospect), Purpose);

    private sealed record Scored(FeatureMatrix Features, double[] Probabilities, double Threshold, RelationIndex Index);

    private static Scored Score(ProspectSearchRequest request, IOperationSink sink, CancellationToken cancellationToken)
    {
        var model = request.Model;
        if (model.Purpose != Purpose)
            throw new BankInsightException(ErrorIds.ModelKindMismatch, ErrorKind.InvalidArgument,
                $"Model {model.Source ?? "(in memory)"} is a {model.Purpose} model; prospect search needs a prospect model.", model.Source);
        RequireIds(request.Prospects);
        bool usesRelations = model.Settings.GetValueOrDefault("uses_relations") == "true";
        if (usesRelations && request.Relations is null)
            sink.Warning("The prospect model uses relation features but no relation file was given; every company is scored as if its relations were unknown.");
        var index = Index(request.Prospects, request.Relations, request.MaxUnmatchedRelationShare, sink);
        var types = model.Settings.TryGetValue("relation_types", out var t) && t.Length > 0 ? t.Split('|') : [];
        var features = model.Features(request.Prospects, sink, null, usesRelations && request.Relations is not null ? index.Features(request.Prospects, types) : null);
        var probabilities = Logistic.Probabilities(model.Classifier.PredictRaw(features, cancellationToken));
        return new Scored(features, probabilities, ClassifierTraining.DecisionThreshold(model, request.ProbabilityThreshold), index);
    }

    internal static RelationIndex Index(CustomerDataSet prospects, CustomerDataSet? relations, double maxUnmatchedShare, IOperationSink sink)
    {
        if (relations is null) return RelationIndex.Empty;
        var index = RelationIndex.Build(relations);
        var ids = prospects.Ids!;
        int matched = 0;
        for (int i = 0; i < prospects.RowCount; i++) if (index.Of(ids[i]!).Count > 0) matched++;
        int unmatched = index.RowsMatchingNone(ids.Values);
        sink.Verbose($"Relations: {index.Rows:N0} rows for {index.Customers:N0} customers; {matched:N0} of {prospects.RowCount:N0} companies have relations; {unmatched:N0} relation rows name no company of the prospect file.");
        double share = index.Rows == 0 ? 0 : (double)unmatched / index.Rows;
        if (share > maxUnmatchedShare)
            throw new BankInsightException(ErrorIds.TooManyRowsRejected, ErrorKind.InvalidData, string.Create(CultureInfo.InvariantCulture,
                $"{unmatched:N0} of {index.Rows:N0} relation rows of {relations.Source} ({share * 100:0.#}%) name no company of {prospects.Source}, more than the {maxUnmatchedShare * 100:0.#}% a job accepts: nothing was produced, and earlier results stay as they were. Are the two files from the same extraction? (Ids are matched without surrounding spaces, and '…19.0' as '…19'; if the files are right, raise --max_rejected_share / -MaxRejectedShare.)"), relations.Source);
        if (matched == 0 && index.Rows > 0)
            sink.Warning($"No company of {prospects.Source} appears in the relation file {relations.Source}; are the two files from the same extraction? (Ids are matched without surrounding spaces, and '…19.0' as '…19'.)");
        else if (unmatched * 2 > index.Rows)
            sink.Warning($"{unmatched:N0} of {index.Rows:N0} relation rows of {relations.Source} name no company of {prospects.Source}; their relations are not used. Are the two files from the same extraction?");
        return index;
    }

    internal static void RequireIds(CustomerDataSet data)
    {
        if (data.Ids is null)
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"{data.Source} has no customer id column ({ProspectColumns.Id}).", data.Source);
    }
}
