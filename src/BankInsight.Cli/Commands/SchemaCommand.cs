using System.CommandLine;
using BankInsight.Data.Schemas;

namespace BankInsight.Cli;

/// <summary><c>bankinsight schema</c>: lists the built-in schemas, or one schema's columns or JSON.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string?>("--name") { Description = "A built-in schema name or a schema JSON file to show (and check)." };
        var json = new Option<bool>("--json") { Description = "Print the schema as JSON (a starting point for a bank's own schema file)." };
        var command = new Command("schema", "Show the built-in schemas, or one schema's columns.") { name, json };
        return command.WithAction(context, parse =>
        {
            var output = context.Out;
            if (parse.GetValue(name) is not { } wanted)
            {
                output.WriteLine($"{"Name",-18} {"Columns",7}  {"Fingerprint",-16}  Description");
                foreach (var s in BuiltInSchemas.GetAll())
                    output.WriteLine($"{s.Name,-18} {s.ColumnCount,7}  {s.Fingerprint,-16}  {s.Description}");
                return ExitCodes.Success;
            }
            var schema = BuiltInSchemas.Resolve(wanted);
            if (parse.GetValue(json))
            {
                output.Write(SchemaJson.ToJson(schema));
                return ExitCodes.Success;
            }
            output.WriteLine($"{schema.Name}: {schema.ColumnCount} columns, fingerprint {schema.Fingerprint}{(schema.KeyColumn is { } k ? $", key {k.Name}" : "")}");
            foreach (var c in schema.Columns)
            {
                string values = c.Type == ColumnType.Categorical
                    ? (c.IsOpen ? "open: " : "") + string.Join(" ", c.Values.Take(8)) + (c.Values.Count > 8 ? $" … ({c.Values.Count})" : "")
                    : "";
                output.WriteLine($"{c.Position + 1,4}  {c.Name,-24}\t{c.Type,-11}  {c.Role ?? ""}{(c.Role is null ? "" : "  ")}{values}");
            }
            if (schema.SegmentationColumns.Count > 0) output.WriteLine($"segmentation: {string.Join(", ", schema.SegmentationColumns)}");
            foreach (var p in schema.Products) output.WriteLine($"product {p.Code} {p.Name} ({p.Alias}) ← {string.Join(" | ", p.BalanceColumns)}");
            return ExitCodes.Success;
        });
    }
}
