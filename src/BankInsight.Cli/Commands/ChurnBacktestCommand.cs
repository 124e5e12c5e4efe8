using System.CommandLine;
using System.Globalization;
using BankInsight.Common;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;

namespace BankInsight.Cli;

/// <summary><c>bankinsight churn backtest --months m1.del m2.del m3.del …</c>: next-month churn, month after month.</summary>
internal static class ChurnBacktestCommand
{
    public static Command Create(CliContext context)
    {
        var months = new Option<string[]>("--months") { Description = "Three or more consecutive monthly files, oldest first.", Required = true, AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<double>("--threshold") { Description = "Decline that counts as churn (default 0.5).", DefaultValueFactory = _ => ChurnLabels.DefaultDeclineThreshold };
        var algorithm = new Option<string>("--algorithm") { Description = "gbdt (default) or logistic.", DefaultValueFactory = _ => "gbdt" };
        algorithm.AcceptOnlyFromAmong("gbdt", "logistic");
        var seed = new Option<int>("--seed") { Description = "Seed (default 42).", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print the rows as a JSON array (the objects Invoke-ChurnBacktest emits, camelCase)." };
        var job = new JobInput(Data.Schemas.BuiltInSchemas.CorporateChurn);
        var command = new Command("backtest", "Train a next-month model on each pair of consecutive months and check it on the next pair: one row per month.") { months, threshold, algorithm, seed, json };
        job.AddTo(command);
        return command.WithAction(context, parse =>
        {
            var paths = parse.GetValue(months)!;
            job.CheckPaths(parse, [.. paths.Select(p => ("--months", (string?)p, false))]);
            using var commit = new CommitGroup();
            var data = paths.Select((p, i) => job.Load(parse, context, p, commit, withRejectPath: i == 0)).ToList();
            var rows = ChurnBacktest.Run(new ChurnBacktestRequest(data)
            {
                DeclineThreshold = parse.GetValue(threshold),
                Algorithm = ModelAlgorithms.Parse(parse.GetValue(algorithm)!),
                Seed = parse.GetValue(seed),
            }, context.Sink(parse), context.Cancel).ToList();
            commit.CommitAll();
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Serialize(rows));
                return job.ExitCode;
            }
            context.Out.WriteLine($"{"trained on",-10} {"tested on",-10} {"rows",8} {"churn",7} {"ROC-AUC",8} {"PR-AUC",7} {"precision",9} {"recall",7} {"lift@10%",8}");
            foreach (var r in rows)
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.TrainedOn,-10} {r.TestedOn,-10} {r.Rows,8:N0} {r.PositiveRate,7:P1} {r.RocAuc,8:F4} {r.PrAuc,7:F4} {r.Precision,9:F3} {r.Recall,7:F3} {r.LiftTop10,8:F2}"));
            return job.ExitCode;
        });
    }
}
