using System.CommandLine;
using BankInsight.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using BankInsight.Clustering;
using BankInsight.Jobs;
using BankInsight.Jobs.Retail;
using BankInsight.ResultFiles;
using BankInsight.Results;

namespace BankInsight.Cli;

/// <summary><c>bankinsight cluster train | assign | profile</c>: retail customer segmentation.</summary>
internal static class ClusterCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = new Command("cluster", "Retail customer segmentation (k-means over the 28 segmentation columns).");
        cluster.Subcommands.Add(Train(context));
        cluster.Subcommands.Add(Assign(context));
        cluster.Subcommands.Add(Profile(context));
        return cluster;
    }

    private static Option<string> InputPath() => new("--input_data_path") { Description = "The retail file (.del or .csv).", Required = true };

    private static Option<string?> ModelPath() => new("--model") { Description = "The segmentation model (default: the shipped retail_customer)." };

    private static SegmentationModel LoadModel(string? path) => SegmentationModel.Load(path is null ? ShippedModels.Locate(ShippedModels.Retail) : ShippedModels.Resolve(path, path));

    private static Command Train(CliContext context)
    {
        var input = InputPath();
        var model = new Option<string>("--model") { Description = "Where to write the model.", Required = true };
        var clusters = new Option<int?>("--clusters") { Description = "Number of segments (default: chosen by silhouette between --min_clusters and --max_clusters)." };
        var minClusters = new Option<int>("--min_clusters") { Description = "Smallest k tried automatically (default 2).", DefaultValueFactory = _ => 2 };
        var maxClusters = new Option<int>("--max_clusters") { Description = "Largest k tried automatically (default 10).", DefaultValueFactory = _ => 10 };
        var inits = new Option<int>("--init_count") { Description = "k-means++ initialisations; the best is kept (default 10).", DefaultValueFactory = _ => 10 };
        var iterations = new Option<int>("--max_iterations") { Description = "Lloyd iterations per initialisation (default 300).", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Seed (default 42).", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the object New-CustomerClusterModel returns)." };
        var job = new JobInput(Data.Schemas.BuiltInSchemas.Retail);
        var command = new Command("train", "Segment retail customers and write the model.") { input, model, clusters, minClusters, maxClusters, inits, iterations, seed, json };
        job.AddTo(command);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, ("--input_data_path", parse.GetValue(input), false), ("--model", parse.GetValue(model), true));
            using var commit = new CommitGroup();
            var data = job.Load(parse, context, parse.GetValue(input)!, commit);
            var result = SegmentationJob.Train(new SegmentationRequest(data)
            {
                ClusterCount = parse.GetValue(clusters),
                MinClusterCount = parse.GetValue(minClusters),
                MaxClusterCount = parse.GetValue(maxClusters),
                KMeans = new KMeansOptions { InitCount = parse.GetValue(inits), MaxIterations = parse.GetValue(iterations), Seed = parse.GetValue(seed) },
                OutFile = Common.OutputFile.Optional(parse.GetValue(model)),
            }, context.Sink(parse), context.Cancel);
            commit.CommitAll();
            if (parse.GetValue(json)) context.Out.WriteLine(JsonOutput.Serialize(result));
            else SegmentationSummary.Write(context.Out, result);
            return job.ExitCode;
        });
    }

    private static Command Assign(CliContext context)
    {
        var input = InputPath();
        var output = new Option<string>("--output_data_path") { Description = "Result file: \"客户编号\",cluster per customer.", Required = true };
        var model = ModelPath();
        var job = new JobInput(Data.Schemas.BuiltInSchemas.Retail);
        var command = new Command("assign", "Assign every customer to a segment.") { input, output, model };
        job.AddTo(command);
        var results = new ResultOptions();
        results.AddTo(command);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, ("--input_data_path", parse.GetValue(input), false), ("--model", parse.GetValue(model), false), ("--output_data_path", parse.GetValue(output), true));
            var segmentation = LoadModel(parse.GetValue(model));
            using var commit = new CommitGroup();
            var file = commit.Add(results.Writer(parse, parse.GetValue(output)!));
            var sizes = new int[segmentation.ClusterCount];
            // Streamed: each chunk's customers are assigned and written before the next chunk is read.
            int rows = SegmentationJob.AssignInFile(job.Open(parse, context, parse.GetValue(input)!, commit), segmentation, a =>
            {
                sizes[a.Cluster - 1]++;
                file.WriteLine(a.ToResultFields());
            }, context.Sink(parse), context.Cancel);
            commit.CommitAll();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"assigned {rows:N0} customers to {segmentation.ClusterCount} segments ({string.Join("; ", sizes.Select((s, c) => $"{c + 1}: {s:N0}"))}), written to {file.Path}"));
            return job.ExitCode;
        });
    }

    private static Command Profile(CliContext context)
    {
        var input = InputPath();
        var model = ModelPath();
        var json = new Option<bool>("--json") { Description = "Print one wide JSON object per segment (the rows Get-CustomerCluster -Profile emits)." };
        var job = new JobInput(Data.Schemas.BuiltInSchemas.Retail);
        var command = new Command("profile", "Describe each segment: size, products held, segmentation columns.") { input, model, json };
        job.AddTo(command);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, ("--input_data_path", parse.GetValue(input), false), ("--model", parse.GetValue(model), false));
            var segmentation = LoadModel(parse.GetValue(model));
            using var commit = new CommitGroup();
            var data = job.Load(parse, context, parse.GetValue(input)!, commit, columns: schema => RetailColumns.ForProfiles(schema, segmentation));
            var profiles = SegmentationJob.Profiles(data, segmentation, context.Sink(parse), context.Cancel);
            commit.CommitAll();
            if (parse.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var p in profiles)
                {
                    var row = new JsonObject();
                    foreach (var (key, value) in p.Columns) row[System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(key)] = JsonValue.Create(value); // camelCase like every runner JSON; column names stay as written
                    array.Add(row);
                }
                context.Out.WriteLine(JsonOutput.Serialize(array));
            }
            else
            {
                foreach (var p in profiles)
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"segment {p.Cluster}: {p.Customers:N0} customers ({p.Share * 100:F1}%) — {p.Highlights}"));
            }
            return job.ExitCode;
        });
    }
}

/// <summary>A human summary of a segmentation.</summary>
internal static class SegmentationSummary
{
    public static void Write(TextWriter output, SegmentationResult r)
    {
        output.WriteLine($"segmentation model written to {r.Path}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"segments:   {r.ClusterCount} ({r.ClusterCountChoice}) over {r.Features} columns, {r.Customers:N0} customers"));
        output.WriteLine($"sizes:      {r.Sizes}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quality:    silhouette {r.Silhouette:F3}, inertia {r.Inertia:G6}, {r.Iterations} iterations"));
        if (r.Search is not null) output.WriteLine($"k search:   {r.Search}");
    }
}
