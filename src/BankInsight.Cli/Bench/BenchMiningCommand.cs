using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BankInsight.Rules;

namespace BankInsight.Cli.Bench;

/// <summary>
/// <c>bankinsight bench mining</c>: FP-Growth and Apriori on the public itemset data at the
/// supports of PERFORMANCE.md, rules at confidence ≥ 0.30, beside mlxtend's counts and best
/// times. Each case runs in a child process so its peak memory is its own; mining time excludes
/// loading, as the peer figures do.
/// </summary>
internal static class BenchMiningCommand
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

    public sealed record Row(string Dataset, string Algorithm, double MinSupport, int Itemsets, int Rules, double Seconds, double PeakMemoryMb);

    public static Command Create(CliContext context)
    {
        var datasets = new Option<string>("--datasets") { Description = "Folder of the public data sets.", DefaultValueFactory = _ => Path.Combine("..", "shared", "datasets") };
        var json = new Option<bool>("--json") { Description = "Print rows as JSON: {dataset, algorithm, minSupport, itemsets, rules, seconds, peakMemoryMb}." };
        var one = new Option<string?>("--one") { Description = "Internal: run one case (index:algorithm) and print its row.", Hidden = true };
        var command = new Command("mining", "FP-Growth and Apriori on the public itemset data beside mlxtend.") { datasets, json, one };
        return command.WithAction(context, parse =>
        {
            string folder = parse.GetValue(datasets)!;
            if (parse.GetValue(one) is { } spec)
            {
                var parts = spec.Split(':');
                var row = RunCase(Cases[int.Parse(parts[0], CultureInfo.InvariantCulture)], Enum.Parse<MiningAlgorithm>(parts[1]), folder, context.Cancel);
                context.Out.WriteLine(JsonSerializer.Serialize(row));
                return ExitCodes.Success;
            }
            var rows = new List<Row>();
            bool asJson = parse.GetValue(json);
            if (!asJson)
            {
                context.Out.WriteLine($"rules at confidence ≥ {MinConfidence}; mining time excludes loading; peer = mlxtend 0.25.0 best time (PERFORMANCE.md)");
                context.Out.WriteLine($"{"dataset",-11} {"support",7} {"algorithm",-9} {"itemsets",8} {"rules",7} {"seconds",8} {"peak MB",8} | {"peer sets",9} {"peer rules",10} {"peer s",6} {"speed-up",8}");
            }
            for (int i = 0; i < Cases.Length; i++)
            {
                foreach (var algorithm in new[] { MiningAlgorithm.FPGrowth, MiningAlgorithm.Apriori })
                {
                    var row = RunChild(i, algorithm, folder);
                    rows.Add(row);
                    var c = Cases[i];
                    if (!asJson)
                        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{row.Dataset,-11} {row.MinSupport,7} {row.Algorithm,-9} {row.Itemsets,8} {row.Rules,7} {row.Seconds,8:F3} {row.PeakMemoryMb,8:F0} | {c.PeerItemsets,9} {c.PeerRules,10} {c.PeerSeconds,6:F2} {c.PeerSeconds / row.Seconds,7:F1}x{(row.Itemsets == c.PeerItemsets && row.Rules == c.PeerRules ? "" : "  COUNTS DIFFER")}"));
                }
            }
            if (asJson)
                context.Out.WriteLine(JsonSerializer.Serialize(rows.Select(r => new { dataset = r.Dataset, algorithm = r.Algorithm, minSupport = r.MinSupport, itemsets = r.Itemsets, rules = r.Rules, seconds = r.Seconds, peakMemoryMb = r.PeakMemoryMb }),
                    new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Success;
        });
    }

    private static Row RunChild(int index, MiningAlgorithm algorithm, string folder) =>
        JsonSerializer.Deserialize<Row>(SelfProcess.Run("bench", "mining", "--datasets", folder, "--one", $"{index}:{algorithm}"))!;

    private static Row RunCase(Case c, MiningAlgorithm algorithm, string folder, CancellationToken cancel)
    {
        var transactions = TransactionSet.Read(Path.Combine(folder, c.File), c.Separator);
        // Warm-up on a slice, so the timing measures the algorithm rather than the JIT compiler.
        var slice = TransactionSet.FromLists(Enumerable.Range(0, Math.Min(2000, transactions.Baskets)).Select(t => transactions[t].ToArray().Select(i => transactions.ItemNames[i])));
        RuleGenerator.Generate(FrequentItemsets.Mine(slice, Math.Max(c.MinSupport, 0.02), algorithm, 0, cancel), slice.Count, new RuleFilter(MinConfidence: MinConfidence), cancel);
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var itemsets = FrequentItemsets.Mine(transactions, c.MinSupport, algorithm, 0, cancel);
        var rules = RuleGenerator.Generate(itemsets, transactions.Count, new RuleFilter(MinConfidence: MinConfidence), cancel);
        double seconds = clock.Elapsed.TotalSeconds;
        return new Row(c.Dataset, algorithm == MiningAlgorithm.FPGrowth ? "fpgrowth" : "apriori", c.MinSupport, itemsets.Count, rules.Count, seconds, SelfProcess.PeakMemoryMb());
    }
}
