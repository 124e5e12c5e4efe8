using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.Jobs.Prospects;
using BankInsight.Results;
using BankInsight.Serialization;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs;

/// <summary>Shared synthetic months, made once for the job tests.</summary>
public sealed class CorporateData
{
    public CustomerDataSet ChurnSeptember { get; } = Make("CorporateChurn", 12_000, 1, new DateOnly(2026, 9, 30));
    public CustomerDataSet ChurnOctober { get; } = Make("CorporateChurn", 8_000, 2, new DateOnly(2026, 10, 31));
    public CustomerDataSet Prospects { get; } = Make("CorporateProspect", 12_000, 3, SyntheticDataRequest.DefaultAsOf);
    public CustomerDataSet Relations { get; } = Make("ProspectRelation", 12_000, 3, SyntheticDataRequest.DefaultAsOf);

    private static CustomerDataSet Make(string schema, int customers, int seed, DateOnly asOf) =>
        SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest(schema, customers) { Seed = seed, AsOf = asOf }, NullSink.Instance);
}

public class ChurnJobTests(CorporateData data) : IClassFixture<CorporateData>
{
    private ModelTrainingResult Trained => _trained ??= ChurnJob.Train(new ChurnTrainingRequest(data.ChurnSeptember), NullSink.Instance);
    private static ModelTrainingResult? _trained;

    [Fact]
    public void Learns_planted_churn_with_honest_held_out_metrics()
    {
        var r = Trained;
        Assert.True(r.RocAuc >= 0.85, $"held-out ROC-AUC {r.RocAuc}");
        Assert.Equal(r.LabelledRows, r.TrainingRows + r.HeldOutRows);
        Assert.InRange(r.HeldOutRows, 0.19 * r.LabelledRows, 0.21 * r.LabelledRows);
        Assert.True(r.UnlabelledRows > 0);
        Assert.Equal("held-out", r.Evaluation.Model);
        Assert.Equal(r.Threshold, r.Model.SettingOr("decision_threshold", -1));
        Assert.Equal("0.5", r.Model.Settings["decline_threshold"]);
        Assert.Equal("2026-09", r.Model.Settings["data_month"]);
    }

    [Fact]
    public void The_label_columns_id_and_name_never_become_features()
    {
        var names = Trained.Model.Plan.Features.Select(f => f.Column).ToHashSet();
        Assert.DoesNotContain(ChurnColumns.CurrentAssets, names);
        Assert.DoesNotContain(ChurnColumns.ThreeMonthAssets, names);
        Assert.DoesNotContain(ChurnColumns.Id, names);
        Assert.DoesNotContain(ChurnColumns.Name, names);
        // Dates become signed flags and months since signing, measured to the data month's end.
        Assert.Contains("企业网银签约日期:signed", Trained.Model.Plan.Names);
        Assert.Contains("企业网银签约日期:months", Trained.Model.Plan.Names);
        Assert.Equal(new DateOnly(2026, 9, 30), Trained.Model.Plan.ReferenceDate);
        Assert.Contains(Trained.Model.Plan.Features, f => f.Name == "企业规模" && f.Transform == BankInsight.Features.FeatureTransform.Category);
    }

    [Fact]
    public void Holds_up_on_a_later_month()
    {
        var evaluation = ChurnJob.Evaluate(Trained.Model, data.ChurnOctober, NullSink.Instance);
        Assert.True(evaluation.RocAuc >= 0.85, $"October ROC-AUC {evaluation.RocAuc}");
        Assert.Equal(evaluation.Rows + evaluation.UnlabelledRows, data.ChurnOctober.RowCount);
        Assert.Equal(Trained.Threshold, evaluation.Threshold);
        Assert.Equal("churn", evaluation.Job);
    }

    [Fact]
    public void Predicts_the_warning_list_with_risk_bands_and_drivers()
    {
        var all = ChurnJob.Predict(new ChurnPredictionRequest(data.ChurnOctober, Trained.Model) { IncludeAll = true }, NullSink.Instance).ToList();
        var flagged = ChurnJob.Predict(new ChurnPredictionRequest(data.ChurnOctober, Trained.Model), NullSink.Instance).ToList();
        Assert.Equal(data.ChurnOctober.RowCount, all.Count);
        Assert.Equal(all.Where(p => p.IsChurn).Select(p => p.CustomerId), flagged.Select(p => p.CustomerId));
        Assert.All(flagged, p => Assert.True(p.IsChurn && p.RiskBand != RiskBand.Low && p.Probability >= Trained.Threshold));
        Assert.All(all.Where(p => !p.IsChurn), p => Assert.Equal(RiskBand.Low, p.RiskBand));
        Assert.Contains(flagged, p => p.RiskBand == RiskBand.High);
        var first = flagged[0];
        Assert.NotNull(first.CustomerName);
        Assert.NotNull(first.Driver1);
        Assert.True(Math.Abs(first.Driver1Effect!.Value) >= Math.Abs(first.Driver2Effect!.Value));
        Assert.StartsWith($"{first.Driver1} (", first.Drivers);
        Assert.Equal(data.ChurnOctober.GetSourceLine(data.ChurnOctober.Ids!.Values.ToList().IndexOf(first.CustomerId)), first.Line);
    }

    [Fact]
    public void A_probability_threshold_overrides_the_models()
    {
        int atModel = ChurnJob.Predict(new ChurnPredictionRequest(data.ChurnOctober, Trained.Model) { Drivers = 0 }, NullSink.Instance).Count();
        int atNinety = ChurnJob.Predict(new ChurnPredictionRequest(data.ChurnOctober, Trained.Model) { Drivers = 0, ProbabilityThreshold = 0.9 }, NullSink.Instance).Count();
        Assert.True(atNinety < atModel);
    }

    [Fact]
    public void Refuses_data_of_another_schema_and_models_of_another_job()
    {
        var e = Assert.Throws<BankInsightException>(() => ChurnJob.Predict(new ChurnPredictionRequest(data.Prospects, Trained.Model), NullSink.Instance).ToList());
        Assert.Equal(ErrorIds.ModelSchemaMismatch, e.ErrorId);
        var prospectModel = ProspectJob.Train(new ProspectTrainingRequest(data.Prospects, null), NullSink.Instance).Model;
        var kind = Assert.Throws<BankInsightException>(() => ChurnJob.Evaluate(prospectModel, data.ChurnOctober, NullSink.Instance));
        Assert.Equal(ErrorIds.ModelKindMismatch, kind.ErrorId);
    }

    [Fact]
    public void Too_little_labelled_data_is_a_clear_error()
    {
        var sample = CustomerDataLoader.Load(TestFiles.Reference("customer_losing.del"), new DataLoadOptions(BuiltInSchemas.Get("CorporateChurn")), NullSink.Instance);
        var e = Assert.Throws<BankInsightException>(() => ChurnJob.Train(new ChurnTrainingRequest(sample), NullSink.Instance));
        Assert.Equal(ErrorIds.TrainingDataInvalid, e.ErrorId);
        Assert.Contains("10 labelled rows", e.Message);
    }

    [Fact]
    public void Logistic_regression_is_available_and_learns_too()
    {
        var r = ChurnJob.Train(new ChurnTrainingRequest(data.ChurnSeptember) { Algorithm = ModelAlgorithm.LogisticRegression }, NullSink.Instance);
        Assert.Equal("logistic", r.Algorithm);
        Assert.True(r.RocAuc > 0.8, $"{r.RocAuc}");
    }

    [Fact]
    public void The_same_data_and_seed_give_the_same_model_bytes()
    {
        string a = ChurnJob.Train(new ChurnTrainingRequest(data.ChurnOctober), NullSink.Instance).Model.ToText();
        string b = ChurnJob.Train(new ChurnTrainingRequest(data.ChurnOctober), NullSink.Instance).Model.ToText();
        Assert.Equal(a, b);
    }
}

public class ProspectJobTests(CorporateData data) : IClassFixture<CorporateData>
{
    private ModelTrainingResult Trained => _trained ??= ProspectJob.Train(new ProspectTrainingRequest(data.Prospects, data.Relations), NullSink.Instance);
    private static ModelTrainingResult? _trained;

    [Fact]
    public void Learns_planted_prospects_from_transactions_and_relations()
    {
        Assert.True(Trained.RocAuc >= 0.85, $"held-out ROC-AUC {Trained.RocAuc}");
        var names = Trained.Model.Plan.Names;
        Assert.DoesNotContain(ProspectColumns.MonthlyCount, names);
        Assert.DoesNotContain(ProspectColumns.MonthlyAmount, names);
        Assert.Contains(RelationIndex.CountFeature, names);
        Assert.Contains(RelationIndex.TypeFeaturePrefix + "0301", names);
        Assert.Equal("true", Trained.Model.Settings["uses_relations"]);
    }

    [Fact]
    public void Finds_prospects_in_the_region_and_expands_to_related_non_customers()
    {
        var results = ProspectJob.Find(new ProspectSearchRequest(data.Prospects, data.Relations, Trained.Model) { ExpandRelations = true }, NullSink.Instance).ToList();
        var scored = results.Where(r => r.Source == "Scored").ToList();
        var related = results.Where(r => r.Source == "Related").ToList();
        Assert.NotEmpty(scored);
        Assert.All(scored, r => Assert.True(r.IsProspect && RegionFilter.Matches(r.RegisteredAddress, r.BusinessAddress, "广东")));
        Assert.Equal(scored.Count, results.TakeWhile(r => r.Source == "Scored").Count()); // related parties come after
        Assert.NotEmpty(related);
        Assert.Equal(related.Count, related.Select(r => r.CustomerId).Distinct().Count());
        var index = RelationIndex.Build(data.Relations);
        foreach (var r in related.Take(50))
        {
            var via = scored.Single(s => s.CustomerId == r.ViaCustomerId);
            Assert.Equal(via.Score, r.Score);
            Assert.Contains(index.Of(via.CustomerId), rel => rel.RelatedId == r.CustomerId && rel.IsCustomer == false && rel.Type == r.RelationType);
        }
        Assert.Equal(related.OrderByDescending(r => r.Score).Select(r => r.Score), related.Select(r => r.Score));
    }

    [Fact]
    public void The_region_filter_can_be_changed_or_turned_off()
    {
        int guangdong = ProspectJob.Find(new ProspectSearchRequest(data.Prospects, data.Relations, Trained.Model) { Drivers = 0 }, NullSink.Instance).Count();
        int everywhere = ProspectJob.Find(new ProspectSearchRequest(data.Prospects, data.Relations, Trained.Model) { Drivers = 0, Region = "" }, NullSink.Instance).Count();
        var hunan = ProspectJob.Find(new ProspectSearchRequest(data.Prospects, data.Relations, Trained.Model) { Drivers = 0, Region = "湖南" }, NullSink.Instance).ToList();
        Assert.True(everywhere > guangdong);
        Assert.All(hunan, r => Assert.True(RegionFilter.Matches(r.RegisteredAddress, r.BusinessAddress, "湖南")));
        Assert.Equal(everywhere, ProspectJob.Scores(new ProspectSearchRequest(data.Prospects, data.Relations, Trained.Model), NullSink.Instance).Probabilities.Count(p => p >= Trained.Threshold));
    }

    [Fact]
    public void Meets_definition_reports_the_files_own_averages()
    {
        var results = ProspectJob.Find(new ProspectSearchRequest(data.Prospects, data.Relations, Trained.Model) { IncludeAll = true, Region = "", Drivers = 0 }, NullSink.Instance).ToList();
        Assert.Equal(data.Prospects.RowCount, results.Count);
        var (labels, _) = ProspectLabels.Make(data.Prospects, new ProspectDefinition(), NullSink.Instance);
        Assert.Equal(labels, results.Select(r => r.MeetsDefinition));
    }

    [Fact]
    public void Without_the_relation_file_it_warns_and_still_scores()
    {
        var sink = new CollectingSink();
        var results = ProspectJob.Find(new ProspectSearchRequest(data.Prospects, null, Trained.Model) { ExpandRelations = true, Drivers = 0 }, sink).ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal("Scored", r.Source));
        Assert.Contains(sink.Warnings, w => w.Contains("uses relation features but no relation file was given"));
        Assert.Contains(sink.Warnings, w => w.Contains("ExpandRelations needs the relation file"));
    }

    [Fact]
    public void Files_that_share_no_ids_are_refused_unless_the_limit_is_raised_and_then_flagged()
    {
        var sink = new CollectingSink();
        var sample = CustomerDataLoader.Load(TestFiles.Reference("potential_customer.del"), new DataLoadOptions(BuiltInSchemas.Get("CorporateProspect")) { DuplicateIds = DuplicateIdPolicy.Keep }, NullSink.Instance);
        var relations = CustomerDataLoader.Load(TestFiles.Reference("potential_customer_relation.del"), new DataLoadOptions(BuiltInSchemas.Get("ProspectRelation")), NullSink.Instance);
        // The old delivery's two samples share no id: the relations would all be missing.
        var e = Assert.Throws<BankInsightException>(() => ProspectJob.Find(new ProspectSearchRequest(sample, relations, Trained.Model) { Drivers = 0 }, sink).ToList());
        Assert.Equal(ErrorIds.TooManyRowsRejected, e.ErrorId);
        Assert.StartsWith($"509 of 509 relation rows of {relations.Source} (100%) name no company of {sample.Source}, more than the 50% a job accepts", e.Message);

        var results = ProspectJob.Find(new ProspectSearchRequest(sample, relations, Trained.Model) { Drivers = 0, MaxUnmatchedRelationShare = 1 }, sink).ToList();
        Assert.Contains(sink.Warnings, w => w.Contains("No company of") && w.Contains("appears in the relation file"));
        Assert.All(results, r => Assert.Contains("广东", r.RegisteredAddress + r.BusinessAddress));
    }
}
