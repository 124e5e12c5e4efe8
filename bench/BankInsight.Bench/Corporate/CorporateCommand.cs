using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BankInsight.Bench.Measuring;
using BankInsight.Common;
using BankInsight.Data.Schemas;
using BankInsight.Synthetic;

namespace BankInsight.Bench.Corporate;

/// <summary>
/// <c>bankinsight-bench corporate --rows N</c>: corporate churn on N synthetic CorporateChurn rows
/// (generated first, not timed) — load, train (GBDT defaults, the churn job) and predict with three
/// drivers writing the warning list — each stage in its own child process, with seconds and peak
/// memory per stage, against PERFORMANCE.md's target (200,000 rows: train + predict under a minute).
/// Like the retail run, each repeat is cold (fresh processes, no warm-up), as a scheduler runs it.
/// </summary>
internal static class CorporateCommand
{
    public const double TargetSeconds = 60;

    /// <summary>
    /// The JSON object. Stage seconds are medians over the repeats (with the best beside them), peak
    /// memory the highest; totalSeconds = load + train + predict (the file loaded once);
    /// runnerSeconds adds the second load that two runner calls (churn train, churn predict) make.
    /// </summary>
    public sealed record Row(int Rows, double LoadSeconds, double LoadSecondsBest, double LoadPeakMemoryMb,
        double TrainSeconds, double TrainSecondsBest, double TrainPeakMemoryMb,
        double PredictSeconds, double PredictSecondsBest, double PredictPeakMemoryMb,
        double TotalSeconds, double TotalSecondsBest, double TotalSecondsMedian, double RunnerSeconds, double PeakMemoryMb,
        int Features, int Trees, double HeldOutRocAuc, long Flagged, int Drivers, int Repeats, double TargetSeconds,
        string LoadAverageStart, string LoadAverageEnd);

    public static Command Create(BenchContext context)
    {
        var rows = new Option<int>("--rows") { Description = "Synthetic corporate customers (default 200,000).", DefaultValueFactory = _ => 200_000 };
        var json = BenchContext.Json("{rows, loadSeconds, loadSecondsBest, loadPeakMemoryMb, trainSeconds, trainSecondsBest, trainPeakMemoryMb, predictSeconds, predictSecondsBest, predictPeakMemoryMb, totalSeconds, totalSecondsBest, totalSecondsMedian, runnerSeconds, peakMemoryMb, features, trees, heldOutRocAuc, flagged, drivers, repeats, targetSeconds} (stage seconds: medians)");
        var repeat = BenchContext.Repeat(1, "the whole run (load, train, predict), each stage in a fresh process");
        var folder = new Option<string?>("--work") { Description = "Folder for the generated file, the model and the results (default: a temporary folder, deleted afterwards)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated file (default 42).", DefaultValueFactory = _ => SyntheticDataRequest.DefaultSeed };
        var stage = new Option<string?>("--stage") { Description = "Internal: run this stage here on --work's file and print what it measured.", Hidden = true };
        var command = new Command("corporate", "Corporate churn train + predict with drivers on synthetic rows, with seconds and peak memory per stage.") { rows, json, repeat, folder, seed, stage };
        return command.WithAction(context, parse =>
        {
            int n = parse.GetValue(rows);
            if (parse.GetValue(stage) is { } one)
            {
                var paths = Paths(parse.GetValue(folder) ?? throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, "--stage needs --work.", null), n);
                var run = CorporateStages.Run(one, paths.File, paths.Model, paths.Output, context.Cancel);
                context.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(run, BenchJson.Compact));
                return BenchApp.Success;
            }
            if (n < 1) throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"--rows must be at least 1 (got {n}).", n);
            int repeats = BenchContext.RepeatCount(parse, repeat);
            bool asJson = parse.GetValue(json);
            string loadStart = LoadAverage.Read();
            if (!asJson) context.WriteLoad("start", loadStart);
            string work = parse.GetValue(folder) ?? Path.Combine(Path.GetTempPath(), "bankinsight-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(work);
            try
            {
                var (file, _, _) = Paths(work, n);
                var clock = Stopwatch.StartNew();
                SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest(BuiltInSchemas.CorporateChurn, n) { Seed = parse.GetValue(seed) }, file, NullSink.Instance, context.Cancel);
                if (!asJson)
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {n:N0} CorporateChurn rows ({new FileInfo(file).Length / 1048576.0:N1} MB) in {clock.Elapsed.TotalSeconds:F1} s (not timed below)"));
                var runs = new List<(StageRun Load, StageRun Train, StageRun Predict)>();
                for (int r = 0; r < repeats; r++)
                    runs.Add((Child(CorporateStages.Load, work, n), Child(CorporateStages.Train, work, n), Child(CorporateStages.Predict, work, n)));
                var row = Summarise(n, runs, repeats, loadStart, LoadAverage.Read());
                if (asJson) context.Out.WriteLine(BenchJson.Serialize(row));
                else Write(context, row);
                return BenchApp.Success;
            }
            finally
            {
                if (parse.GetValue(folder) is null) Directory.Delete(work, recursive: true);
            }
        });
    }

    private static (string File, string Model, string Output) Paths(string work, int rows) =>
        (Path.Combine(work, $"corporate_{rows}.del"), Path.Combine(work, $"churn_{rows}.model"), Path.Combine(work, $"customer_losing_{rows}.txt"));

    private static StageRun Child(string stage, string work, int rows) =>
        BenchJson.Deserialize<StageRun>(ChildProcess.Run("corporate", "--stage", stage, "--work", work, "--rows", rows.ToString(CultureInfo.InvariantCulture)));

    private static Row Summarise(int rows, List<(StageRun Load, StageRun Train, StageRun Predict)> runs, int repeats, string loadStart, string loadEnd)
    {
        Timing T(Func<(StageRun Load, StageRun Train, StageRun Predict), double> pick) => Timing.Of(runs.Select(pick).ToArray());
        var load = T(r => r.Load.Seconds);
        var train = T(r => r.Train.Seconds);
        var predict = T(r => r.Predict.Seconds);
        var total = T(r => r.Load.Seconds + r.Train.Seconds + r.Predict.Seconds);
        var runner = T(r => r.Train.LoadSeconds + r.Train.Seconds + r.Predict.LoadSeconds + r.Predict.Seconds);
        var last = runs[^1];
        double loadPeak = runs.Max(r => r.Load.PeakMemoryMb), trainPeak = runs.Max(r => r.Train.PeakMemoryMb), predictPeak = runs.Max(r => r.Predict.PeakMemoryMb);
        return new Row(rows, load.Median, load.Best, loadPeak, train.Median, train.Best, trainPeak, predict.Median, predict.Best, predictPeak,
            total.Median, total.Best, total.Median, runner.Median, Math.Max(loadPeak, Math.Max(trainPeak, predictPeak)),
            last.Train.Features, last.Train.Trees, last.Train.HeldOutRocAuc, last.Predict.Flagged, CorporateStages.Drivers, repeats, TargetSeconds, loadStart, loadEnd);
    }

    private static void Write(BenchContext context, Row r)
    {
        var o = context.Out;
        o.WriteLine($"seconds: {(r.Repeats == 1 ? "one run" : $"median of {r.Repeats} runs (best in brackets)")}; each stage in a fresh process (no warm-up: as a scheduler starts it); peak MB: the stage's process");
        o.WriteLine($"{"stage",-28} {"seconds",8} {"(best)",9} {"peak MB",8}");
        void Line(string stage, double seconds, double best, double peak, string note) =>
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-28} {seconds,8:F2} {$"({best:F2})",9} {peak,8:N0}   {note}"));
        Line("load", r.LoadSeconds, r.LoadSecondsBest, r.LoadPeakMemoryMb, string.Create(CultureInfo.InvariantCulture, $"{r.Rows:N0} rows"));
        Line("train (GBDT defaults)", r.TrainSeconds, r.TrainSecondsBest, r.TrainPeakMemoryMb,
            string.Create(CultureInfo.InvariantCulture, $"{r.Features} features, {r.Trees} trees, held-out ROC-AUC {r.HeldOutRocAuc:F4}; model written (peak includes the loaded data)"));
        Line($"predict + {r.Drivers} drivers", r.PredictSeconds, r.PredictSecondsBest, r.PredictPeakMemoryMb,
            string.Create(CultureInfo.InvariantCulture, $"{r.Rows:N0} scored, {r.Flagged:N0} flagged and written with drivers (peak includes the loaded data)"));
        Line("total (load once)", r.TotalSeconds, r.TotalSecondsBest, r.PeakMemoryMb,
            string.Create(CultureInfo.InvariantCulture, $"target for 200,000 rows: train + predict < {TargetSeconds:F0} s (PERFORMANCE.md): {(r.TotalSeconds < TargetSeconds ? "met" : "NOT met")}{(r.Rows == 200_000 ? "" : " — this run has another size")}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"as two runner calls (churn train, then churn predict, each loading the file): {r.RunnerSeconds:F2} s"));
        context.WriteLoad("end", r.LoadAverageEnd);
    }
}
