using System.CommandLine;
using System.Globalization;
using BankInsight.Common;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.Monitoring;
using BankInsight.Results;

namespace BankInsight.Cli;

/// <summary>
/// <c>bankinsight churn monitor</c>: the monthly check of a churn model — PSI per feature and for
/// the score against the training month, missing shares, and what last month's warnings realised.
/// Exit 0 whatever drift it finds (3 when input rows were rejected): drift is a finding to read,
/// not a failure of the run; scripts read it from --json (majorShifts, scoreShift).
/// </summary>
internal static class ChurnMonitorCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--input_data_path") { Description = "The month to compare with the model's training month; with --previous_warnings, the month those warnings were issued on.", Required = true };
        var model = new Option<string?>("--model") { Description = "The churn model (default: the shipped customer_losing)." };
        var warnings = new Option<string?>("--previous_warnings") { Description = "The warning list issued on the input month (churn predict's --output_data_path file): its realised precision and recall are reported." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (the object Test-ChurnModelDrift returns, in camelCase)." };
        var months = new MonthOptions(withNextMonth: true);
        months.NextMonth.Description = "For a next-month model: the month after the input, whose figures say which warned customers churned.";
        var job = new JobInput(Data.Schemas.BuiltInSchemas.CorporateChurn);
        var command = new Command("monitor", "Check a churn model against a month: population stability (PSI) per feature and for the score, missing shares, and the realised precision and recall of last month's warnings.") { input, model, warnings, json };
        months.AddTo(command);
        job.AddTo(command, dataMonth: true);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, [("--input_data_path", parse.GetValue(input), false), ("--previous_warnings", parse.GetValue(warnings), false),
                .. months.Paths(parse), ("--model", parse.GetValue(model), false)]);
            var trained = JobInput.LoadModel(parse.GetValue(model), ShippedModels.Churn, ChurnJob.Purpose);
            var list = parse.GetValue(warnings) is { } path ? WarningList.Load(path) : null;
            using var commit = new CommitGroup();
            var data = job.Load(parse, context, parse.GetValue(input)!, commit);
            var (next, history) = months.Load(parse, context, job, commit);
            var report = ChurnMonitorJob.Monitor(new ChurnMonitorRequest(trained, data)
            {
                PreviousWarnings = list, NextMonth = next, History = history, DataMonth = job.Month(parse),
            }, context.Sink(parse), context.Cancel);
            commit.CommitAll();
            if (parse.GetValue(json)) context.Out.WriteLine(JsonOutput.Serialize(report));
            else DriftSummary.Write(context.Out, report);
            return job.ExitCode;
        });
    }
}

/// <summary>The monitoring report as text: the score, then every feature by PSI (highest first, shifts marked), then the warnings.</summary>
internal static class DriftSummary
{
    public static void Write(TextWriter output, ModelDriftReport r)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"churn model {r.Model} ({r.Predicts}) on {r.Data}: {r.Rows:N0} customers against {r.TrainingRows:N0} of the training month"));
        output.WriteLine(string.Create(c, $"score PSI {r.ScorePsi:0.0000} ({(r.ScoreShift == DriftShift.None ? "no" : r.ScoreShift.ToString().ToLowerInvariant())} shift)"));
        output.WriteLine(string.Create(c, $"{r.MajorShifts} major and {r.ModerateShifts} moderate shift(s) among {r.Features.Count} features (PSI ≥ {PopulationStability.MajorFrom} major, ≥ {PopulationStability.ModerateFrom} moderate)"));
        output.WriteLine();
        // The name last: Chinese names are two columns wide in a console, so nothing is aligned after them.
        output.WriteLine("      PSI  shift     missing: training →    now  feature");
        foreach (var f in r.Features)
            output.WriteLine(string.Create(c, $"{f.Psi,9:0.0000}  {Mark(f.Shift),-8}  {f.TrainingMissingShare,17:0.0%} → {f.MissingShare,6:0.0%}  {f.Feature}"));
        if (r.WarningsFile is null) return;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"warnings: {r.Warned:N0} in {r.WarningsFile} ({r.WarnedNotInData:N0} not customers of the month, {r.WarnedUnlabelled:N0} without an outcome); outcomes from {r.OutcomesFrom}"));
        int? judged = r.Warned - r.WarnedNotInData - r.WarnedUnlabelled;
        output.WriteLine(string.Create(c, $"realised: precision {r.RealisedPrecision:0.000} ({r.WarnedChurned:N0} of {judged:N0} warned churned), recall {r.RealisedRecall:0.000} ({r.WarnedChurned:N0} of {r.Churned:N0} churners warned); churn rate {r.ChurnRate:0.000}"));
        if (r.TrainingPrecision is not null)
            output.WriteLine(string.Create(c, $"training: precision {r.TrainingPrecision:0.000}, recall {r.TrainingRecall:0.000} on held-out customers"));
    }

    private static string Mark(DriftShift shift) => shift switch { DriftShift.Major => "MAJOR", DriftShift.Moderate => "moderate", _ => "-" };
}
