using System.CommandLine;
using BankInsight.Common;

namespace BankInsight.Cli;

/// <summary>What every command needs: where to write, and the cancellation token.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, CancellationToken cancel)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public CancellationToken Cancel { get; } = cancel;

    /// <summary>Options every command takes.</summary>
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Say what is being done (rows read, settings used)." };

    public ConsoleSink Sink(ParseResult parse) => new(Error, parse.GetValue(Verbose));
}

/// <summary>
/// The <c>bankinsight</c> runner: builds the command tree and turns every failure into a
/// one-line message and an exit code (see <see cref="ExitCodes"/>), never a stack trace.
/// </summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        var context = new CliContext(output, error, cancel);
        var root = new RootCommand("BankInsight: churn early warning, prospects, segmentation and cross-selling over the bank's .del files.");
        root.Subcommands.Add(GenerateCommand.Create(context));
        root.Subcommands.Add(SchemaCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(SamplesCommand.Create(context));
        root.Subcommands.Add(ChurnCommand.Create(context));
        root.Subcommands.Add(ProspectCommand.Create(context));
        root.Subcommands.Add(ClusterCommand.Create(context));
        root.Subcommands.Add(RetailCommands.Rules(context));
        root.Subcommands.Add(RetailCommands.CrossSell(context));
        root.Subcommands.Add(RetailCommands.ProductMining(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(ModelsCommand.Create(context));
        foreach (var legacy in LegacyCommands.Create(context)) root.Subcommands.Add(legacy);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"bankinsight: {e.Message}");
            error.WriteLine("Run 'bankinsight --help' (or '<command> --help') for usage.");
            return ExitCodes.UnusableInput;
        }
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return parse.Invoke(configuration);
    }

    /// <summary>Runs a command body with the runner's error contract.</summary>
    public static int Guard(CliContext context, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("bankinsight: stopped.");
            return ExitCodes.Cancelled;
        }
        catch (BankInsightException e) when (e.Kind == ErrorKind.OperationStopped)
        {
            context.Error.WriteLine("bankinsight: stopped.");
            return ExitCodes.Cancelled;
        }
        catch (BankInsightException e)
        {
            context.Error.WriteLine($"bankinsight: error: {e.Message}");
            return ExitCodes.UnusableInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The machine refused a file operation (a full disk, a permission, a lost share): not a
            // bug in BankInsight, and nothing the scheduler should retry blindly.
            context.Error.WriteLine($"bankinsight: error: a file operation failed: {e.Message}");
            return ExitCodes.UnusableInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Error.WriteLine($"bankinsight: internal error ({e.GetType().Name}): {e.Message}");
            if (Environment.GetEnvironmentVariable("BANKINSIGHT_DEBUG") == "1") context.Error.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Adds the action with the error contract and the shared options.</summary>
    public static Command WithAction(this Command command, CliContext context, Func<ParseResult, int> body)
    {
        command.Options.Add(context.Verbose);
        command.SetAction(parse => Guard(context, () =>
        {
            RequireFiniteNumbers(parse);
            try
            {
                return body(parse);
            }
            catch (BankInsightException e) when (e.ErrorId == ErrorIds.ParameterInvalid && InOptionTerms(e.Message, parse) is { } message)
            {
                throw new BankInsightException(e.ErrorId, e.Kind, message, e.Target, e);
            }
        }));
        return command;
    }

    /// <summary>
    /// The core names a setting as its property ("ProbabilityThreshold must be in (0, 1)"); a runner
    /// user knows it as an option (--probability_threshold). Null when the message names none.
    /// </summary>
    private static string? InOptionTerms(string message, ParseResult parse)
    {
        foreach (var option in parse.CommandResult.Command.Options)
        {
            string property = string.Concat(option.Name.TrimStart('-').Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
            if (message.StartsWith(property + " ", StringComparison.Ordinal))
                return option.Name + message[property.Length..];
        }
        return null;
    }

    /// <summary>
    /// Refuses NaN and infinities in every number option, naming it: "NaN" parses as a double, and
    /// a NaN threshold flags nobody (every comparison is false) — an empty list at exit 0. Refuses
    /// a comma too, which double parsing takes as a thousands separator.
    /// </summary>
    private static void RequireFiniteNumbers(ParseResult parse)
    {
        foreach (var option in parse.CommandResult.Command.Options)
        {
            if (option.ValueType != typeof(double) && option.ValueType != typeof(double?)) continue;
            // double parsing accepts thousands separators: '1,5' (a decimal comma) would be 15.
            if (parse.GetResult(option)?.Tokens.FirstOrDefault(t => t.Value.Contains(',')) is { } comma)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                    $"{option.Name} takes a number with '.' for decimals and no thousands separators (got '{comma.Value}').", comma.Value);
            if (parse.GetResult(option) is { } result && result.GetValueOrDefault<double?>() is { } value && !double.IsFinite(value))
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                    $"{option.Name} must be a finite number (got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).", value);
        }
    }
}
