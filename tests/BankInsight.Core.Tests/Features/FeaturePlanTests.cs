using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Metrics;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Features;

public class FeaturePlanTests
{
    private static BankSchema Schema => TestSchemas.Small;

    private static Data.CustomerDataSet Load(string text) => TestFiles.LoadText(text, Schema, new CollectingSink());

    [Fact]
    public void From_data_uses_numbers_categories_and_dates_but_not_text_or_excluded_columns()
    {
        var data = Load("\"c1\",\"n\",1,1,1,\"1\",\"a\",20260715\n\"c2\",\"m\",2,2,0,\"2\",\"b\",\n");
        var plan = FeaturePlan.FromData(data, ["count"]);
        Assert.Equal(["amount", "flag", "size", "open", "day:signed", "day:months"], plan.Names);
        Assert.Equal(new DateOnly(2026, 7, 31), plan.ReferenceDate);
        Assert.Equal(["a", "b"], plan.Features.Single(f => f.Name == "open").Categories);
    }

    [Fact]
    public void Dates_become_signed_flags_and_months_since_signing()
    {
        var data = Load("\"c1\",\"n\",1,1,1,\"1\",\"a\",20260731\n\"c2\",\"n\",1,1,1,\"1\",\"a\",20260430\n\"c3\",\"n\",1,1,1,\"1\",\"a\",\n");
        var plan = FeaturePlan.FromData(data, [], new DateOnly(2026, 10, 31));
        var x = plan.Apply(data, NullSink.Instance);
        var signed = x.Columns.Single(c => c.Name == "day:signed").Values.ToArray();
        var months = x.Columns.Single(c => c.Name == "day:months").Values.ToArray();
        Assert.Equal([1.0, 1.0, 0.0], signed);
        Assert.Equal(Math.Round(92 / 30.4375, 2), months[0]); // Jul 31 → Oct 31 is 92 days
        Assert.Equal(Math.Round(184 / 30.4375, 2), months[1]);
        Assert.True(double.IsNaN(months[2]));
    }

    [Fact]
    public void Categories_are_matched_by_label_not_by_position()
    {
        var training = Load("\"c1\",\"n\",1,1,1,\"1\",\"x\",\n\"c2\",\"n\",1,1,1,\"1\",\"y\",\n");
        var plan = FeaturePlan.FromData(training, []);
        // Next month the open column's values appear in another order, plus one never seen.
        var sink = new CollectingSink();
        var later = TestFiles.LoadText("\"c1\",\"n\",1,1,1,\"1\",\"y\",\n\"c2\",\"n\",1,1,1,\"1\",\"new\",\n\"c3\",\"n\",1,1,1,\"1\",\"x\",\n", Schema, sink, name: "later.del");
        var x = plan.Apply(later, sink);
        var open = x.Columns.Single(c => c.Name == "open");
        Assert.Equal(["a", "x", "y"], open.Categories); // the schema's value first, then training order
        Assert.Equal([2, -1, 1], open.Codes.ToArray());
        Assert.Contains(sink.Warnings, w => w.Contains("1 row(s) have values the model never saw (e.g. 'new')"));
    }

    [Fact]
    public void A_column_missing_from_a_later_file_becomes_unknown_with_a_warning()
    {
        var training = Load("\"c1\",\"n\",1,1,1,\"1\",\"a\",\n\"c2\",\"n\",2,1,1,\"1\",\"a\",\n");
        var plan = FeaturePlan.FromData(training, []);
        var sink = new CollectingSink();
        var later = TestFiles.LoadText("\"c1\",\"n\",,1,1,\"1\",\"a\",\n", Schema, sink, name: "later.del"); // amount empty → dropped
        var x = plan.Apply(later, sink);
        Assert.True(double.IsNaN(x.Columns[0].Values[0]));
        Assert.Contains(sink.Warnings, w => w == "Column 'amount' is missing or empty in later.del; the model treats it as unknown for every row.");
    }

    [Fact]
    public void A_column_of_another_type_is_an_error()
    {
        var plan = new FeaturePlan([new FeatureSpec("name", "name", FeatureTransform.Number, [])], null);
        var e = Assert.Throws<BankInsightException>(() => plan.Apply(Load("\"c1\",\"n\",1,1,1,\"1\",\"a\",\n"), NullSink.Instance));
        Assert.Contains("Column 'name' is Text in this data but the model used it as Number", e.Message);
    }

    [Fact]
    public void No_features_at_all_is_a_clear_error()
    {
        var data = Load("\"c1\",\"n\",1,1,1,\"1\",\"a\",20260101\n");
        var e = Assert.Throws<BankInsightException>(() => FeaturePlan.FromData(data, data.Columns.Select(c => c.Name)));
        Assert.Contains("There are no features to learn from", e.Message);
    }

    [Fact]
    public void Train_on_one_month_and_evaluate_on_a_later_one()
    {
        // Time-based validation: two months of synthetic churn data (different seeds, later month),
        // the model's plan maps the later file, and the planted signal carries over.
        static (Data.CustomerDataSet Data, bool[] Labels, int[] Rows) Month(int seed, DateOnly asOf)
        {
            var data = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("CorporateChurn", 6000) { Seed = seed, AsOf = asOf }, NullSink.Instance);
            var current = (NumericColumn)data["金融资产月日均"];
            var last3 = (NumericColumn)data["近三个月金融资产月日均"];
            var rows = Enumerable.Range(0, data.RowCount).Where(i => last3[i] > 0).ToArray();
            return (data, rows.Select(i => current[i] / last3[i] < 0.5).ToArray(), rows);
        }
        var (june, juneLabels, juneRows) = Month(1, new DateOnly(2026, 6, 30));
        var (july, julyLabels, julyRows) = Month(2, new DateOnly(2026, 7, 31));
        var plan = FeaturePlan.FromData(june, ["客户编号", "客户名称", "金融资产月日均", "近三个月金融资产月日均"]);
        Assert.Equal(new DateOnly(2026, 6, 30), plan.ReferenceDate);
        var model = new GbdtTrainer().Train(plan.Apply(june, NullSink.Instance).Select(juneRows), juneLabels, null, NullSink.Instance);
        // Next month's dates are measured to next month's end: same plan, new reference.
        var julyPlan = new FeaturePlan(plan.Features, FeaturePlan.LatestMonthEnd(july));
        var probabilities = Logistic.Probabilities(model.PredictRaw(julyPlan.Apply(july, NullSink.Instance).Select(julyRows)));
        var evaluation = BinaryEvaluation.Evaluate(probabilities, julyLabels, Thresholds.MaxF1(probabilities, julyLabels));
        Assert.True(evaluation.RocAuc > 0.85, $"AUC on the later month {evaluation.RocAuc}");
    }
}

public class SchemaInferenceTests
{
    [Fact]
    public void Infers_numbers_categories_and_text_from_a_csv()
    {
        using var temp = new TempFolder();
        string path = temp.File("d.csv");
        var lines = new List<string> { "\"id\";\"age\";\"job\";\"note\";\"y\"" };
        for (int i = 0; i < 1500; i++) lines.Add($"{i};{20 + i % 50};\"{(i % 3 == 0 ? "admin." : "blue-collar")}\";\"free text {i}\";\"{(i % 4 == 0 ? "yes" : "no")}\"");
        File.WriteAllLines(path, lines);
        var schema = SchemaInference.Infer(path, "d", ';');
        Assert.Equal(["id", "age", "job", "note", "y"], schema.Columns.Select(c => c.Name));
        Assert.Equal([ColumnType.Number, ColumnType.Number, ColumnType.Categorical, ColumnType.Text, ColumnType.Categorical], schema.Columns.Select(c => c.Type));
        Assert.True(schema.Get("job").IsOpen);
        var data = CustomerDataLoader.Load(path, new DataLoadOptions(schema) { Delimiter = ';' }, new CollectingSink());
        Assert.Equal(1500, data.RowCount);
        Assert.Equal(["admin.", "blue-collar"], ((CategoricalColumn)data["job"]).Categories);
    }
}

public class CrossValidationTests
{
    [Fact]
    public void Runs_every_fold_with_deterministic_results()
    {
        var (x, y) = Learners.LearnerData.Synthetic(3000, 51);
        var trainer = new GbdtTrainer(new GbdtOptions { Trees = 30 });
        var first = CrossValidation.Run(trainer, x, y, 5, 42, NullSink.Instance);
        var second = CrossValidation.Run(trainer, x, y, 5, 42, NullSink.Instance);
        Assert.Equal(5, first.Count);
        Assert.Equal(3000, first.Sum(f => f.Evaluation.Rows));
        Assert.Equal(first.Select(f => f.Evaluation.RocAuc), second.Select(f => f.Evaluation.RocAuc));
        Assert.All(first, f => Assert.True(f.Evaluation.RocAuc > 0.75));
    }
}
