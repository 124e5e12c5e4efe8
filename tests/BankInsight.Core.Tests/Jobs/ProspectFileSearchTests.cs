using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Prospects;
using BankInsight.Results;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs;

/// <summary>A prospect file searched chunk by chunk gives the loaded search's companies, related parties and scores.</summary>
public sealed class ProspectFileSearchTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("广东")]
    [InlineData("")]
    public void Streamed_search_is_the_loaded_search(string region)
    {
        string prospectsPath = _folder.File("p.del"), relationsPath = _folder.File("r.del");
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest("CorporateProspect", 6000) { Seed = 3 }, prospectsPath, NullSink.Instance);
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest("ProspectRelation", 6000) { Seed = 3 }, relationsPath, NullSink.Instance);
        var schema = BuiltInSchemas.Get("CorporateProspect");
        var prospects = CustomerDataLoader.Load(prospectsPath, new DataLoadOptions(schema), NullSink.Instance);
        var relations = CustomerDataLoader.Load(relationsPath, new DataLoadOptions(BuiltInSchemas.Get("ProspectRelation")), NullSink.Instance);
        var model = ProspectJob.LoadShippedModel();
        var request = new ProspectSearchRequest(prospects, relations, model) { Region = region, ExpandRelations = true, RelatedParty = RelatedPartySelection.All, Drivers = 2 };
        var loadSink = new CollectingSink();
        var expected = ProspectJob.Find(request, loadSink).ToList();
        var (ids, probabilities) = ProspectJob.Scores(request, NullSink.Instance);

        var sink = new CollectingSink();
        var streamed = new List<ProspectResult>();
        var scores = new List<(string, double)>();
        int scored = ProspectFileSearch.Find(new ProspectFileRequest(prospectsPath, new DataLoadOptions(schema), () => relations, model)
        {
            Region = region, ExpandRelations = true, RelatedParty = RelatedPartySelection.All, Drivers = 2, ChunkRows = 1024,
        }, streamed.Add, (id, p) => scores.Add((id, p)), sink);

        Assert.Equal(prospects.RowCount, scored);
        Assert.True(expected.Count(r => r.Source == "Scored") > 100, $"{expected.Count(r => r.Source == "Scored")} prospects");
        Assert.Contains(expected, r => r.Source == "Related");
        Assert.Equal(expected.Select(Describe), streamed.Select(Describe));
        Assert.Equal(ids.Zip(probabilities), scores);
        Assert.Equal(loadSink.VerboseMessages.Where(m => m.StartsWith("Prospects:", StringComparison.Ordinal)), sink.VerboseMessages.Where(m => m.StartsWith("Prospects:", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_model_column_empty_in_every_row_is_warned_about_as_when_loaded()
    {
        string prospectsPath = _folder.File("p.del");
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest("CorporateProspect", 3000) { Seed = 4 }, prospectsPath, NullSink.Instance);
        var schema = BuiltInSchemas.Get("CorporateProspect");
        var model = ProspectJob.LoadShippedModel();
        string emptied = model.Plan.Features.First(f => f.Transform == BankInsight.Features.FeatureTransform.Number).Column;
        int field = schema.Columns.Select(c => c.Name).ToList().IndexOf(emptied);
        File.WriteAllLines(prospectsPath, File.ReadAllLines(prospectsPath).Select(l => string.Join(',', l.Split(',').Select((v, i) => i == field ? "" : v))));
        var loadSink = new CollectingSink();
        var prospects = CustomerDataLoader.Load(prospectsPath, new DataLoadOptions(schema), loadSink);
        var expected = ProspectJob.Find(new ProspectSearchRequest(prospects, null, model) { Drivers = 0 }, loadSink).ToList();
        var sink = new CollectingSink();
        var streamed = new List<ProspectResult>();
        ProspectFileSearch.Find(new ProspectFileRequest(prospectsPath, new DataLoadOptions(schema), () => null, model) { Drivers = 0, ChunkRows = 1024 }, streamed.Add, null, sink);
        Assert.Equal(expected.Select(Describe), streamed.Select(Describe));
        Assert.Contains(sink.Warnings, w => w.Contains($"'{emptied}' is missing or empty"));
        Assert.Equal(loadSink.Warnings.Order(), sink.Warnings.Order());
    }

    private static string Describe(ProspectResult r) =>
        $"{r.Source}|{r.CustomerId}|{r.CustomerName}|{r.Score:R}|{r.IsProspect}|{r.MeetsDefinition}|{r.RegionAddress}|{r.RelatedParties}|{r.Relations}|{r.Drivers}|{r.ViaCustomerId}|{r.RelationType}|{r.PartyKind}|{r.RelationFamily}";
}
