using System.CommandLine;
using System.Globalization;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Serialization;

namespace BankInsight.Cli;

/// <summary>
/// What job commands share: loading their input files (remembering whether any row was
/// rejected, which makes the exit code 3), a --schema override, --data_month, and the model
/// file (the shipped one by default).
/// </summary>
internal sealed class JobInput(string defaultSchema)
{
    public DataFileOptions Files { get; } = new();
    public Option<string?> Schema { get; } = new("--schema") { Description = $"Schema name or JSON file (default {defaultSchema})." };
    public Option<string?> DataMonth { get; } = new("--data_month") { Description = "The data's month, yyyy-MM (default: the month of the latest date in the file)." };

    public bool RowsRejected { get; private set; }

    public void AddTo(Command command, bool dataMonth = false)
    {
        Files.AddTo(command);
        command.Options.Add(Schema);
        if (dataMonth) command.Options.Add(DataMonth);
    }

    public CustomerDataSet Load(ParseResult parse, CliContext context, string path, string? schemaOverride = null, bool withRejectPath = true)
    {
        var schema = BuiltInSchemas.Resolve(schemaOverride ?? parse.GetValue(Schema) ?? defaultSchema);
        var data = CustomerDataLoader.Load(path, Files.Build(parse, schema, withRejectPath), context.Sink(parse), context.Cancel);
        if (data.Summary.RowsRejected > 0)
        {
            RowsRejected = true;
            context.Error.WriteLine($"note: {data.Summary.RowsRejected:N0} of {data.Summary.RecordsRead:N0} rows of {path} were rejected (see the errors above{(withRejectPath && parse.GetValue(Files.RejectPath) is { } r ? $" and {r}" : "")}).");
        }
        return data;
    }

    public DateOnly? Month(ParseResult parse) =>
        parse.GetValue(DataMonth) is not { } text ? null
        : DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new Common.BankInsightException(Common.ErrorIds.ParameterInvalid, Common.ErrorKind.InvalidArgument, $"--data_month '{text}' is not a month as yyyy-MM.", text);

    public int ExitCode => RowsRejected ? ExitCodes.RowsRejected : ExitCodes.Success;

    public static TrainedModel LoadModel(string? path, string shippedName, string purpose) =>
        TrainedModel.Load(path ?? ShippedModels.Locate(shippedName), purpose);
}
