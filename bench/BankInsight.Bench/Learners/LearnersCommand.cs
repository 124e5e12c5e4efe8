using System.CommandLine;
using System.Globalization;
using BankInsight.Bench.Measuring;
using BankInsight.Common;

namespace BankInsight.Bench.Learners;

/// <summary>
/// <c>bankinsight-bench learners</c>: our GBDT and logistic regression beside Microsoft.ML 5.0.1's
/// LightGbm (defaults; 300 trees with early stopping), FastTree and L-BFGS logistic regression, in
/// one process and one window, on the public data sets (see <see cref="LearnerComparison"/>), with
/// PERFORMANCE.md's Python figures under each table as a fixed reference.
/// </summary>
internal static class LearnersCommand
{
    /// <summary>A JSON row: today's fields first (fitSeconds and predictSeconds are now medians), then the new ones.</summary>
    public sealed record Row(string Dataset, string Model, double RocAuc, double PrAuc, double FitSeconds, double PredictSeconds,
        string Library, string Learner, double FitSecondsBest, double FitSecondsMedian, double PredictSecondsBest, double PredictSecondsMedian,
        int Repeats, int Folds, int[] FoldRows, int[] FoldPositives, double[] FoldRocAuc, string LoadAverageStart, string LoadAverageEnd);

    public static Command Create(BenchContext context)
    {
        var datasets = BenchContext.Datasets();
        var json = BenchContext.Json("{dataset, model, rocAuc, prAuc, fitSeconds, predictSeconds (medians per fold), library, learner, fitSecondsBest, fitSecondsMedian, predictSecondsBest, predictSecondsMedian, repeats, folds, foldRows, foldPositives, foldRocAuc}");
        var only = new Option<string?>("--only") { Description = "Run one data set (bank-full, churn-modelling, bankchurners)." };
        var repeat = BenchContext.Repeat(Repeats.Default, "each learner's 5-fold cross-validation, after a warm-up fit on the first fold");
        var command = new Command("learners", "Cross-validate our learners beside Microsoft.ML's on the public data sets, one table per data set.") { datasets, json, only, repeat };
        return command.WithAction(context, parse =>
        {
            int repeats = BenchContext.RepeatCount(parse, repeat);
            bool asJson = parse.GetValue(json);
            string folder = parse.GetValue(datasets)!;
            string loadStart = LoadAverage.Read();
            if (!asJson) context.WriteLoad("start", loadStart);
            var results = new List<(string Dataset, LearnerResult Result)>();
            foreach (var definition in LearnerDatasets.All)
            {
                if (parse.GetValue(only) is { } name && name != definition.Name) continue;
                string path = LearnerDatasets.PathOf(definition, folder);
                if (!File.Exists(path))
                {
                    context.Error.WriteLine($"bankinsight-bench: skipped {definition.Name}: {path} does not exist (--datasets names the folder).");
                    continue;
                }
                var (features, labels, _) = LearnerDatasets.Load(definition, folder, NullSink.Instance);
                var splits = LearnerComparison.Splits(features, labels);
                if (!asJson) WriteHeader(context.Out, definition.Name, features.RowCount, labels.Count(y => y), features.FeatureCount, repeats);
                var ours = new Dictionary<LearnerFamily, LearnerResult>();
                foreach (var learner in LearnerComparison.All())
                {
                    var result = LearnerComparison.Measure(learner, splits, repeats, context.Cancel);
                    if (learner.Library == "BankInsight") ours[learner.Family] = result;
                    results.Add((definition.Name, result));
                    if (!asJson) WriteRow(context.Out, result, ours.GetValueOrDefault(learner.Family));
                }
                if (!asJson) WriteReference(context.Out, definition.Peer);
            }
            string loadEnd = LoadAverage.Read();
            if (results.Count == 0)
            {
                context.Error.WriteLine($"bankinsight-bench: no data set to run: none of them is under {folder}.");
                return BenchApp.UnusableInput;
            }
            if (asJson)
                context.Out.WriteLine(BenchJson.Serialize(results.Select(r => ToRow(r.Dataset, r.Result, repeats, loadStart, loadEnd))));
            else
                context.WriteLoad("end", loadEnd);
            return BenchApp.Success;
        });
    }

    internal static Row ToRow(string dataset, LearnerResult r, int repeats, string loadStart, string loadEnd) =>
        new(dataset, r.Learner.Model, r.RocAuc, r.PrAuc, r.Fit.Median, r.Predict.Median,
            r.Learner.Library, r.Learner.Label, r.Fit.Best, r.Fit.Median, r.Predict.Best, r.Predict.Median,
            repeats, r.FoldRows.Length, r.FoldRows, r.FoldPositives, r.FoldRocAuc, loadStart, loadEnd);

    private static void WriteHeader(TextWriter o, string dataset, int rows, int positives, int features, int repeats)
    {
        o.WriteLine();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{dataset}: {rows:N0} rows ({100.0 * positives / rows:F1}% positive), {features} features; {LearnerComparison.Folds} stratified folds (shuffled, seed {LearnerComparison.Seed}), the same for every learner"));
        o.WriteLine($"seconds per fold: median of {repeats} after a warm-up (best in brackets); AUCs by our metrics code on each learner's probabilities");
        o.WriteLine($"{"learner",-44} {"ROC-AUC",8} {"PR-AUC",7} {"fit s",8} {"(best)",8} {"predict s",9} {"(best)",8} {"fit ÷ ours",10}");
    }

    private static void WriteRow(TextWriter o, LearnerResult r, LearnerResult? ours)
    {
        string ratio = ours is null || ReferenceEquals(ours, r) ? "" : (r.Fit.Median / ours.Fit.Median).ToString("F2", CultureInfo.InvariantCulture) + "×";
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Learner.Label,-44} {r.RocAuc,8:F4} {r.PrAuc,7:F3} {r.Fit.Median,8:F3} {$"({r.Fit.Best:F3})",8} {r.Predict.Median,9:F4} {$"({r.Predict.Best:F4})",8} {ratio,10}"));
    }

    private static void WriteReference(TextWriter o, LearnerDatasets.Peer p) =>
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Python reference, fixed (PERFORMANCE.md): best ROC-AUC {p.BestRocAuc:F4} ({p.BestModel}); fit s/fold HistGradientBoosting {p.HistGbFit:F2}, XGBoost {p.XgboostFit:F2}; logistic (liblinear) {p.LogisticRocAuc:F4}, fit {p.LogisticFit:F2}"));
}
