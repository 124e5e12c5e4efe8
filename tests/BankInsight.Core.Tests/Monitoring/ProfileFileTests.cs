using System.Globalization;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Churn;
using BankInsight.Monitoring;
using BankInsight.Results;
using BankInsight.Serialization;
using BankInsight.Synthetic;
using static BankInsight.Tests.Learners.ModelFileHardeningTests;

namespace BankInsight.Tests.Monitoring;

/// <summary>A small churn model trained once, with its month and its text.</summary>
public sealed class ProfiledChurnModel
{
    public CustomerDataSet Month { get; } = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest(BuiltInSchemas.CorporateChurn, 2000) { Seed = 9 }, NullSink.Instance);
    public ModelTrainingResult Trained { get; }
    public string Text { get; }

    public ProfiledChurnModel()
    {
        Trained = ChurnJob.Train(new ChurnTrainingRequest(Month), NullSink.Instance);
        Text = Trained.Model.ToText();
    }
}

/// <summary>
/// The training profile in the model file: written by every training, read back exactly, refused
/// when a value could not have come from training (ModelDamaged naming [profile], key and value),
/// and absent from older models, which still load and predict.
/// </summary>
public class ProfileFileTests(ProfiledChurnModel fixture) : IClassFixture<ProfiledChurnModel>
{
    private TrainedModel Model => fixture.Trained.Model;

    [Fact]
    public void Training_profiles_every_customer_of_the_month_and_the_held_out_scores()
    {
        var profile = Model.Profile!;
        Assert.Equal(fixture.Month.RowCount, profile.Rows);
        Assert.Equal(Model.Plan.Features.Count, profile.Features.Count);
        Assert.All(profile.Features, f => Assert.Equal(profile.Rows, f.Rows));
        Assert.Equal(fixture.Trained.HeldOutRows, profile.ScoreRows);
        // Held-out scores in deciles: ten bins of about a tenth each.
        Assert.InRange(profile.ScoreEdges.Count, 5, 9);
        Assert.All(profile.ScoreCounts, c => Assert.InRange(c, 1, profile.ScoreRows / 2));
        // A feature's missing share is what the month has: 员工人数 is empty in some rows.
        var staff = (Data.Columns.NumericColumn)fixture.Month["员工人数"];
        int f = Model.Plan.Names.ToList().IndexOf("员工人数");
        Assert.Equal(staff.Data.Count(double.IsNaN) / (double)fixture.Month.RowCount, profile.Features[f].MissingShare);
    }

    [Fact]
    public void The_profile_round_trips_byte_for_byte_in_any_culture()
    {
        var loaded = TrainedModel.Parse(fixture.Text, "m.txt", "churn");
        var (a, b) = (Model.Profile!, loaded.Profile!);
        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal(a.ScoreEdges, b.ScoreEdges);
        Assert.Equal(a.ScoreCounts, b.ScoreCounts);
        for (int f = 0; f < a.Features.Count; f++)
        {
            Assert.Equal(a.Features[f].Kind, b.Features[f].Kind);
            Assert.Equal(a.Features[f].Edges, b.Features[f].Edges);
            Assert.Equal(a.Features[f].Counts, b.Features[f].Counts);
        }
        Assert.Equal(fixture.Text, loaded.ToText());
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(fixture.Text, loaded.ToText());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_section_comes_last_so_older_sections_are_unchanged()
    {
        string body = fixture.Text;
        int at = body.IndexOf("\n[profile]\n", StringComparison.Ordinal);
        Assert.True(at > 0);
        Assert.DoesNotContain("\n[", body[(at + 2)..]);
        Assert.Equal(Without(body), new TrainedModel(Model.Purpose, Model.SchemaName, Model.SchemaFingerprint, Model.Plan, Model.Classifier, Model.Settings, Model.Metrics).ToText());
    }

    [Fact]
    public void A_model_written_before_profiles_loads_and_predicts_the_same()
    {
        var old = TrainedModel.Parse(Without(fixture.Text), "old.model", "churn");
        Assert.Null(old.Profile);
        Assert.Equal(Model.PredictProbabilities(fixture.Month, NullSink.Instance), old.PredictProbabilities(fixture.Month, NullSink.Instance));
        var predictions = ChurnJob.Predict(new ChurnPredictionRequest(fixture.Month, old) { Drivers = 0 }, NullSink.Instance).Count();
        Assert.True(predictions > 0);
    }

    [Fact]
    public void The_shipped_models_carry_a_profile()
    {
        var churn = ChurnJob.LoadShippedModel();
        var prospect = TrainedModel.Load(BankInsight.Jobs.ShippedModels.Locate(BankInsight.Jobs.ShippedModels.Prospect), "prospect");
        Assert.Equal(50_000, churn.Profile!.Rows);
        Assert.Equal(prospect.Plan.Features.Count, prospect.Profile!.Features.Count);
    }

    // ---- hardening ----------------------------------------------------------------------------

    private static string Without(string text) => Forge(text, b => b[..(b.IndexOf("\n[profile]\n", StringComparison.Ordinal) + 1)]);

    private static string RemoveLine(string body, string key) => string.Join('\n', body.Split('\n').Where(l => !l.StartsWith(key + "=", StringComparison.Ordinal)));

    private static void Refused(string forged, params string[] expected)
    {
        var e = Assert.Throws<BankInsightException>(() => TrainedModel.Parse(forged, "m.txt", "churn"));
        Assert.Equal(ErrorIds.ModelDamaged, e.ErrorId);
        Assert.StartsWith("Model file 'm.txt' cannot be used: ", e.Message);
        foreach (var part in expected) Assert.Contains(part, e.Message);
    }

    // Feature 0 of the churn plan is 员工人数 (a number), feature 1 企业规模 (5 categories).
    private string Counts0 => Get(fixture.Text, "profile", "feature.0.counts");

    public static TheoryData<string, string, string, string> Values => new()
    {
        // key, value, expected in the message (twice)
        { "rows", "0", "[profile] rows=0", "1 or more" },
        { "features", "3", "[profile] features=3", "one per feature of the [features] plan" },
        { "feature.0.edges", "5 4", "[profile] feature.0.edges: item 2 (4)", "strictly ascending" },
        { "feature.0.edges", "1 1", "[profile] feature.0.edges: item 2 (1)", "strictly ascending" },
        { "feature.0.edges", "NaN", "[profile] feature.0.edges: item 1 (NaN)", "finite numbers" },
        { "feature.0.edges", "-Infinity 3", "[profile] feature.0.edges: item 1 (-Infinity)", "finite numbers" },
        { "feature.0.edges", "1 2 3 4 5 6 7 8 9 10", "[profile] feature.0.edges=1 2 3 4 5 6 7 8 9 10", "at most 9 decile edges" },
        { "feature.1.counts", "1 2", "[profile] feature.1.counts=1 2", "7 counts, one per category of '企业规模', then unseen, then missing; it has 2" },
        { "score.edges", "0.5 1.5", "[profile] score.edges: item 2 (1.5)", "probabilities from 0 to 1" },
        { "score_rows", "-3", "[profile] score_rows=-3", "1 or more" },
        { "feature.1.edges", "1", "[profile] feature.1.edges is not a key of the profile", "" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_profile_value_training_could_not_write_is_refused(string key, string value, string expected, string why)
    {
        // A key the section should not have (feature.1 is a category: no edges) is added, not replaced.
        string forged = Forge(fixture.Text, b => Set(b, "profile", key, value));
        Refused(forged, expected, why);
    }

    [Fact]
    public void Counts_must_be_whole_in_range_and_add_up_to_the_rows()
    {
        var items = Counts0.Split(' ');
        int first = int.Parse(items[0], CultureInfo.InvariantCulture);
        string Replace(string value) => value + " " + string.Join(" ", items[1..]);
        Refused(Forge(fixture.Text, b => Set(b, "profile", "feature.0.counts", Replace((first + 1).ToString(CultureInfo.InvariantCulture)))),
            $"[profile] feature.0.counts counts {fixture.Month.RowCount + 1} customers, not the {fixture.Month.RowCount} the profile has");
        Refused(Forge(fixture.Text, b => Set(b, "profile", "feature.0.counts", Replace("-1"))), "[profile] feature.0.counts: item 1 (-1)", $"expected 0 to {fixture.Month.RowCount}");
        Refused(Forge(fixture.Text, b => Set(b, "profile", "feature.0.counts", Replace("2.5"))), "[profile] feature.0.counts: item 1 (2.5)", "a whole number");
        Refused(Forge(fixture.Text, b => Set(b, "profile", "feature.0.counts", Replace("1") + " 0")), "[profile] feature.0.counts=", "one per bin between the edges, then missing; it has");
    }

    [Fact]
    public void A_counts_line_of_millions_of_items_is_refused_by_its_length_before_it_is_parsed()
    {
        string huge = string.Join(' ', Enumerable.Repeat("0", 2_000_000));
        Refused(Forge(fixture.Text, b => Set(b, "profile", "feature.0.counts", huge)), "[profile] feature.0.counts=0 0 0", "it has 2000000");
    }

    [Fact]
    public void A_missing_line_is_named()
    {
        Refused(Forge(fixture.Text, b => RemoveLine(b, "feature.0.counts")), "[profile] feature.0.counts is missing");
        Refused(Forge(fixture.Text, b => RemoveLine(b, "score.counts")), "[profile] score.counts is missing");
    }
}
