using System.CommandLine;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;

namespace BankInsight.Cli;

/// <summary>
/// <c>bankinsight validate</c>: loads a file as the jobs would and prints what happened.
/// Exit 0 when every row is good, 3 when some were rejected, 2 when the file is unusable.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var schema = new Option<string>("--schema") { Description = "Built-in schema name or schema JSON file.", Required = true };
        var input = new Option<string>("--input_data_path") { Description = "The .del or .csv file to check.", Required = true };
        var files = new DataFileOptions();
        var command = new Command("validate", "Check a data file against its schema: rows read, rows rejected by reason.") { schema, input };
        files.AddTo(command);
        return command.WithAction(context, parse =>
        {
            Common.FileIdentity.RequireDistinct([("--input_data_path", parse.GetValue(input), false), ("--reject_path", parse.GetValue(files.RejectPath), true)]);
            Common.OutputPaths.RequireWritable("--reject_path", parse.GetValue(files.RejectPath));
            var bankSchema = BuiltInSchemas.Resolve(parse.GetValue(schema)!);
            // Every value is read and checked; none is kept, since validate reports counts only.
            var data = CustomerDataLoader.Load(parse.GetValue(input)!, files.Build(parse, bankSchema, columns: new HashSet<string>()), context.Sink(parse), context.Cancel);
            WriteSummary(context.Out, data.Summary, bankSchema);
            return data.Summary.RowsRejected > 0 || data.Summary.RowsLoaded == 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
        });
    }

    internal static void WriteSummary(TextWriter output, LoadSummary summary, BankSchema schema)
    {
        string encoding = summary.EncodingName + (summary.EncodingDetected ? " (detected)" : "") + (summary.HadByteOrderMark ? " with BOM" : "");
        output.WriteLine($"file:            {summary.Source}");
        output.WriteLine($"schema:          {schema.Name} ({schema.ColumnCount} columns, fingerprint {schema.Fingerprint})");
        output.WriteLine($"encoding:        {encoding}{(summary.EncodingReason.Length > 0 ? $" — {summary.EncodingReason}" : "")}");
        output.WriteLine($"header row:      {(summary.HadHeader ? "yes" : "no")}");
        output.WriteLine($"rows read:       {summary.RecordsRead}");
        output.WriteLine($"rows loaded:     {summary.RowsLoaded}");
        output.WriteLine($"rows rejected:   {summary.RowsRejected}");
        foreach (var (reason, count) in summary.RejectedByReason.OrderBy(r => r.Key))
            output.WriteLine($"  {reason,-16} {count}");
        if (summary.BlankLines > 0) output.WriteLine($"blank lines:     {summary.BlankLines}");
        output.WriteLine($"dropped columns: {(summary.DroppedColumns.Count == 0 ? "none" : string.Join(", ", summary.DroppedColumns))}");
        if (summary.IgnoredHeaderColumns.Count > 0) output.WriteLine($"ignored columns: {string.Join(", ", summary.IgnoredHeaderColumns)}");
        if (summary.RejectPath is not null) output.WriteLine($"reject file:     {summary.RejectPath}");
    }
}
