using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BankInsight.Bench.Measuring;
using BankInsight.Clustering;
using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Retail;
using BankInsight.ResultFiles;
using BankInsight.Rules;
using BankInsight.Synthetic;

namespace BankInsight.Bench.Retail;

/// <summary>
/// <c>bankinsight-bench retail --rows N</c>: the whole retail run on N synthetic Retail customers
/// (134 columns) — load → segment (k-means, k = 6, 10 initialisations) → per-segment rules →
/// recommendations → product mining (deposit and insurance, propensity) — with the time of each
/// stage and the peak memory, against PERFORMANCE.md's target (1,000,000 rows: under 2 minutes,
/// under 4 GB). Also mines the customers' 8-product holdings at support 0.01 beside mlxtend's
/// time on its synthetic 1,000,000 × 8. The file is generated first (not timed); each run happens
/// in a fresh child process, so its peak memory is its own and it runs as a scheduler starts it
/// (no warm-up); with <c>--repeat N</c> it runs N times.
/// </summary>
internal static class RetailCommand
{
    /// <summary>One run, as a child process measures it.</summary>
    public sealed record Run(int Rows, double LoadSeconds, double SegmentSeconds, double RulesSeconds, double RecommendSeconds, double ProductMiningSeconds,
        double TotalSeconds, double PeakMemoryMb, int Segments, int Rules, long Recommendations, long Opportunities,
        int HoldingItemsets, int HoldingRules, double HoldingMiningSeconds);

    /// <summary>The JSON object: today's fields (stage seconds are medians over the repeats; peak memory the highest), then the new ones.</summary>
    public sealed record Row(int Rows, double LoadSeconds, double SegmentSeconds, double RulesSeconds, double RecommendSeconds, double ProductMiningSeconds,
        double TotalSeconds, double PeakMemoryMb, int Segments, int Rules, long Recommendations, long Opportunities,
        int HoldingItemsets, int HoldingRules, double HoldingMiningSeconds,
        double TotalSecondsBest, double TotalSecondsMedian, int Repeats, string LoadAverageStart, string LoadAverageEnd);

    public static Command Create(BenchContext context)
    {
        var rows = new Option<int>("--rows") { Description = "Synthetic customers (default 1,000,000).", DefaultValueFactory = _ => 1_000_000 };
        var json = BenchContext.Json("{rows, loadSeconds, segmentSeconds, rulesSeconds, recommendSeconds, productMiningSeconds, totalSeconds (medians), peakMemoryMb (highest), segments, rules, recommendations, opportunities, holdingItemsets, holdingRules, holdingMiningSeconds, totalSecondsBest, totalSecondsMedian, repeats}");
        var repeat = BenchContext.Repeat(1, "the whole run, each in a fresh process (it takes minutes at full size)");
        var folder = new Option<string?>("--work") { Description = "Folder for the generated file and the results (default: a temporary folder, deleted afterwards)." };
        var one = new Option<string?>("--one") { Description = "Internal: run the measured part on this file.", Hidden = true };
        var loaded = new Option<bool>("--loaded") { Description = "Load the whole file first, as the jobs did before they streamed (to compare time, memory and results)." };
        var command = new Command("retail", "The whole retail run on synthetic customers, with time per stage and peak memory.") { rows, json, repeat, folder, one, loaded };
        return command.WithAction(context, parse =>
        {
            if (parse.GetValue(one) is { } file)
            {
                var run = parse.GetValue(loaded) ? MeasureLoaded(file, context.Cancel) : Measure(file, context.Cancel);
                context.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(run, BenchJson.Compact));
                return BenchApp.Success;
            }
            int n = parse.GetValue(rows);
            int repeats = BenchContext.RepeatCount(parse, repeat);
            bool asJson = parse.GetValue(json);
            string loadStart = LoadAverage.Read();
            if (!asJson) context.WriteLoad("start", loadStart);
            string work = parse.GetValue(folder) ?? Path.Combine(Path.GetTempPath(), "bankinsight-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(work);
            try
            {
                string path = Path.Combine(work, $"retail_{n}.del");
                var clock = Stopwatch.StartNew();
                bool existed = File.Exists(path); // kept with --work: the same customers for a second run (say, --loaded)
                if (!existed)
                    SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest(BuiltInSchemas.Retail, n), path, NullSink.Instance, context.Cancel);
                if (!asJson)
                {
                    double mb = new FileInfo(path).Length / 1048576.0;
                    context.Out.WriteLine(existed
                        ? string.Create(CultureInfo.InvariantCulture, $"{n:N0} Retail customers already generated in {path} ({mb:N0} MB)")
                        : string.Create(CultureInfo.InvariantCulture, $"generated {n:N0} Retail customers ({mb:N0} MB) in {clock.Elapsed.TotalSeconds:F1} s (not timed below)"));
                }
                var runs = Enumerable.Range(0, repeats).Select(_ => BenchJson.Deserialize<Run>(ChildProcess.Run(parse.GetValue(loaded) ? ["retail", "--one", path, "--loaded"] : ["retail", "--one", path]))).ToList();
                double Median(Func<Run, double> stage) => Timing.Of(runs.Select(stage).ToArray()).Median;
                var total = Timing.Of(runs.Select(r => r.TotalSeconds).ToArray());
                var last = runs[^1];
                var row = new Row(last.Rows, Median(r => r.LoadSeconds), Median(r => r.SegmentSeconds), Median(r => r.RulesSeconds), Median(r => r.RecommendSeconds),
                    Median(r => r.ProductMiningSeconds), total.Median, runs.Max(r => r.PeakMemoryMb), last.Segments, last.Rules, last.Recommendations, last.Opportunities,
                    last.HoldingItemsets, last.HoldingRules, Median(r => r.HoldingMiningSeconds), total.Best, total.Median, repeats, loadStart, LoadAverage.Read());
                if (asJson)
                {
                    context.Out.WriteLine(BenchJson.Serialize(row));
                    return BenchApp.Success;
                }
                var o = context.Out;
                string of = repeats == 1 ? "one run" : $"median of {repeats} runs";
                o.WriteLine($"seconds: {of}, each in a fresh process (no warm-up: as a scheduler starts it)");
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load                 {row.LoadSeconds,7:F1} s   {row.Rows:N0} rows × 134 columns"));
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"segment              {row.SegmentSeconds,7:F1} s   k-means, {row.Segments} segments, 10 initialisations"));
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per-segment rules    {row.RulesSeconds,7:F1} s   {row.Rules} rules (support 0.1, confidence 0.3, lift 1.0)"));
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recommend            {row.RecommendSeconds,7:F1} s   {row.Recommendations:N0} recommendations written"));
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"product mining       {row.ProductMiningSeconds,7:F1} s   {row.Opportunities:N0} deposit/insurance opportunities written"));
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total                {row.TotalSeconds,7:F1} s   (best {row.TotalSecondsBest:F1} s)   peak {row.PeakMemoryMb:N0} MB   (target for 1,000,000 rows: < 120 s, < 4,096 MB)"));
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"holdings at support 0.01: {row.HoldingItemsets} itemsets, {row.HoldingRules} rules (confidence ≥ 0.3) in {row.HoldingMiningSeconds:F3} s; mlxtend on its own 1,000,000 × 8: 0.68 s ({0.68 / row.HoldingMiningSeconds:F0}x)"));
                context.WriteLoad("end", row.LoadAverageEnd);
                return BenchApp.Success;
            }
            finally
            {
                if (parse.GetValue(folder) is null) Directory.Delete(work, recursive: true);
            }
        });
    }

    /// <summary>The run as the jobs stream it (<see cref="RetailFile"/>): the file is never loaded whole.</summary>
    private static Run Measure(string path, CancellationToken cancel)
    {
        var sink = NullSink.Instance;
        string folder = Path.GetDirectoryName(path)!;
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        double load = 0;
        var file = new RetailFile(path, new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.Retail))) { Checked = _ => load = Lap(clock) };
        var (trained, customers) = SegmentationJob.TrainFile(new SegmentationRequest(file) { ClusterCount = 6, KMeans = new KMeansOptions { Seed = 42 } }, file, sink, cancel);
        var segmentation = trained.Model!;
        double segment = Lap(clock);

        var rules = CrossSellJob.Rules(customers, new RuleMiningSettings(), perCluster: true, segmentation.ClusterCount, sink, cancel);
        double mining = Lap(clock);

        long recommendations;
        using (var output = new BankResultWriter(Path.Combine(folder, "cross_selling.txt")))
        {
            foreach (var r in CrossSellJob.RecommendInFile(new CrossSellRecommendationRequest(file) { Rules = rules, Model = segmentation }, file, customers, sink, cancel))
                output.WriteLine(r.ToResultFields());
            output.Commit();
            recommendations = output.LinesWritten;
        }
        double recommend = Lap(clock);

        long opportunities;
        using (var output = new BankResultWriter(Path.Combine(folder, "product_mining.txt")))
        {
            foreach (var o in ProductOpportunityJob.FindInFile(new ProductOpportunityRequest(file), file, customers, sink, cancel))
                output.WriteLine(o.ToResultFields());
            output.Commit();
            opportunities = output.LinesWritten;
        }
        double productMining = Lap(clock);
        double totalSeconds = total.Elapsed.TotalSeconds;

        var holdings = customers.Holdings.ToTransactions();
        clock.Restart();
        var itemsets = FrequentItemsets.Mine(holdings, 0.01, MiningAlgorithm.FPGrowth, 0, cancel);
        var holdingRules = RuleGenerator.Generate(itemsets, holdings.Count, new RuleFilter(MinConfidence: 0.3), cancel);
        double holdingSeconds = clock.Elapsed.TotalSeconds;

        return new Run(customers.Count, load, segment, mining, recommend, productMining, totalSeconds, ChildProcess.PeakMemoryMb(),
            segmentation.ClusterCount, rules.Count, recommendations, opportunities, itemsets.Count, holdingRules.Count, holdingSeconds);
    }

    /// <summary>The run as it was before the jobs streamed: the whole file loaded (<c>--loaded</c>, to compare time, memory and results).</summary>
    private static Run MeasureLoaded(string path, CancellationToken cancel)
    {
        var sink = NullSink.Instance;
        string folder = Path.GetDirectoryName(path)!;
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var data = CustomerDataLoader.Load(path, new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.Retail)), sink, cancel);
        double load = Lap(clock);

        var segmentation = SegmentationJob.Train(new SegmentationRequest(data) { ClusterCount = 6, KMeans = new KMeansOptions { Seed = 42 } }, sink, cancel).Model;
        double segment = Lap(clock);

        var rules = CrossSellJob.Rules(new CrossSellRuleRequest(data) { PerCluster = true, Model = segmentation }, sink, cancel);
        double mining = Lap(clock);

        long recommendations;
        using (var file = new BankResultWriter(Path.Combine(folder, "cross_selling.txt")))
        {
            foreach (var r in CrossSellJob.Recommend(new CrossSellRecommendationRequest(data) { Rules = rules, Model = segmentation }, sink, cancel))
                file.WriteLine(r.ToResultFields());
            file.Commit();
            recommendations = file.LinesWritten;
        }
        double recommend = Lap(clock);

        long opportunities;
        using (var file = new BankResultWriter(Path.Combine(folder, "product_mining.txt")))
        {
            foreach (var o in ProductOpportunityJob.Find(new ProductOpportunityRequest(data), sink, cancel))
                file.WriteLine(o.ToResultFields());
            file.Commit();
            opportunities = file.LinesWritten;
        }
        double productMining = Lap(clock);
        double totalSeconds = total.Elapsed.TotalSeconds;

        // Beside PERFORMANCE.md's "synthetic 1,000,000 customers × 8 products" row (not part of the run's total).
        var holdings = ProductHoldings.FromData(data, sink).ToTransactions();
        clock.Restart();
        var itemsets = FrequentItemsets.Mine(holdings, 0.01, MiningAlgorithm.FPGrowth, 0, cancel);
        var holdingRules = RuleGenerator.Generate(itemsets, holdings.Count, new RuleFilter(MinConfidence: 0.3), cancel);
        double holdingSeconds = clock.Elapsed.TotalSeconds;

        return new Run(data.RowCount, load, segment, mining, recommend, productMining, totalSeconds, ChildProcess.PeakMemoryMb(),
            segmentation.ClusterCount, rules.Count, recommendations, opportunities, itemsets.Count, holdingRules.Count, holdingSeconds);
    }

    private static double Lap(Stopwatch clock)
    {
        if (Environment.GetEnvironmentVariable("BANKINSIGHT_BENCH_TRACE") is not null)
            Console.Error.WriteLine($"lap {clock.Elapsed.TotalSeconds:F1} s, peak {ChildProcess.PeakMemoryMb():F0} MB, heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB");
        double seconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return seconds;
    }
}
