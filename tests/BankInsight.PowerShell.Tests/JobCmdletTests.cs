using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Jobs;
using BankInsight.PowerShell.Commands;
using BankInsight.Results;
using BankInsight.Serialization;
using BankInsight.Synthetic;

namespace BankInsight.PowerShell.Tests;

/// <summary>Synthetic corporate files in a temporary folder, made once for the cmdlet tests.</summary>
public sealed class CorporateFiles : IDisposable
{
    private readonly TempFolder _folder = new();

    public CorporateFiles()
    {
        Make("CorporateChurn", 5000, 1, Churn);
        Make("CorporateChurn", 3000, 2, LaterChurn);
        Make("CorporateProspect", 5000, 3, Prospects);
        Make("ProspectRelation", 5000, 3, Relations);
    }

    public string Folder => _folder.Path;
    public string Churn => _folder.File("churn.del");
    public string LaterChurn => _folder.File("churn-later.del");
    public string Prospects => _folder.File("prospects.del");
    public string Relations => _folder.File("relations.del");

    private static void Make(string schema, int rows, int seed, string path) =>
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest(schema, rows) { Seed = seed }, path, NullSink.Instance);

    public void Dispose() => _folder.Dispose();
}

public class ChurnCmdletTests(CorporateFiles files) : IClassFixture<CorporateFiles>
{
    private FakeHost Host() => new() { CurrentDirectory = files.Folder };

    [Fact]
    public void New_ChurnModel_trains_from_a_path_and_writes_the_model_after_asking()
    {
        var host = Host();
        new NewChurnModelCommand { Path = ["churn.del"], OutFile = "m.model", DeclineThreshold = 0.5, Seed = 3 }.Execute(host);
        var result = Assert.IsType<ModelTrainingResult>(Assert.Single(host.Output));
        Assert.True(result.RocAuc > 0.85);
        Assert.Equal(Path.Combine(files.Folder, "m.model"), result.Path);
        Assert.Equal(("Write churn model", Path.Combine(files.Folder, "m.model")), (host.ShouldProcessCalls[0].Action, host.ShouldProcessCalls[0].Target));
        Assert.Equal("3", TrainedModel.Load(result.Path!).Settings["seed"]);
    }

    [Fact]
    public void New_ChurnModel_with_WhatIf_trains_but_writes_nothing()
    {
        var host = Host();
        host.ShouldProcessAnswer = false;
        new NewChurnModelCommand { Path = ["churn.del"], OutFile = "whatif.model" }.Execute(host);
        var result = Assert.IsType<ModelTrainingResult>(Assert.Single(host.Output));
        Assert.Null(result.Path);
        Assert.False(File.Exists(Path.Combine(files.Folder, "whatif.model")));
    }

    [Fact]
    public void New_ChurnModel_maps_its_parameters()
    {
        var data = new NewChurnModelCommand { DeclineThreshold = 0.3, Algorithm = ModelAlgorithm.LogisticRegression, DataMonth = new DateTime(2026, 9, 15), Seed = 9 }
            .BuildRequest(null!, "out.model");
        Assert.Equal((0.3, ModelAlgorithm.LogisticRegression, new DateOnly(2026, 9, 1), 9, "out.model"), (data.DeclineThreshold, data.Algorithm, data.DataMonth!.Value, data.Seed, data.OutFile));
    }

    [Fact]
    public void Test_ChurnModel_takes_the_model_as_a_training_result_a_model_or_a_path()
    {
        var host = Host();
        new NewChurnModelCommand { Path = ["churn.del"], OutFile = "t.model" }.Execute(host);
        var trained = (ModelTrainingResult)host.Output[0]!;
        foreach (object model in new object[] { trained, trained.Model, "t.model" })
        {
            var test = Host();
            new TestChurnModelCommand { Path = ["churn-later.del"], Model = model }.Execute(test);
            var evaluation = Assert.IsType<ClassifierEvaluation>(Assert.Single(test.Output));
            Assert.True(evaluation.RocAuc > 0.85, $"{model.GetType().Name}: {evaluation.RocAuc}");
        }
    }

    [Fact]
    public void Test_ChurnModel_refuses_a_prospect_model()
    {
        var host = Host();
        var command = new TestChurnModelCommand { Path = ["churn-later.del"], Model = ShippedModels.Locate(ShippedModels.Prospect), CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Execute(host)));
        Assert.Equal((ErrorIds.ModelKindMismatch, ErrorCategory.InvalidArgument), (e.Spec.ErrorId, e.Spec.Category));
    }

    [Fact]
    public void Invoke_ChurnPrediction_streams_churners_from_the_shipped_model_by_default()
    {
        var host = Host();
        new InvokeChurnPredictionCommand { Path = ["churn-later.del"] }.Execute(host);
        var predictions = host.Output.Cast<ChurnPrediction>().ToList();
        Assert.NotEmpty(predictions);
        Assert.All(predictions, p => Assert.True(p.IsChurn && p.Driver1 is not null));
        Assert.Contains(host.Verbose, v => v.StartsWith("Using the churn model", StringComparison.Ordinal) && v.Contains("customer_losing"));
        Assert.Contains(host.Progress, p => p.Completed && p.Activity == "Scoring churn");
    }

    [Fact]
    public void Invoke_ChurnPrediction_takes_data_sets_from_the_pipeline_and_everyone_with_IncludeAll()
    {
        var data = BankInsight.Data.Reading.CustomerDataLoader.Load(files.LaterChurn,
            new BankInsight.Data.Reading.DataLoadOptions(BankInsight.Data.Schemas.BuiltInSchemas.Get("CorporateChurn")), NullSink.Instance);
        var host = Host();
        new InvokeChurnPredictionCommand { InputObject = [data], IncludeAllFlag = true, Drivers = 0 }.Execute(host);
        Assert.Equal(3000, host.Output.Count);
        Assert.All(host.Output.Cast<ChurnPrediction>(), p => Assert.Null(p.Drivers));
        var request = new InvokeChurnPredictionCommand { IncludeAllFlag = true, ProbabilityThreshold = 0.7, Drivers = 5, DataMonth = new DateTime(2026, 10, 3) }
            .BuildRequest(data, TrainedModel.Load(ShippedModels.Locate(ShippedModels.Churn)));
        Assert.Equal((true, 0.7, 5, new DateOnly(2026, 10, 1)), (request.IncludeAll, request.ProbabilityThreshold!.Value, request.Drivers, request.DataMonth!.Value));
    }
}

public class ProspectCmdletTests(CorporateFiles files) : IClassFixture<CorporateFiles>
{
    private FakeHost Host() => new() { CurrentDirectory = files.Folder };

    [Fact]
    public void New_ProspectModel_trains_with_relations()
    {
        var host = Host();
        new NewProspectModelCommand { Path = ["prospects.del"], RelationPath = "relations.del", MinMonthlyCount = 3, MinMonthlyAmount = 3_000_000 }.Execute(host);
        var result = Assert.IsType<ModelTrainingResult>(Assert.Single(host.Output));
        Assert.True(result.RocAuc > 0.85);
        Assert.Equal("true", result.Model.Settings["uses_relations"]);
        Assert.Empty(host.ShouldProcessCalls); // no -OutFile, nothing to confirm
    }

    [Fact]
    public void New_ProspectModel_without_relations_warns()
    {
        var host = Host();
        new NewProspectModelCommand { Path = ["prospects.del"] }.Execute(host);
        Assert.Contains(host.Warnings, w => w.StartsWith("No -RelationPath", StringComparison.Ordinal));
        Assert.Equal("false", ((ModelTrainingResult)host.Output[0]!).Model.Settings["uses_relations"]);
    }

    [Fact]
    public void Find_Prospect_filters_by_region_and_expands_relations()
    {
        var host = Host();
        new FindProspectCommand { Path = ["prospects.del"], RelationPath = "relations.del", ExpandRelationsFlag = true }.Execute(host);
        var results = host.Output.Cast<ProspectResult>().ToList();
        Assert.Contains(results, r => r.Source == "Scored");
        Assert.Contains(results, r => r.Source == "Related");
        Assert.All(results.Where(r => r.Source == "Scored"), r => Assert.Contains("广东", r.RegisteredAddress + r.BusinessAddress));
    }

    [Fact]
    public void Find_Prospect_maps_region_definition_and_switches()
    {
        var model = TrainedModel.Load(ShippedModels.Locate(ShippedModels.Prospect));
        var request = new FindProspectCommand { Region = "", IncludeAllFlag = true, ExpandRelationsFlag = true, MinMonthlyCount = 10, ProbabilityThreshold = 0.2 }
            .BuildRequest(null!, null, model);
        Assert.Equal("", request.Region);
        Assert.True(request.IncludeAll && request.ExpandRelations);
        Assert.Equal(0.2, request.ProbabilityThreshold);
        Assert.Equal(new BankInsight.Jobs.Prospects.ProspectDefinition(10, 3_000_000), request.Definition);
        Assert.Null(new FindProspectCommand().BuildRequest(null!, null, model).Definition); // the model's own
    }
}

public class PipelineInputTests(CorporateFiles files) : IClassFixture<CorporateFiles>
{
    private FakeHost Host() => new() { CurrentDirectory = files.Folder };

    private static List<Dictionary<string, object?>> Rows(string path, int count) =>
        BankInsight.Data.DataSetRows.Enumerate(BankInsight.Data.Reading.CustomerDataLoader.Load(path,
                new BankInsight.Data.Reading.DataLoadOptions(BankInsight.Data.Schemas.BuiltInSchemas.Get("CorporateChurn")), NullSink.Instance))
            .Take(count)
            // As Import-Csv gives them: every value text, empty for missing.
            .Select(r => r.ToDictionary(p => p.Key, p => (object?)(p.Value switch
            {
                null => "",
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                DateOnly day => day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
                var v => v.ToString(),
            })))
            .ToList();

    [Fact]
    public void Rows_piped_one_by_one_are_scored_at_the_end_like_the_file()
    {
        var rows = Rows(files.LaterChurn, 40);
        var command = new InvokeChurnPredictionCommand { IncludeAllFlag = true, Drivers = 0, DataMonth = new DateTime(2026, 10, 1) };
        var host = Host();
        foreach (var row in rows)
        {
            command.InputObject = [row];
            command.Process(host);
        }
        Assert.Empty(host.Output);                      // gathered until the input ends
        command.Finish(host);
        var fromRows = host.Output.Cast<ChurnPrediction>().ToList();
        Assert.Equal(40, fromRows.Count);

        var fileHost = Host();
        new InvokeChurnPredictionCommand { Path = ["churn-later.del"], IncludeAllFlag = true, Drivers = 0, DataMonth = new DateTime(2026, 10, 1) }.Execute(fileHost);
        var fromFile = fileHost.Output.Cast<ChurnPrediction>().Take(40).ToList();
        Assert.Equal(fromFile.Select(p => (p.CustomerId, p.Probability)), fromRows.Select(p => (p.CustomerId, p.Probability)));
        Assert.Equal(2, fromRows[0].Line);               // row 1 is line 2: line 1 is the header
    }

    [Fact]
    public void A_bad_row_is_a_non_terminating_error_and_the_rest_are_scored()
    {
        var rows = Rows(files.LaterChurn, 5);
        rows[2]["员工人数"] = "many";
        var host = Host();
        new InvokeChurnPredictionCommand { InputObject = [.. rows], IncludeAllFlag = true, Drivers = 0 }.Execute(host);
        Assert.Equal(4, host.Output.Count);
        var error = Assert.Single(host.Errors);
        Assert.Equal("BankInsight.RowRejected", error.ErrorId);
        Assert.Contains("line 4", error.Message);
        Assert.Contains("many", error.Message);
    }

    [Fact]
    public void Files_and_paths_from_the_pipeline_are_read_with_the_jobs_schema()
    {
        var host = Host();
        new TestChurnModelCommand { InputObject = [new FileInfo(files.LaterChurn), "churn.del"] }.Execute(host);
        Assert.Equal(2, host.Output.Count);
        Assert.All(host.Output.Cast<ClassifierEvaluation>(), e => Assert.True(e.RocAuc > 0.85));
    }
}

public class ModelPipelineTests(CorporateFiles files) : IClassFixture<CorporateFiles>
{
    private FakeHost Host() => new() { CurrentDirectory = files.Folder };

    [Fact]
    public void A_training_result_coming_down_the_pipeline_is_the_model_not_data()
    {
        var train = Host();
        new NewChurnModelCommand { Path = ["churn.del"], Seed = 4 }.Execute(train);
        var trained = (ModelTrainingResult)train.Output[0]!;
        var host = Host();
        new TestChurnModelCommand { InputObject = [trained, new FileInfo(files.LaterChurn)] }.Execute(host);
        var evaluation = Assert.IsType<ClassifierEvaluation>(Assert.Single(host.Output));
        Assert.Contains(host.Verbose, v => v.Contains("(in memory)"));     // the piped model, not the shipped file
        Assert.True(evaluation.RocAuc > 0.85);
    }

    [Fact]
    public void Only_a_model_on_the_pipeline_says_there_is_nothing_to_work_on()
    {
        var host = Host();
        var command = new InvokeChurnPredictionCommand { InputObject = [TrainedModel.Load(ShippedModels.Locate(ShippedModels.Churn))], CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Execute(host)));
        Assert.Contains("no data", e.Spec.Message);
    }

    [Fact]
    public void A_model_piped_into_a_training_cmdlet_is_refused()
    {
        var host = Host();
        var command = new NewChurnModelCommand { InputObject = [TrainedModel.Load(ShippedModels.Locate(ShippedModels.Churn))], CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Execute(host)));
        Assert.Contains("trains models", e.Spec.Message);
    }
}
