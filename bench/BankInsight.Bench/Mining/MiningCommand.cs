using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BankInsight.Bench.Measuring;
using BankInsight.Rules;

namespace BankInsight.Bench.Mining;

/// <summary>
/// <c>bankinsight-bench mining</c>: FP-Growth and Apriori on the public itemset data at the
/// supports of PERFORMANCE.md, rules at confidence ≥ 0.30, beside mlxtend's counts and best times
/// (fixed reference). Each case runs in a child process so its peak memory is its own; there it
/// is mined once as a warm-up and then <c>--repeat</c> times; mining time excludes loading, as the
/// peer figures do.
/// </summary>
internal static class MiningCommand
{
    public sealed record Case(string Dataset, string File, char Separator, double MinSupport, int PeerItemsets, int PeerRules, double PeerSeconds);

    // PERFORMANCE.md, "Frequent itemsets": mlxtend 0.25.0's best of apriori / apriori(low_memory) / fpgrowth.
    public static readonly Case[] Cases =
    [
        new("groceries", "groceries/groceries.csv", ',', 0.01, 333, 125, 0.21),
        new("groceries", "groceries/groceries.csv", ',', 0.005, 1001, 487, 0.27),
        new("retail", "fimi/retail.dat", ' ', 0.01, 159, 150, 2.0),
        new("retail", "fimi/retail.dat", ' ', 0.005, 580, 529, 2.2),
        new("retail", "fimi/retail.dat", ' ', 0.002, 2691, 2493, 4.8),
        new("T10I4D100K", "fimi/T10I4D100K.dat", ' ', 0.01, 385, 13, 0.64),
        new("T10I4D100K", "fimi/T10I4D100K.dat", ' ', 0.005, 1073, 1391, 1.4),
        new("T10I4D100K", "fimi/T10I4D100K.dat", ' ', 0.002, 13255, 185891, 6.8),
    ];

    public const double MinConfidence = 0.3;

    /// <summary>A JSON row: today's fields first (seconds is now the median), then the new ones.</summary>
    public sealed record Row(string Dataset, string Algorithm, double MinSupport, int Itemsets, int Rules, double Seconds, double PeakMemoryMb,
        double SecondsBest, double SecondsMedian, int Repeats, string LoadAverageStart = "", string LoadAverageEnd = "");

    public static Command Create(BenchContext context)
    {
        var datasets = BenchContext.Datasets();
        var json = BenchContext.Json("{dataset, algorithm, minSupport, itemsets, rules, seconds (median), peakMemoryMb, secondsBest, secondsMedian, repeats}");
        var repeat = BenchContext.Repeat(Repeats.Default, "each case, after a warm-up run, in the case's own process");
        var one = new Option<string?>("--one") { Description = "Internal: run one case (index:algorithm) here and print its row.", Hidden = true };
        var command = new Command("mining", "FP-Growth and Apriori on the public itemset data beside mlxtend's figures, best and median of --repeat runs.") { datasets, json, repeat, one };
        return command.WithAction(context, parse =>
        {
            string folder = parse.GetValue(datasets)!;
            int repeats = BenchContext.RepeatCount(parse, repeat);
            if (parse.GetValue(one) is { } spec)
            {
                var parts = spec.Split(':');
                var row = RunCase(Cases[int.Parse(parts[0], CultureInfo.InvariantCulture)], Enum.Parse<MiningAlgorithm>(parts[1]), folder, repeats, context.Cancel);
                context.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(row, BenchJson.Compact));
                return BenchApp.Success;
            }
            bool asJson = parse.GetValue(json);
            string loadStart = LoadAverage.Read();
            if (!asJson)
            {
                context.WriteLoad("start", loadStart);
                context.Out.WriteLine($"rules at confidence ≥ {MinConfidence}; mining time excludes loading; seconds: median of {repeats} after a warm-up (best in brackets); each case in its own process; peer = mlxtend 0.25.0 best time (PERFORMANCE.md, fixed)");
                context.Out.WriteLine($"{"dataset",-11} {"support",7} {"algorithm",-9} {"itemsets",8} {"rules",7} {"seconds",8} {"(best)",9} {"peak MB",8} | {"peer sets",9} {"peer rules",10} {"peer s",6} {"speed-up",8}");
            }
            var rows = new List<Row>();
            var missing = new HashSet<string>();
            for (int i = 0; i < Cases.Length; i++)
            {
                var c = Cases[i];
                string path = Path.Combine(folder, c.File);
                if (!File.Exists(path))
                {
                    if (missing.Add(path)) context.Error.WriteLine($"bankinsight-bench: skipped {c.Dataset}: {path} does not exist (--datasets names the folder).");
                    continue;
                }
                foreach (var algorithm in new[] { MiningAlgorithm.FPGrowth, MiningAlgorithm.Apriori })
                {
                    var row = RunChild(i, algorithm, folder, repeats);
                    rows.Add(row);
                    if (!asJson)
                        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{row.Dataset,-11} {row.MinSupport,7} {row.Algorithm,-9} {row.Itemsets,8} {row.Rules,7} {row.Seconds,8:F3} {$"({row.SecondsBest:F3})",9} {row.PeakMemoryMb,8:F0} | {c.PeerItemsets,9} {c.PeerRules,10} {c.PeerSeconds,6:F2} {c.PeerSeconds / row.Seconds,7:F1}x{(row.Itemsets == c.PeerItemsets && row.Rules == c.PeerRules ? "" : "  COUNTS DIFFER")}"));
                }
            }
            string loadEnd = LoadAverage.Read();
            if (rows.Count == 0)
            {
                context.Error.WriteLine($"bankinsight-bench: no itemset data to run: none of it is under {folder}.");
                return BenchApp.UnusableInput;
            }
            if (asJson) context.Out.WriteLine(BenchJson.Serialize(rows.Select(r => r with { LoadAverageStart = loadStart, LoadAverageEnd = loadEnd })));
            else context.WriteLoad("end", loadEnd);
            return BenchApp.Success;
        });
    }

    private static Row RunChild(int index, MiningAlgorithm algorithm, string folder, int repeats) =>
        BenchJson.Deserialize<Row>(ChildProcess.Run("mining", "--datasets", folder, "--repeat", repeats.ToString(CultureInfo.InvariantCulture), "--one", $"{index}:{algorithm}"));

    /// <summary>One case: loaded once, mined and turned into rules once to warm up, then <paramref name="repeats"/> times.</summary>
    internal static Row RunCase(Case c, MiningAlgorithm algorithm, string folder, int repeats, CancellationToken cancel)
    {
        var transactions = TransactionSet.Read(Path.Combine(folder, c.File), c.Separator);
        int itemsets = 0, rules = 0;
        var timing = Repeats.Measure(repeats, () =>
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            var found = FrequentItemsets.Mine(transactions, c.MinSupport, algorithm, 0, cancel);
            var generated = RuleGenerator.Generate(found, transactions.Count, new RuleFilter(MinConfidence: MinConfidence), cancel);
            double seconds = clock.Elapsed.TotalSeconds;
            (itemsets, rules) = (found.Count, generated.Count);
            return seconds;
        });
        return new Row(c.Dataset, algorithm == MiningAlgorithm.FPGrowth ? "fpgrowth" : "apriori", c.MinSupport, itemsets, rules, timing.Median,
            ChildProcess.PeakMemoryMb(), timing.Best, timing.Median, repeats);
    }
}
