using System.CommandLine;
using BankInsight.Common;
using System.Globalization;
using BankInsight.Jobs.Retail;
using BankInsight.ResultFiles;

namespace BankInsight.Cli;

/// <summary><c>bankinsight rules | cross-sell | product-mining</c>: the retail jobs over product holdings.</summary>
internal static class RetailCommands
{
    private static Option<string> InputPath() => new("--input_data_path") { Description = "The retail file (.del or .csv).", Required = true };

    public static Command Rules(CliContext context)
    {
        var input = InputPath();
        var json = new Option<bool>("--json") { Description = "Print the rules as a JSON array (the objects Get-CrossSellRule emits, same property names)." };
        var rules = new RuleOptions();
        var job = new JobInput(Data.Schemas.BuiltInSchemas.Retail);
        var command = new Command("rules", "Mine association rules between the products customers hold.") { input, json };
        rules.AddTo(command);
        job.AddTo(command);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, ("--input_data_path", parse.GetValue(input), false), ("--model", parse.GetValue(rules.Model), false));
            var model = rules.SegmentationModel(parse);
            bool perCluster = parse.GetValue(rules.PerCluster);
            if (perCluster) model ??= SegmentationModel.LoadShipped();
            using var commit = new CommitGroup();
            var data = job.Load(parse, context, parse.GetValue(input)!, commit, columns: schema => RetailColumns.ForHoldings(schema, perCluster ? model : null));
            var found = CrossSellJob.Rules(new CrossSellRuleRequest(data) { Mining = rules.Mining(parse), PerCluster = parse.GetValue(rules.PerCluster), Model = model },
                context.Sink(parse), context.Cancel);
            commit.CommitAll();
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonOutput.Serialize(found));
                return job.ExitCode;
            }
            context.Out.WriteLine($"{"segment",-8} {"rule",-40} {"support",8} {"confidence",10} {"lift",6} {"customers",10}");
            foreach (var r in found)
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(r.Cluster?.ToString(CultureInfo.InvariantCulture) ?? "all"),-8} {Pad($"{r.Antecedents} → {r.Consequents}", 40)} {r.Support,8:F4} {r.Confidence,10:F4} {r.Lift,6:F3} {r.Customers,10:N0}"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{found.Count:N0} rules"));
            return job.ExitCode;
        });
    }

    public static Command CrossSell(CliContext context, string name = "cross-sell")
    {
        var input = InputPath();
        var output = new Option<string>("--output_data_path") { Description = "Result file: one \"客户编号\",\"代码\" line per recommended product, a customer's products in rank order (the old delivery's layout).", Required = true };
        var joined = new Option<bool>("--join_product_codes") { Description = "Write one \"客户编号\",\"3,4\" line per recommendation instead of a line per product." };
        var match = new Option<string>("--match") { Description = "subset (default: the rule's products are among those held, its recommendations not yet held) or exact (holdings equal the rule's products).", DefaultValueFactory = _ => "subset" };
        match.AcceptOnlyFromAmong("subset", "exact");
        var top = new Option<int>("--top") { Description = "Recommendations per customer, best first (default 1).", DefaultValueFactory = _ => 1 };
        var rules = new RuleOptions(CrossSellJob.DefaultMinOfferLift);
        var job = new JobInput(Data.Schemas.BuiltInSchemas.Retail);
        var command = new Command(name, "Recommend products to each customer from the best matching rules (lift ≥ 1.1 by default, best lift first).") { input, output, match, top, joined };
        rules.AddTo(command);
        job.AddTo(command);
        var results = new ResultOptions();
        results.AddTo(command);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, ("--input_data_path", parse.GetValue(input), false), ("--model", parse.GetValue(rules.Model), false), ("--output_data_path", parse.GetValue(output), true));
            var model = rules.SegmentationModel(parse);
            bool perCluster = parse.GetValue(rules.PerCluster);
            if (perCluster) model ??= SegmentationModel.LoadShipped();
            using var commit = new CommitGroup();
            // Streamed: one pass keeps each customer's id, line, holdings and segment, whatever the file's size.
            var retail = job.Open(parse, context, parse.GetValue(input)!, commit);
            var request = new CrossSellRecommendationRequest(retail)
            {
                Mining = rules.Mining(parse),
                PerCluster = parse.GetValue(rules.PerCluster),
                Model = model,
                Match = parse.GetValue(match) == "exact" ? RuleMatch.Exact : RuleMatch.Subset,
                Top = parse.GetValue(top),
                MinLift = parse.GetValue(rules.MinLift),
            };
            var file = commit.Add(results.Writer(parse, parse.GetValue(output)!));
            int customers = 0, recommendations = 0;
            bool join = parse.GetValue(joined);
            var sink = context.Sink(parse);
            var inFile = retail.ReadCustomers(perCluster ? model : null, null, null, sink, context.Cancel);
            int rows = inFile.Count;
            foreach (var r in CrossSellJob.RecommendInFile(request, retail, inFile, sink, context.Cancel))
            {
                recommendations++;
                if (r.Rank == 1) customers++;   // every recommended customer has exactly one rank-1 recommendation
                if (join) file.WriteLine(r.ToResultFields());
                else foreach (var line in r.ToResultLines()) file.WriteLine(line);
            }
            commit.CommitAll();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{recommendations:N0} recommendations for {customers:N0} of {rows:N0} customers ({file.LinesWritten:N0} lines), written to {file.Path}"));
            return job.ExitCode;
        });
    }

    public static Command ProductMining(CliContext context, string name = "product-mining")
    {
        var input = InputPath();
        var output = new Option<string>("--output_data_path") { Description = "Result file: \"01\",\"客户编号\" (product code, id) per opportunity.", Required = true };
        var products = new Option<string>("--products") { Description = "Products, comma-separated, by alias, name or code (default Deposit,Insurance: codes 01 and 02).", DefaultValueFactory = _ => "Deposit,Insurance" };
        var method = new Option<string>("--method") { Description = "propensity (default: a model of holders vs non-holders) or rules (the best matching association rule).", DefaultValueFactory = _ => "propensity" };
        method.AcceptOnlyFromAmong("propensity", "rules");
        var minScore = new Option<double?>("--min_score") { Description = "Keep customers scoring at least this (default: propensity — the median holder's score; rules — any matching rule)." };
        var top = new Option<int?>("--top") { Description = "At most this many customers per product, best first." };
        var seed = new Option<int>("--seed") { Description = "Seed of the propensity model (default 42).", DefaultValueFactory = _ => 42 };
        var rules = new RuleOptions();
        var job = new JobInput(Data.Schemas.BuiltInSchemas.Retail);
        var command = new Command(name, "Find customers likely to take a product they do not hold (商机挖掘).") { input, output, products, method, minScore, top, seed };
        rules.AddTo(command);
        job.AddTo(command);
        var results = new ResultOptions();
        results.AddTo(command);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, ("--input_data_path", parse.GetValue(input), false), ("--model", parse.GetValue(rules.Model), false), ("--output_data_path", parse.GetValue(output), true));
            var model = rules.SegmentationModel(parse);
            using var commit = new CommitGroup();
            // Streamed: a pass for holdings, one per product's training sample, one to score; never the whole file in memory.
            var request = new ProductOpportunityRequest(job.Open(parse, context, parse.GetValue(input)!, commit))
            {
                Products = parse.GetValue(products)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                Method = parse.GetValue(method) == "rules" ? OpportunityMethod.Rules : OpportunityMethod.Propensity,
                MinScore = parse.GetValue(minScore),
                Top = parse.GetValue(top),
                Seed = parse.GetValue(seed),
                Mining = rules.Mining(parse),
                PerCluster = parse.GetValue(rules.PerCluster),
                Model = model,
            };
            var file = commit.Add(results.Writer(parse, parse.GetValue(output)!));
            var perProduct = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var o in ProductOpportunityJob.Find(request, context.Sink(parse), context.Cancel))
            {
                perProduct[o.ProductCode] = perProduct.GetValueOrDefault(o.ProductCode) + 1;
                file.WriteLine(o.ToResultFields());
            }
            commit.CommitAll();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{file.LinesWritten:N0} opportunities{(perProduct.Count == 0 ? "" : $" ({string.Join(", ", perProduct.Select(p => $"{p.Key}: {p.Value:N0}"))})")}, written to {file.Path}"));
            return job.ExitCode;
        });
    }

    /// <summary>Pads to a console width, counting CJK characters as two columns so tables line up.</summary>
    private static string Pad(string text, int width)
    {
        int shown = text.Sum(c => c >= '\u1100' && (c <= '\u115F' || (c >= '\u2E80' && c <= '\uA4CF') || (c >= '\uAC00' && c <= '\uD7A3') || (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFF00' && c <= '\uFF60')) ? 2 : 1);
        return shown >= width ? text : text + new string(' ', width - shown);
    }
}
