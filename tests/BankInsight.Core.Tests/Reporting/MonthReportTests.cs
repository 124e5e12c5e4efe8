using System.Globalization;
using System.Xml.Linq;
using BankInsight.Common;
using BankInsight.Jobs.Churn;
using BankInsight.Jobs.Retail;
using BankInsight.Reporting;
using BankInsight.Results;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Reporting;

/// <summary>The month's report from results: which sections a set of results fills, what the page holds, and that it is the same bytes every time.</summary>
public class MonthReportTests
{
    private static readonly Lazy<(ReportContents Contents, List<ChurnPrediction> Predictions)> Churn = new(() =>
    {
        var data = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("CorporateChurn", 2000) { Seed = 3 }, NullSink.Instance);
        var model = ChurnJob.LoadShippedModel();
        var contents = new ReportContents();
        var predictions = ChurnJob.Predict(new ChurnPredictionRequest(data, model) { IncludeAll = true, Drivers = 1 }, NullSink.Instance).ToList();
        foreach (var p in predictions) Assert.True(contents.Add(p));
        Assert.True(contents.Add(ChurnJob.Evaluate(model, data, NullSink.Instance)));
        return (contents, predictions);
    });

    [Fact]
    public void Churn_results_fill_the_churn_section_with_its_charts_and_the_top_warnings_by_assets_at_risk()
    {
        var report = ReportBuilder.Build(Churn.Value.Contents, "T");
        var section = Assert.Single(report.Sections);
        Assert.Equal("churn", section.Id);
        Assert.Equal(["churn-score-histogram", "churn-gains", "churn-lift", "churn-roc", "churn-top-features"], section.Charts.Select(c => c.Name));
        var table = Assert.Single(section.Tables);
        Assert.Equal(50, table.Rows.Count);
        var expected = Churn.Value.Predictions.Where(p => p.IsChurn).OrderByDescending(p => p.AssetsAtRisk ?? double.NegativeInfinity).Take(50).Select(p => p.CustomerId);
        Assert.Equal(expected, table.Rows.Select(r => r[1]));
        Assert.Equal("首要因素 Driver", table.Headers[^1]);
        // The histogram marks the threshold the predictions were made with.
        string threshold = Churn.Value.Predictions[0].Threshold.ToString("0.000", CultureInfo.InvariantCulture);
        Assert.Contains($"threshold {threshold}", section.Charts[0].Svg);
    }

    [Fact]
    public void The_page_is_self_contained_escaped_and_the_same_bytes_in_any_culture()
    {
        var contents = new ReportContents();
        contents.Add(new ChurnPrediction { CustomerId = "1", CustomerName = "<b>\"A&B\"</b>", Probability = 0.9, IsChurn = true, Threshold = 0.5, AssetsAtRisk = 10, Assets = 11 });
        string page = HtmlPage.Render(ReportBuilder.Build(contents, "月报 <Nov>"));
        Assert.Contains("&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;", page);
        Assert.DoesNotContain("<b>", page);
        Assert.Contains("<title>月报 &lt;Nov&gt;</title>", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", ""));
        // Every chart is well-formed SVG of the size its figure says.
        foreach (var figure in System.Text.RegularExpressions.Regex.Matches(page, "(?s)<figure id=\"([^\"]+)\" data-width=\"(\\d+)\" data-height=\"(\\d+)\">\n(<svg.*?</svg>)").Cast<System.Text.RegularExpressions.Match>())
        {
            var svg = XElement.Parse(figure.Groups[4].Value);
            Assert.Equal(figure.Groups[2].Value, svg.Attribute("width")!.Value);
            Assert.Equal(figure.Groups[3].Value, svg.Attribute("height")!.Value);
        }
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
            string again = HtmlPage.Render(ReportBuilder.Build(Churn.Value.Contents, "T"));
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Assert.Equal(HtmlPage.Render(ReportBuilder.Build(Churn.Value.Contents, "T")), again);
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    [Fact]
    public void Retail_results_fill_segments_rules_matrix_and_offers()
    {
        var data = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("Retail", 3000) { Seed = 8 }, NullSink.Instance);
        var contents = new ReportContents();
        foreach (var profile in SegmentationJob.Profiles(data, SegmentationModel.LoadShipped(), NullSink.Instance)) contents.Add(profile);
        var rules = CrossSellJob.Rules(new CrossSellRuleRequest(data), NullSink.Instance);
        foreach (var r in rules) contents.Add(r);
        foreach (var o in CrossSellJob.Recommend(new CrossSellRecommendationRequest(data) { Rules = rules }, NullSink.Instance)) contents.Add(o);
        var section = Assert.Single(ReportBuilder.Build(contents, "T").Sections);
        Assert.Equal(["retail-segment-sizes", "retail-segment-profile", "retail-holding-rates", "retail-lift-matrix", "retail-offers-by-product"], section.Charts.Select(c => c.Name));
        var top = Assert.Single(section.Tables);
        var lifts = top.Rows.Select(r => double.Parse(r[4], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(lifts.OrderByDescending(l => l), lifts);
        Assert.Equal(Math.Round(rules.Max(r => r.Lift), 2), lifts[0]);
        // The matrix holds the one-product rules over everyone: a cell per such rule's pair.
        var matrix = XElement.Parse(section.Charts[3].Svg);
        int singles = rules.Count(r => r.Antecedents.Count == 1 && r.Consequents.Count == 1);
        Assert.Equal(singles, matrix.Descendants().Count(e => e.Attribute("data-value") is not null && e.Attribute("data-row") is not null));
    }

    [Fact]
    public void Each_drift_check_gets_its_own_chart_named_by_its_model()
    {
        var data = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("CorporateChurn", 1500) { Seed = 4 }, NullSink.Instance);
        var contents = new ReportContents();
        var sameMonth = BankInsight.Monitoring.ChurnMonitorJob.Monitor(new BankInsight.Monitoring.ChurnMonitorRequest(ChurnJob.LoadShippedModel(), data), NullSink.Instance);
        var nextMonth = BankInsight.Monitoring.ChurnMonitorJob.Monitor(new BankInsight.Monitoring.ChurnMonitorRequest(
            BankInsight.Serialization.TrainedModel.Load(BankInsight.Jobs.ShippedModels.Locate(BankInsight.Jobs.ShippedModels.NextMonthChurn), ChurnJob.Purpose), data), NullSink.Instance);
        contents.Add(sameMonth);
        contents.Add(nextMonth);
        var section = Assert.Single(ReportBuilder.Build(contents, "T").Sections);
        Assert.Equal(["drift-psi", "drift-psi-2"], section.Charts.Select(c => c.Name));
        Assert.EndsWith("· customer_losing", section.Charts[0].Title);
        Assert.EndsWith("· customer_losing_next_month", section.Charts[1].Title);
        Assert.Contains(section.Notes, n => n.Contains("against the training month of customer_losing_next_month: score PSI"));
    }

    [Fact]
    public void Objects_the_report_does_not_know_are_refused_and_nothing_makes_an_empty_report()
    {
        var contents = new ReportContents();
        Assert.False(contents.Add("text"));
        Assert.True(contents.IsEmpty);
        Assert.Empty(ReportBuilder.Build(contents, "T").Sections);
    }

    [Fact]
    public void The_runner_needs_an_input_and_a_folder_for_the_charts()
    {
        using var temp = new TempFolder();
        var (exit, _, err) = Run("report", "--output_data_path", temp.File("r.html"));
        Assert.Equal(2, exit);
        Assert.Contains("Give at least one of --churn_path, --prospect_path1, --retail_path", err);
        string churn = temp.File("c.del");
        Assert.Equal(0, Run("generate", "--schema", "CorporateChurn", "--rows", "500", "--seed", "2", "--output", churn).Exit);
        var missing = Run("report", "--output_data_path", temp.File("r.html"), "--churn_path", churn, "--charts_path", temp.File("nowhere"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("is not a folder", missing.Err);
        Assert.False(File.Exists(temp.File("r.html")));
        var ok = Run("report", "--output_data_path", temp.File("r.html"), "--churn_path", churn);
        Assert.Equal(0, ok.Exit);
        Assert.Matches(@"^report written to .*r\.html: 2 sections, 6 charts, [\d,]+ bytes", ok.Out);
    }
}
