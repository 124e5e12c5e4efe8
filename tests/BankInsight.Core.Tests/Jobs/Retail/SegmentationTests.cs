using BankInsight.Clustering;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Jobs;
using BankInsight.Jobs.Retail;
using BankInsight.Serialization;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs.Retail;

public class SegmentationTests
{
    private static readonly Lazy<CustomerDataSet> Synthetic = new(() =>
        SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("Retail", 3_000) { Seed = 11 }, NullSink.Instance));

    [Fact]
    public void Features_are_z_scores_with_categories_by_index_and_missing_at_the_mean()
    {
        var data = RetailRows.Load([
            new Dictionary<string, string> { ["年龄"] = "20", ["性别"] = "男", ["村民"] = "1" },
            new Dictionary<string, string> { ["年龄"] = "40", ["性别"] = "女", ["村民"] = "0" },
            new Dictionary<string, string> { ["年龄"] = "", ["性别"] = "女", ["村民"] = "1" },
        ]);
        var sink = new CollectingSink();
        var features = SegmentFeatures.Fit(data, ["年龄", "性别", "村民", "学历"], sink);
        Assert.Equal(["年龄", "性别", "村民"], features.Features.Select(f => f.Name));      // 学历 is empty in every row: skipped
        Assert.Contains(sink.Warnings, w => w.Contains("学历"));
        var age = features.Features[0];
        Assert.Equal(30, age.Mean);
        Assert.Equal(10, age.Scale);                                                          // population sd of 20, 40
        var sex = features.Features[1];
        Assert.True(sex.IsCategorical);
        Assert.Equal(2.0 / 3, sex.Mean, 12);                                                  // 男 = 0, 女 = 1
        var points = features.Apply(data, sink);
        Assert.Equal(-1f, points.Columns[0][0]);
        Assert.Equal(1f, points.Columns[0][1]);
        Assert.Equal(0f, points.Columns[0][2]);                                               // missing age sits at the mean
        Assert.Equal((float)((0 - 2.0 / 3) / sex.Scale), points.Columns[1][0], 6);
    }

    [Fact]
    public void Training_numbers_segments_by_size_and_the_model_round_trips()
    {
        var data = Synthetic.Value;
        var result = SegmentationJob.Train(new SegmentationRequest(data) { ClusterCount = 4, KMeans = new KMeansOptions { InitCount = 3 } }, NullSink.Instance);
        var model = result.Model;
        Assert.Equal(4, result.ClusterCount);
        Assert.Equal("Given", result.ClusterCountChoice);
        Assert.Equal(28, result.Features);
        var sizes = model.Training.Sizes;
        Assert.Equal(data.RowCount, sizes.Sum());
        Assert.True(sizes.Zip(sizes.Skip(1)).All(p => p.First >= p.Second), "segment 1 is the largest");
        var (clusters, distances) = model.Assign(data, NullSink.Instance);
        for (int c = 1; c <= 4; c++) Assert.Equal(sizes[c - 1], clusters.Count(x => x == c));
        Assert.All(distances, d => Assert.True(d >= 0));

        string text = model.ToText();
        var loaded = SegmentationModel.Parse(text, "seg.model");
        Assert.Equal(text, loaded.ToText());
        Assert.Equal(clusters, loaded.Assign(data, NullSink.Instance).Clusters);
        Assert.Equal(4, loaded.Options.ClusterCount);

        // Same data and seed, same bytes.
        var again = SegmentationJob.Train(new SegmentationRequest(data) { ClusterCount = 4, KMeans = new KMeansOptions { InitCount = 3 } }, NullSink.Instance);
        Assert.Equal(text, again.Model.ToText());
    }

    [Fact]
    public void The_number_of_segments_can_be_chosen_by_silhouette()
    {
        var sink = new CollectingSink();
        var result = SegmentationJob.Train(new SegmentationRequest(Synthetic.Value) { MinClusterCount = 2, MaxClusterCount = 4, KMeans = new KMeansOptions { InitCount = 2 } }, sink);
        Assert.Equal("Silhouette", result.ClusterCountChoice);
        Assert.InRange(result.ClusterCount, 2, 4);
        Assert.Equal(3, result.Model.Training.Search.Count);
        Assert.Equal(result.Model.Training.Search.Max(s => s.Silhouette), result.Model.Training.Search.Single(s => s.ClusterCount == result.ClusterCount).Silhouette);
        Assert.Contains(sink.VerboseMessages, m => m.Contains("chose k ="));
        Assert.NotNull(result.Search);
    }

    [Fact]
    public void Damaged_or_foreign_models_are_refused()
    {
        var model = SegmentationJob.Train(new SegmentationRequest(Synthetic.Value) { ClusterCount = 3, KMeans = new KMeansOptions { InitCount = 1 } }, NullSink.Instance).Model;
        string text = model.ToText();
        var damaged = Assert.Throws<BankInsightException>(() => SegmentationModel.Parse(text.Replace("cluster_count=3", "cluster_count=4"), "seg"));
        Assert.Equal(ErrorIds.ModelDamaged, damaged.ErrorId);
        var churn = Assert.Throws<BankInsightException>(() => SegmentationModel.Load(ShippedModels.Locate(ShippedModels.Churn)));
        Assert.Equal(ErrorIds.ModelKindMismatch, churn.ErrorId);
        var asChurn = Assert.Throws<BankInsightException>(() => TrainedModel.Parse(text, "seg", "churn"));
        Assert.Equal(ErrorIds.ModelKindMismatch, asChurn.ErrorId);
        var other = TestFiles.LoadText("\"a\",x,1,2,1,1,a,20260101\n", TestSchemas.Small, new CollectingSink());
        var schema = Assert.Throws<BankInsightException>(() => model.Assign(other, NullSink.Instance));
        Assert.Equal(ErrorIds.ModelSchemaMismatch, schema.ErrorId);
    }

    [Fact]
    public void Profiles_report_sizes_product_shares_and_what_sets_a_segment_apart()
    {
        var data = Synthetic.Value;
        var model = SegmentationModel.LoadShipped();
        var (clusters, _) = model.Assign(data, NullSink.Instance);
        var profiles = SegmentationJob.Profiles(data, clusters, model.ClusterCount, NullSink.Instance);
        Assert.Equal(model.ClusterCount, profiles.Count);
        Assert.Equal(data.RowCount, profiles.Sum(p => p.Customers));
        Assert.Equal(1.0, profiles.Sum(p => p.Share), 9);
        var holdings = ProductHoldings.FromData(data, NullSink.Instance);
        var first = profiles[0];
        var rows = Enumerable.Range(0, data.RowCount).Where(i => clusters[i] == 1).ToArray();
        Assert.Equal(rows.Count(i => (holdings.Masks[i] & 1) != 0) / (double)rows.Length, first.Products[0].Value!.Value, 12);
        var age = first.Features.Single(f => f.Name == "年龄");
        Assert.Equal("Number", age.Kind);
        var ages = (Data.Columns.NumericColumn)data["年龄"];
        Assert.Equal(rows.Where(i => !double.IsNaN(ages[i])).Average(i => ages[i]), age.Value!.Value, 9);
        Assert.All(profiles, p => Assert.False(string.IsNullOrEmpty(p.Highlights)));
        var columns = first.Columns.Select(c => c.Key).ToArray();
        Assert.Equal(["Cluster", "Customers", "Share", "Highlights", "存款持有率"], columns.Take(5));
        Assert.Contains("婚姻状况", columns);
        Assert.Equal(4 + 8 + 28, columns.Length);
    }

    [Fact]
    public void The_shipped_model_finds_the_synthetic_segments()
    {
        // The generator's students (大学生客户) and rural villagers (村民) should each dominate a segment.
        var model = SegmentationModel.LoadShipped();
        Assert.Equal(6, model.ClusterCount);
        var data = Synthetic.Value;
        var (clusters, _) = model.Assign(data, NullSink.Instance);
        var profiles = SegmentationJob.Profiles(data, clusters, 6, NullSink.Instance);
        Assert.Contains(profiles, p => p.Features.Single(f => f.Name == "大学生客户").Value > 0.9);
        Assert.Contains(profiles, p => p.Features.Single(f => f.Name == "村民").Value > 0.9);
    }
}
