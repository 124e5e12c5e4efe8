using BankInsight.Clustering;
using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Retail;
using BankInsight.Results;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs.Retail;

/// <summary>
/// The retail jobs read in chunks give the results of the same jobs on the loaded file — the same
/// model byte for byte, the same offers, opportunities and segments in the same order — while keeping
/// a chunk and a few bytes per customer in memory.
/// </summary>
public sealed class StreamedRetailTests : IDisposable
{
    private static readonly BankSchema Retail = BuiltInSchemas.Get(BuiltInSchemas.Retail);
    private readonly TempFolder _folder = new();
    private readonly string _path;

    public StreamedRetailTests()
    {
        _path = _folder.File("retail.del");
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest(BuiltInSchemas.Retail, 6000) { Seed = 21 }, _path, NullSink.Instance);
    }

    public void Dispose() => _folder.Dispose();

    private RetailFile File(bool names = false) => new(_path, new DataLoadOptions(Retail)) { ChunkRows = 1024, WithNames = names };

    private Data.CustomerDataSet Loaded() => CustomerDataLoader.Load(_path, new DataLoadOptions(Retail), NullSink.Instance);


    [Fact]
    public void Segmentation_trained_on_chunks_is_the_model_trained_on_the_loaded_file()
    {
        var loaded = Loaded();
        var kmeans = new KMeansOptions { Seed = 7, InitCount = 3 };
        var expected = SegmentationJob.Train(new SegmentationRequest(loaded) { ClusterCount = 4, KMeans = kmeans }, NullSink.Instance).Model!;
        var file = File();
        var (result, customers) = SegmentationJob.TrainFile(new SegmentationRequest(file) { ClusterCount = 4, KMeans = kmeans }, file, NullSink.Instance);
        Assert.Equal(expected.ToText(), result.Model!.ToText());
        Assert.Equal(expected.Assign(loaded, NullSink.Instance).Clusters, customers.Segments);
        Assert.Equal(Enumerable.Range(0, loaded.RowCount).Select(i => loaded.Ids![i]), Enumerable.Range(0, customers.Count).Select(i => customers.Ids[i]));
        Assert.Equal(ProductHoldings.FromData(loaded, NullSink.Instance).Masks, customers.Holdings.Masks);
    }

    [Fact]
    public void Recommendations_per_segment_from_chunks_are_those_from_the_loaded_file()
    {
        var model = SegmentationModel.LoadShipped();
        var expected = CrossSellJob.Recommend(new CrossSellRecommendationRequest(Loaded()) { PerCluster = true, Model = model, Top = 2 }, NullSink.Instance).ToList();
        var streamed = CrossSellJob.Recommend(new CrossSellRecommendationRequest(File(names: true)) { PerCluster = true, Model = model, Top = 2 }, NullSink.Instance).ToList();
        Assert.True(expected.Count > 500, $"{expected.Count} recommendations");
        Assert.Equal(expected.Select(Describe), streamed.Select(Describe));
    }

    [Theory]
    [InlineData(OpportunityMethod.Propensity)]
    [InlineData(OpportunityMethod.Rules)]
    public void Opportunities_from_chunks_are_those_from_the_loaded_file(OpportunityMethod method)
    {
        var expected = ProductOpportunityJob.Find(new ProductOpportunityRequest(Loaded()) { Method = method, MaxTrainingRows = 2000, PerCluster = true }, NullSink.Instance).ToList();
        var streamed = ProductOpportunityJob.Find(new ProductOpportunityRequest(File(names: true)) { Method = method, MaxTrainingRows = 2000, PerCluster = true }, NullSink.Instance).ToList();
        Assert.True(expected.Count > 300, $"{expected.Count} opportunities");
        Assert.Equal(expected.Select(Describe), streamed.Select(Describe));
    }

    [Fact]
    public void Segments_assigned_chunk_by_chunk_are_those_of_the_loaded_file()
    {
        var model = SegmentationModel.LoadShipped();
        var expected = SegmentationJob.Assign(Loaded(), model, NullSink.Instance).ToList();
        var streamed = new List<ClusterAssignment>();
        int count = SegmentationJob.AssignInFile(File(names: true), model, streamed.Add, NullSink.Instance);
        Assert.Equal(expected.Count, count);
        Assert.Equal(expected.Select(Describe), streamed.Select(Describe));
        Assert.Equal(expected.Select(Describe), SegmentationJob.Assign(File(names: true), model, NullSink.Instance).Select(Describe));
    }

    [Fact]
    public void A_file_changed_between_passes_stops_the_job()
    {
        var file = File();
        var customers = file.ReadCustomers(null, null, null, NullSink.Instance);
        var lines = System.IO.File.ReadAllLines(_path);
        (lines[100], lines[101]) = (lines[101], lines[100]);
        System.IO.File.WriteAllLines(_path, lines);
        var e = Assert.Throws<BankInsightException>(() => file.ReadAgain(customers, null, null, (_, _) => { }, NullSink.Instance));
        Assert.Contains("changed while it was being read", e.Message);
        Assert.Contains("line 101", e.Message);
    }

    [Fact]
    public void The_rejected_share_is_checked_after_the_first_pass_before_any_result()
    {
        var lines = System.IO.File.ReadAllLines(_path);
        for (int i = 1000; i < 5000; i++) lines[i] = "\"x\",1"; // not the first lines: those decide the layout
        System.IO.File.WriteAllLines(_path, lines);
        var file = new RetailFile(_path, new DataLoadOptions(Retail)) { ChunkRows = 1024, Checked = s => BankInsight.Jobs.InputCheck.Usable(s, 0.5, "--max_rejected_share") };
        var e = Assert.Throws<BankInsightException>(() => CrossSellJob.Recommend(new CrossSellRecommendationRequest(file), NullSink.Instance).ToList());
        Assert.Equal(ErrorIds.TooManyRowsRejected, e.ErrorId);
    }

    private static string Describe(CrossSellRecommendation r) =>
        $"{r.CustomerId}|{r.CustomerName}|{r.Cluster}|{r.Rank}|{r.HeldProducts}|{r.RecommendedProducts}|{r.ProductCodes}|{r.Confidence:R}|{r.Lift:R}|{r.Rule}|{r.Line}|{r.File}";

    private static string Describe(ProductOpportunity o) =>
        $"{o.ProductCode}|{o.CustomerId}|{o.CustomerName}|{o.Score:R}|{o.Rank}|{o.Rule}|{o.HeldProducts}|{o.Line}|{o.File}";

    private static string Describe(ClusterAssignment a) =>
        $"{a.CustomerId}|{a.CustomerName}|{a.Cluster}|{a.Distance:R}|{a.HeldProducts}|{a.Line}|{a.File}";
}
