using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BankInsight.Common;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.ResultFiles;
using BankInsight.Results;

namespace BankInsight.Cli;

/// <summary><c>bankinsight churn train | evaluate | predict</c>: corporate churn early warning.</summary>
internal static class ChurnCommand
{
    public static Command Create(CliContext context)
    {
        var churn = new Command("churn", "Corporate churn early warning (流失客户预警).");
        churn.Subcommands.Add(Train(context));
        churn.Subcommands.Add(Evaluate(context));
        churn.Subcommands.Add(Predict(context));
        churn.Subcommands.Add(ChurnBacktestCommand.Create(context));
        churn.Subcommands.Add(ChurnMonitorCommand.Create(context));
        return churn;
    }

    private static Option<string> InputPath() => new("--input_data_path") { Description = "The churn file (.del or .csv).", Required = true };

    private static Command Train(CliContext context)
    {
        var input = InputPath();
        var model = new Option<string>("--model") { Description = "Where to write the model.", Required = true };
        var threshold = new Option<double>("--threshold") { Description = "Decline that counts as churn (default 0.5: assets more than halved).", DefaultValueFactory = _ => ChurnLabels.DefaultDeclineThreshold };
        var algorithm = new Option<string>("--algorithm") { Description = "gbdt (default) or logistic.", DefaultValueFactory = _ => "gbdt" };
        algorithm.AcceptOnlyFromAmong("gbdt", "logistic");
        var seed = new Option<int>("--seed") { Description = "Seed (default 42).", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print the training result as JSON." };
        var absentUnlabelled = new Option<bool>("--absent_unlabelled") { Description = "A customer missing from the next month's file gets no label (default: counted churned)." };
        var months = new MonthOptions(withNextMonth: true);
        var job = new JobInput(Data.Schemas.BuiltInSchemas.CorporateChurn);
        var command = new Command("train", "Train a churn model and write it: next month's churn with --next_month_path, else the month's own (the old delivery's).") { input, model, threshold, algorithm, seed, json, absentUnlabelled };
        months.AddTo(command);
        job.AddTo(command, dataMonth: true);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, [("--input_data_path", parse.GetValue(input), false), .. months.Paths(parse), ("--model", parse.GetValue(model), true)]);
            using var commit = new CommitGroup();
            var data = job.Load(parse, context, parse.GetValue(input)!, commit);
            var (next, history) = months.Load(parse, context, job, commit);
            var result = ChurnJob.Train(new ChurnTrainingRequest(data)
            {
                DeclineThreshold = parse.GetValue(threshold),
                Algorithm = ModelAlgorithms.Parse(parse.GetValue(algorithm)!),
                DataMonth = job.Month(parse),
                Seed = parse.GetValue(seed),
                OutFile = Common.OutputFile.Optional(parse.GetValue(model)),
                NextMonth = next,
                History = history,
                AbsentIsChurn = !parse.GetValue(absentUnlabelled),
            }, context.Sink(parse), context.Cancel);
            commit.CommitAll();
            if (parse.GetValue(json)) context.Out.WriteLine(JsonOutput.Serialize(result));
            else TrainingSummary.Write(context.Out, result);
            return job.ExitCode;
        });
    }

    private static Command Evaluate(CliContext context)
    {
        var input = InputPath();
        var model = new Option<string?>("--model") { Description = "The churn model (default: the shipped customer_losing)." };
        var threshold = new Option<double?>("--threshold") { Description = "Decline that counts as churn (default: the model's)." };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON (the same object Test-ChurnModel returns)." };
        var months = new MonthOptions(withNextMonth: true);
        var job = new JobInput(Data.Schemas.BuiltInSchemas.CorporateChurn);
        var command = new Command("evaluate", "Evaluate a churn model on a month it did not learn from (a next-month model: with --next_month_path for the labels).") { input, model, threshold, json };
        months.AddTo(command);
        job.AddTo(command, dataMonth: true);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, [("--input_data_path", parse.GetValue(input), false), .. months.Paths(parse), ("--model", parse.GetValue(model), false)]);
            var trained = JobInput.LoadModel(parse.GetValue(model), ShippedModels.Churn, ChurnJob.Purpose);
            using var commit = new CommitGroup();
            var data = job.Load(parse, context, parse.GetValue(input)!, commit);
            var (next, history) = months.Load(parse, context, job, commit);
            var evaluation = ChurnJob.Evaluate(new ChurnEvaluationRequest(trained, data)
            {
                NextMonth = next, History = history, DeclineThreshold = parse.GetValue(threshold), DataMonth = job.Month(parse),
            }, context.Sink(parse), context.Cancel);
            commit.CommitAll();
            if (parse.GetValue(json)) context.Out.WriteLine(JsonOutput.Serialize(evaluation));
            else TrainingSummary.Write(context.Out, evaluation);
            return job.ExitCode;
        });
    }

    /// <summary>churn predict, or under <paramref name="name"/> the old delivery's customer_losing (see <see cref="LegacyCommands"/>).</summary>
    internal static Command Predict(CliContext context, string name = "predict")
    {
        var input = InputPath();
        var output = new Option<string>("--output_data_path") { Description = "Result file: one \"客户编号\" line per predicted churner.", Required = true };
        var model = new Option<string?>("--model") { Description = "The churn model (default: the shipped customer_losing)." };
        var scores = new Option<string?>("--scores_path") { Description = "Also write every scored customer as \"客户编号\",probability,assets at risk (probability × 金融资产月日均)." };
        var probability = new Option<double?>("--probability_threshold") { Description = "Flag customers at or above this probability (default: the model's threshold)." };
        var sortBy = new Option<string>("--sort_by") { Description = "Order of the lines: file (default), probability or assets_at_risk (highest first).", DefaultValueFactory = _ => "file" };
        sortBy.AcceptOnlyFromAmong("file", "probability", "assets_at_risk");
        var months = new MonthOptions(withNextMonth: false);
        var job = new JobInput(Data.Schemas.BuiltInSchemas.CorporateChurn);
        var results = new ResultOptions();
        var command = new Command(name, "Score a month with a churn model and write the warning list.") { input, output, model, scores, probability, sortBy };
        months.AddTo(command);
        job.AddTo(command, dataMonth: true);
        results.AddTo(command);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, [("--input_data_path", parse.GetValue(input), false), .. months.Paths(parse), ("--model", parse.GetValue(model), false),
                ("--output_data_path", parse.GetValue(output), true), ("--scores_path", parse.GetValue(scores), true)]);
            var trained = JobInput.LoadModel(parse.GetValue(model), ShippedModels.Churn, ChurnJob.Purpose);
            using var commit = new CommitGroup();
            var churners = commit.Add(results.Writer(parse, parse.GetValue(output)!));
            var scoreFile = parse.GetValue(scores) is { } s ? commit.Add(results.Writer(parse, s)) : null;
            var order = ChurnOrder.Parse(parse.GetValue(sortBy)!);
            int scored = 0;
            void Write(ChurnPrediction p)
            {
                if (p.IsChurn) churners.WriteLine(p.ToResultFields());
                scoreFile?.WriteLine(ResultField.FromText(p.CustomerId), ResultField.FromNumber(p.Probability, 6), p.AssetsAtRisk is { } risk ? ResultField.FromNumber(risk, 2) : ResultField.Null);
            }
            if (parse.GetValue(months.History)!.Length == 0)
            {
                // Streamed: a pass for the dates and the row checks, then each chunk scored and written
                // (in file order; another order holds the predictions until the end).
                var file = job.Open(parse, context, parse.GetValue(input)!, commit);
                scored = ChurnFilePrediction.Predict(new ChurnFileRequest(file.Path, file.Options, trained)
                {
                    IncludeAll = true,
                    Drivers = 0,
                    ProbabilityThreshold = parse.GetValue(probability),
                    DataMonth = job.Month(parse),
                    SortBy = order,
                    Checked = file.Checked,
                }, Write, context.Sink(parse), context.Cancel);
            }
            else
            {
                var data = job.Load(parse, context, parse.GetValue(input)!, commit);
                var (_, history) = months.Load(parse, context, job, commit);
                var request = new ChurnPredictionRequest(data, trained)
                {
                    IncludeAll = true,
                    Drivers = 0,
                    ProbabilityThreshold = parse.GetValue(probability),
                    DataMonth = job.Month(parse),
                    History = history,
                };
                foreach (var p in ChurnOrder.Sort(ChurnJob.Predict(request, context.Sink(parse), context.Cancel), order))
                {
                    scored++;
                    Write(p);
                }
            }
            commit.CommitAll();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scored {scored:N0} customers; {churners.LinesWritten:N0} predicted to churn, written to {churners.Path}{(scoreFile is null ? "" : $"; scores in {scoreFile.Path}")}"));
            return job.ExitCode;
        });
    }
}

/// <summary>
/// JSON as the runner prints it: the PowerShell objects' properties in JSON's camelCase (rocAuc,
/// liftTop10 — ConvertFrom-Json reads them under either case); NaN as "NaN".
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}

/// <summary>Human summaries of training and evaluation results.</summary>
internal static class TrainingSummary
{
    public static void Write(TextWriter output, ModelTrainingResult r)
    {
        output.WriteLine($"{r.Job} model ({r.Algorithm}) written to {r.Path}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"labelled rows:   {r.LabelledRows:N0} ({r.UnlabelledRows:N0} without a label), positive rate {r.PositiveRate:P1}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held out:        {r.HeldOutRows:N0} rows: ROC-AUC {r.RocAuc:F4}, PR-AUC {r.PrAuc:F4}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threshold:       {r.Threshold:F4} (max F1 {r.F1:F3}, precision {r.Precision:F3}, recall {r.Recall:F3})"));
        output.WriteLine($"model:           {r.Features} features, {r.Iterations} {(r.Algorithm == "gbdt" ? "trees" : "iterations")}; top: {r.TopFeatures}");
    }

    public static void Write(TextWriter output, ClassifierEvaluation e)
    {
        output.WriteLine($"{e.Job} model {e.Model} on {e.Data}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows:       {e.Rows:N0} labelled ({e.UnlabelledRows:N0} without a label), positive rate {e.PositiveRate:P1}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ROC-AUC:    {e.RocAuc:F4}   PR-AUC: {e.PrAuc:F4}   log-loss: {e.LogLoss:F4}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threshold:  {e.Threshold:F4}: precision {e.Precision:F3}, recall {e.Recall:F3}, F1 {e.F1:F3}, accuracy {e.Accuracy:F3}"));
        output.WriteLine($"confusion:  TP {e.TruePositives:N0}  FP {e.FalsePositives:N0}  TN {e.TrueNegatives:N0}  FN {e.FalseNegatives:N0}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lift:       top 5% {e.LiftTop5:F2}x, top 10% {e.LiftTop10:F2}x the overall churn rate"));
        if (e.Predicts is not null) output.WriteLine($"predicts:   {e.Predicts}");
        output.WriteLine("calibration by decile of the predictions (predicted → observed churn):");
        foreach (var band in e.Calibration)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {band.Lower:0.000}-{band.Upper:0.000}  {band.Count,7:N0} rows  {band.MeanPredicted,6:0.000} → {band.ObservedRate:0.000}"));
    }
}
