using System.CommandLine;
using BankInsight.Jobs.Churn;
using BankInsight.Jobs.Prospects;
using BankInsight.Jobs.Retail;
using BankInsight.Synthetic;

namespace BankInsight.Cli;

/// <summary>
/// <c>bankinsight models</c>: rebuilds the shipped default models from synthetic data with fixed
/// seeds. The same BankInsight build on the same platform gives byte-identical files.
/// </summary>
internal static class ModelsCommand
{
    /// <summary>Synthetic customers each shipped model is trained on.</summary>
    public const int ChurnCustomers = 50_000, NextMonthChurnCustomers = 50_000, ProspectCustomers = 30_000, RetailCustomers = 100_000;

    /// <summary>Segments of the shipped retail model: the synthetic story's six (the silhouette alone would pick 3 on this data; see models/README.md).</summary>
    public const int RetailSegments = 6;

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output") { Description = "Folder to write customer_losing, customer_losing_next_month, customer_potential and retail_customer to (the repository's models/).", Required = true };
        var command = new Command("models", "Rebuild the shipped default models from synthetic data (deterministic).") { output };
        return command.WithAction(context, parse =>
        {
            string folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var sink = context.Sink(parse);
            foreach (var result in ShippedModelRecipes.Build(folder, sink, context.Cancel))
            {
                if (result is Results.ModelTrainingResult trained) TrainingSummary.Write(context.Out, trained);
                else if (result is Results.SegmentationResult segments) SegmentationSummary.Write(context.Out, segments);
            }
            return ExitCodes.Success;
        });
    }
}

/// <summary>The recipes of the shipped models: data, seed and settings (documented in models/README.md).</summary>
internal static class ShippedModelRecipes
{
    public const int Seed = 42;

    public static IEnumerable<object> Build(string folder, Common.IOperationSink sink, CancellationToken cancel)
    {
        var churnData = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("CorporateChurn", ModelsCommand.ChurnCustomers) { Seed = Seed }, sink, cancel);
        yield return ChurnJob.Train(new ChurnTrainingRequest(churnData) { Seed = Seed, OutFile = Path.Combine(folder, Jobs.ShippedModels.Churn) }, sink, cancel);

        // Next-month churn: two consecutive months of the monthly story (2026-09 and 2026-10), written
        // to a scratch folder and read back as any bank's files would be.
        string scratch = Directory.CreateTempSubdirectory("bankinsight-models-").FullName;
        try
        {
            var months = new SyntheticDataRequest("CorporateChurn", ModelsCommand.NextMonthChurnCustomers) { Seed = Seed, Months = 2 };
            var files = SyntheticMonths.GenerateFiles(months, SyntheticMonthFile.Plan(months, Path.Combine(scratch, "churn.del"), oracle: false), sink, cancel);
            var options = new Data.Reading.DataLoadOptions(Data.Schemas.BuiltInSchemas.Get("CorporateChurn"));
            var (september, october) = (Data.Reading.CustomerDataLoader.Load(files[0], options, sink, cancel), Data.Reading.CustomerDataLoader.Load(files[1], options, sink, cancel));
            yield return ChurnJob.Train(new ChurnTrainingRequest(september) { NextMonth = october, Seed = Seed, OutFile = Path.Combine(folder, Jobs.ShippedModels.NextMonthChurn) }, sink, cancel);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        var prospects = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("CorporateProspect", ModelsCommand.ProspectCustomers) { Seed = Seed }, sink, cancel);
        var relations = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("ProspectRelation", ModelsCommand.ProspectCustomers) { Seed = Seed }, sink, cancel);
        yield return ProspectJob.Train(new ProspectTrainingRequest(prospects, relations) { Seed = Seed, OutFile = Path.Combine(folder, Jobs.ShippedModels.Prospect) }, sink, cancel);

        var retail = SyntheticDataGenerator.GenerateDataSet(new SyntheticDataRequest("Retail", ModelsCommand.RetailCustomers) { Seed = Seed }, sink, cancel);
        yield return SegmentationJob.Train(new SegmentationRequest(retail)
        {
            ClusterCount = ModelsCommand.RetailSegments,
            KMeans = new Clustering.KMeansOptions { Seed = Seed },
            OutFile = Path.Combine(folder, Jobs.ShippedModels.Retail),
        }, sink, cancel);
    }
}
