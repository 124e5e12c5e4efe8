using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BankInsight.Common;
using BankInsight.Learners;
using BankInsight.Metrics;

namespace BankInsight.Cli.Bench;

/// <summary>
/// <c>bankinsight bench learners</c>: 5-fold stratified cross-validation (shuffled, seed 42) of
/// our gradient-boosted trees and logistic regression on the public data sets, beside the peer
/// figures of PERFORMANCE.md. A benchmark, not a test: times depend on the machine's load.
/// </summary>
internal static class BenchLearnersCommand
{
    public const int Folds = 5;
    public const int Seed = 42;

    /// <summary>Settings of the linear model in the benchmark: scikit-learn's peer used C = 100 on scaled, one-hot data.</summary>
    public static readonly LogisticRegressionOptions LogisticSettings = new() { C = 100 };

    public sealed record Row(string Dataset, string Model, double RocAuc, double PrAuc, double FitSeconds, double PredictSeconds,
        double PeerRocAuc, string PeerModel, double PeerFitSeconds);

    public static Command Create(CliContext context)
    {
        var datasets = new Option<string>("--datasets") { Description = "Folder of the public data sets.", DefaultValueFactory = _ => Path.Combine("..", "shared", "datasets") };
        var json = new Option<bool>("--json") { Description = "Print rows as JSON: {dataset, model, rocAuc, prAuc, fitSeconds, predictSeconds}." };
        var only = new Option<string?>("--only") { Description = "Run one data set (bank-full, churn-modelling, bankchurners)." };
        var command = new Command("learners", "Cross-validate our learners on the public data sets beside the peer figures.") { datasets, json, only };
        return command.WithAction(context, parse =>
        {
            var rows = new List<Row>();
            foreach (var definition in LearnerDatasets.All)
            {
                if (parse.GetValue(only) is { } name && name != definition.Name) continue;
                var (features, labels, _) = LearnerDatasets.Load(definition, parse.GetValue(datasets)!, NullSink.Instance);
                var peer = definition.Peer;
                foreach (IBinaryTrainer trainer in new IBinaryTrainer[] { new GbdtTrainer(), new LogisticRegressionTrainer(LogisticSettings) })
                {
                    var folds = CrossValidation.Run(trainer, features, labels, Folds, Seed, context.Sink(parse), cancellationToken: context.Cancel);
                    bool trees = trainer.Kind == "gbdt";
                    rows.Add(new Row(definition.Name, trainer.Kind,
                        folds.Average(f => f.Evaluation.RocAuc), folds.Average(f => f.Evaluation.PrAuc),
                        folds.Average(f => f.FitSeconds), folds.Average(f => f.PredictSeconds),
                        trees ? peer.BestRocAuc : peer.LogisticRocAuc,
                        trees ? peer.BestModel : "LogisticRegression",
                        trees ? Math.Min(peer.XgboostFit, peer.HistGbFit) : peer.LogisticFit));
                    if (!parse.GetValue(json)) WriteRow(context.Out, rows[^1], rows.Count == 1);
                }
            }
            if (parse.GetValue(json))
            {
                var payload = rows.Select(r => new { dataset = r.Dataset, model = r.Model, rocAuc = r.RocAuc, prAuc = r.PrAuc, fitSeconds = r.FitSeconds, predictSeconds = r.PredictSeconds });
                context.Out.WriteLine(JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true }));
            }
            return ExitCodes.Success;
        });
    }

    private static void WriteRow(TextWriter output, Row r, bool header)
    {
        if (header)
        {
            output.WriteLine($"5-fold stratified CV (shuffled, seed {Seed}); peer = best peer ROC-AUC (PERFORMANCE.md) and the faster of XGBoost/HistGradientBoosting fit time");
            output.WriteLine($"{"dataset",-16} {"model",-9} {"ROC-AUC",8} {"PR-AUC",7} {"fit s",7} {"pred s",7} | {"peer AUC",8} {"ΔAUC",7} {"peer fit",8} {"fit ratio",9}");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Dataset,-16} {r.Model,-9} {r.RocAuc,8:F4} {r.PrAuc,7:F3} {r.FitSeconds,7:F3} {r.PredictSeconds,7:F3} | {r.PeerRocAuc,8:F4} {r.RocAuc - r.PeerRocAuc,7:+0.0000;-0.0000} {r.PeerFitSeconds,8:F2} {r.FitSeconds / r.PeerFitSeconds,9:F2}"));
    }
}
