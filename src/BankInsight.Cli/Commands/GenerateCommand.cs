using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Synthetic;

namespace BankInsight.Cli;

/// <summary><c>bankinsight generate</c>: writes a synthetic .del file with planted signal.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var schema = new Option<string>("--schema") { Description = "Built-in schema: " + string.Join(", ", BuiltInSchemas.Names) + ".", Required = true };
        schema.AcceptOnlyFromAmong([.. BuiltInSchemas.Names]);
        var rows = new Option<int>("--rows") { Description = "Number of customers (for ProspectRelation: companies whose relations are listed).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same bytes.", DefaultValueFactory = _ => SyntheticDataRequest.DefaultSeed };
        var output = new Option<string>("--output") { Description = "File to write (replaced atomically).", Required = true };
        var encoding = new Option<string>("--encoding") { Description = "utf-8 (default) or gb18030.", DefaultValueFactory = _ => "utf-8" };
        encoding.AcceptOnlyFromAmong("utf-8", "utf8", "gb18030", "gbk");
        var asOf = new Option<string?>("--as_of") { Description = "Last day of the data month, yyyy-MM-dd (default 2026-10-31)." };
        var months = new Option<int?>("--months")
        {
            Description = $"CorporateChurn only: write this many monthly files (1 to {SyntheticDataRequest.MaxMonths}) of the same companies, the last one the --as_of month, " +
                "named after --output (churn.del: churn-2026-08.del, churn-2026-09.del, …). Without it, one file of the single-month story.",
        };
        var oracle = new Option<bool>("--oracle") { Description = "With --months: beside each month's file but the last, write <name>-yyyy-MM.oracle.txt, each customer's true probability of having churned by the next month." };
        var command = new Command("generate", "Write a synthetic input file whose rows carry real, learnable signal.") { schema, rows, seed, output, encoding, asOf, months, oracle };
        return command.WithAction(context, parse =>
        {
            var request = new SyntheticDataRequest(parse.GetValue(schema)!, parse.GetValue(rows))
            {
                Seed = parse.GetValue(seed),
                Encoding = TextEncodings.Resolve(parse.GetValue(encoding)) ?? TextEncodings.Utf8,
                AsOf = parse.GetValue(asOf) is { } text ? ParseDate(text) : SyntheticDataRequest.DefaultAsOf,
                Months = parse.GetValue(months),
            };
            string path = parse.GetValue(output)!;
            if (request.Months is not null) return WriteMonths(context, parse, request, path, parse.GetValue(oracle));
            if (parse.GetValue(oracle))
                throw new Common.BankInsightException(Common.ErrorIds.ParameterInvalid, Common.ErrorKind.InvalidArgument,
                    "--oracle needs --months: the oracle is each customer's probability of churning by the next month of a sequence.", "--oracle");
            var clock = Stopwatch.StartNew();
            long bytes = SyntheticDataGenerator.GenerateFile(request, path, context.Sink(parse), context.Cancel);
            context.Out.WriteLine($"wrote {request.Customers:N0} {BuiltInSchemas.Get(request.Schema).Name} customers ({bytes:N0} bytes) to {path} in {clock.Elapsed.TotalSeconds:F1} s (seed {request.Seed})");
            return ExitCodes.Success;
        });
    }

    // A sequence of monthly files: every name checked before any month is made.
    private static int WriteMonths(CliContext context, ParseResult parse, SyntheticDataRequest request, string output, bool oracle)
    {
        if (request.Months is < 1 or > SyntheticDataRequest.MaxMonths)
            throw new Common.BankInsightException(Common.ErrorIds.ParameterInvalid, Common.ErrorKind.InvalidArgument,
                $"--months must be 1 to {SyntheticDataRequest.MaxMonths} (got {request.Months}).", request.Months);
        var files = SyntheticMonthFile.Plan(request, output, oracle);
        foreach (var file in files) Common.OutputPaths.RequireWritable("--output", file.Target.Path);
        var clock = Stopwatch.StartNew();
        var written = SyntheticMonths.GenerateFiles(request, files, context.Sink(parse), context.Cancel);
        context.Out.WriteLine($"wrote {request.Months} monthly {BuiltInSchemas.CorporateChurn} files of {request.Customers:N0} customers in the first month ({files[0].Month:yyyy-MM} to {files[^1].Month:yyyy-MM}) in {clock.Elapsed.TotalSeconds:F1} s (seed {request.Seed}):");
        foreach (string path in written) context.Out.WriteLine($"  {path}");
        return ExitCodes.Success;
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new Common.BankInsightException(Common.ErrorIds.ParameterInvalid, Common.ErrorKind.InvalidArgument, $"--as_of '{text}' is not a date as yyyy-MM-dd.", text);
}
