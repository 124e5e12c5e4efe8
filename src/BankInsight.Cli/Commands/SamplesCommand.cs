using System.CommandLine;
using BankInsight.Synthetic;

namespace BankInsight.Cli;

/// <summary>
/// <c>bankinsight samples</c>: writes the built-in sample data set — one file per job input,
/// named as the old delivery named them — from the synthetic generator. The build runs it
/// into out/samples, so a fresh clone has data to try every job on without data in the repo.
/// </summary>
internal static class SamplesCommand
{
    /// <summary>The sample files: name, schema, customers.</summary>
    public static readonly (string File, string Schema, int Customers)[] Files =
    [
        ("customer_losing.del", "CorporateChurn", 5_000),
        ("potential_customer.del", "CorporateProspect", 3_000),
        ("potential_customer_relation.del", "ProspectRelation", 3_000),
        ("retail_customer.del", "Retail", 10_000),
    ];

    /// <summary>
    /// The samples describe November 2026 with their own seed: a later month than, and other
    /// customers than, the synthetic data the shipped models learned (seed 42, October 2026), so
    /// scoring them is an honest out-of-sample demonstration.
    /// </summary>
    public const int Seed = 2026;

    public static readonly DateOnly AsOf = new(2026, 11, 30);

    /// <summary>The churn sample's previous month, for next-month churn: the same companies a month earlier.</summary>
    public const string PreviousChurnFile = "customer_losing-2026-10.del";

    // Two consecutive months of the same companies (the monthly story): November as the month's
    // file, October beside it, so a next-month model can be trained and the monthly run shown.
    private static void WriteChurnMonths(CliContext context, int seed, int customers, string path, ParseResult parse)
    {
        var request = new SyntheticDataRequest("CorporateChurn", customers) { Seed = seed, AsOf = AsOf, Months = 2 };
        var plan = SyntheticMonthFile.Plan(request, path, oracle: false);
        var written = SyntheticMonths.GenerateFiles(request, plan, context.Sink(parse), context.Cancel);
        string previous = Path.Combine(Path.GetDirectoryName(path)!, PreviousChurnFile);
        File.Move(written[0], previous, overwrite: true);
        File.Move(written[1], path, overwrite: true);
        foreach (string file in new[] { previous, path })
            context.Out.WriteLine($"{file}: CorporateChurn companies, {new FileInfo(file).Length:N0} bytes");
    }

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output") { Description = "Folder to write the sample files to.", Required = true };
        var seed = new Option<int>("--seed") { Description = $"Random seed (default {Seed}).", DefaultValueFactory = _ => Seed };
        var command = new Command("samples", "Write the sample input files (churn, prospects and relations, retail) into a folder.") { output, seed };
        return command.WithAction(context, parse =>
        {
            string folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            foreach (var (file, schema, customers) in Files)
            {
                string path = Path.Combine(folder, file);
                if (schema == "CorporateChurn")
                {
                    WriteChurnMonths(context, parse.GetValue(seed), customers, path, parse);
                    continue;
                }
                var request = new SyntheticDataRequest(schema, customers) { Seed = parse.GetValue(seed), AsOf = AsOf };
                long bytes = SyntheticDataGenerator.GenerateFile(request, path, context.Sink(parse), context.Cancel);
                context.Out.WriteLine($"{path}: {customers:N0} {schema} customers, {bytes:N0} bytes");
            }
            return ExitCodes.Success;
        });
    }
}
