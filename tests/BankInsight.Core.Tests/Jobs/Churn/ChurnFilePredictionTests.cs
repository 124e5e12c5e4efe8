using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.Results;
using BankInsight.Serialization;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs.Churn;

/// <summary>A month scored chunk by chunk gives the predictions of the loaded month: probabilities, flags, drivers, lines.</summary>
public sealed class ChurnFilePredictionTests : IDisposable
{
    private static readonly BankSchema Schema = BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn);
    private readonly TempFolder _folder = new();
    private readonly string _path;

    public ChurnFilePredictionTests()
    {
        _path = _folder.File("churn.del");
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest(BuiltInSchemas.CorporateChurn, 5000) { Seed = 8 }, _path, NullSink.Instance);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(ShippedModels.Churn)]
    [InlineData("customer_losing_next_month")]
    public void Streamed_predictions_are_the_loaded_ones(string shipped)
    {
        var model = TrainedModel.Load(ShippedModels.Resolve(shipped, shipped), ChurnJob.Purpose);
        var loaded = CustomerDataLoader.Load(_path, new DataLoadOptions(Schema), NullSink.Instance);
        var loadSink = new CollectingSink();
        var expected = ChurnJob.Predict(new ChurnPredictionRequest(loaded, model) { IncludeAll = true, Drivers = 3 }, loadSink).ToList();
        var streamed = new List<ChurnPrediction>();
        var sink = new CollectingSink();
        int scored = ChurnFilePrediction.Predict(new ChurnFileRequest(_path, new DataLoadOptions(Schema), model) { IncludeAll = true, Drivers = 3, ChunkRows = 1024 },
            streamed.Add, sink);
        Assert.Equal(loaded.RowCount, scored);
        Assert.True(expected.Count(p => p.IsChurn) > 50, $"{expected.Count(p => p.IsChurn)} warnings");
        Assert.Equal(expected.Select(Describe), streamed.Select(Describe));
        Assert.Equal(loadSink.Warnings, sink.Warnings);
    }

    [Fact]
    public void Only_the_warnings_by_default_and_a_mostly_rejected_month_scores_nobody()
    {
        var model = ChurnJob.LoadShippedModel();
        var streamed = new List<ChurnPrediction>();
        ChurnFilePrediction.Predict(new ChurnFileRequest(_path, new DataLoadOptions(Schema), model) { ChunkRows = 1024 }, streamed.Add, NullSink.Instance);
        Assert.NotEmpty(streamed);
        Assert.All(streamed, p => Assert.True(p.IsChurn));
        Assert.Equal(streamed.OrderBy(p => p.Line).Select(p => p.Line), streamed.Select(p => p.Line));

        var lines = File.ReadAllLines(_path);
        for (int i = 100; i < 4000; i++) lines[i] = lines[i].Replace(",\"", ",\"\u0001", StringComparison.Ordinal);
        File.WriteAllLines(_path, lines);
        var none = new List<ChurnPrediction>();
        var e = Assert.Throws<BankInsightException>(() => ChurnFilePrediction.Predict(new ChurnFileRequest(_path, new DataLoadOptions(Schema), model)
        {
            Checked = s => InputCheck.Usable(s, 0.5, "--max_rejected_share"),
        }, none.Add, NullSink.Instance));
        Assert.Equal(ErrorIds.TooManyRowsRejected, e.ErrorId);
        Assert.Empty(none);
    }

    [Fact]
    public void A_header_without_an_asset_column_and_a_new_code_score_and_warn_as_the_loaded_month()
    {
        // A CSV export with a header, no 金融资产月日均 (the next-month model's churn line needs it: every
        // row unlabelled, none already gone), and a 企业性质 code the table lacks (kept as its own category).
        var names = Schema.Columns.Select(c => c.Name).ToList();
        int assets = names.IndexOf("金融资产月日均"), kind = names.IndexOf("企业性质");
        var rows = File.ReadAllLines(_path).Select(l => l.Split(',').ToList()).ToList();
        rows[10][kind] = "\"600\"";
        var lines = new List<string> { string.Join(',', names.Where((_, i) => i != assets)) };
        lines.AddRange(rows.Select(r => string.Join(',', r.Where((_, i) => i != assets))));
        string csv = _folder.File("header.csv");
        File.WriteAllLines(csv, lines);
        var model = TrainedModel.Load(ShippedModels.Resolve("customer_losing_next_month", "customer_losing_next_month"), ChurnJob.Purpose);
        var loadSink = new CollectingSink();
        var loaded = CustomerDataLoader.Load(csv, new DataLoadOptions(Schema), loadSink);
        var expected = ChurnJob.Predict(new ChurnPredictionRequest(loaded, model) { IncludeAll = true, Drivers = 1 }, loadSink).ToList();
        var sink = new CollectingSink();
        var streamed = new List<ChurnPrediction>();
        ChurnFilePrediction.Predict(new ChurnFileRequest(csv, new DataLoadOptions(Schema), model) { IncludeAll = true, Drivers = 1, ChunkRows = 1024 }, streamed.Add, sink);
        Assert.Equal(expected.Select(Describe), streamed.Select(Describe));
        Assert.Contains(sink.Warnings, w => w.Contains("'企业性质'") && w.Contains("not in its code table"));
        Assert.Contains(sink.Warnings, w => w.Contains("'金融资产月日均' is not in the header"));
        Assert.Equal(loadSink.Warnings.Order(), sink.Warnings.Order());
    }

    private static string Describe(ChurnPrediction p) =>
        $"{p.CustomerId}|{p.CustomerName}|{p.Probability:R}|{p.IsChurn}|{p.AlreadyChurned}|{p.RiskBand}|{p.Predicts}|{p.Assets:R}|{p.AssetsAtRisk:R}|{p.Drivers}|{p.Driver1Effect:R}|{p.Line}|{p.File}";
}
