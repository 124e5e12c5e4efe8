using System.CommandLine;
using System.Globalization;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Prospects;
using BankInsight.ResultFiles;

namespace BankInsight.Cli;

/// <summary><c>bankinsight prospect train | predict</c>: upstream/downstream prospects.</summary>
internal static class ProspectCommand
{
    public static Command Create(CliContext context)
    {
        var prospect = new Command("prospect", "Upstream/downstream prospects (上下游潜客推荐).");
        prospect.Subcommands.Add(Train(context));
        prospect.Subcommands.Add(Predict(context));
        return prospect;
    }

    private sealed class Inputs
    {
        public Option<string> Prospects { get; } = new("--input_data_path1") { Description = "The prospect file (.del or .csv).", Required = true };
        public Option<string?> Relations { get; } = new("--input_data_path2") { Description = "The relation file (recommended: its relation features and the expansion need it)." };
        public Option<string?> RelationSchema { get; } = new("--schema2") { Description = "Schema of the relation file (default ProspectRelation)." };
        public JobInput Job { get; } = new(BuiltInSchemas.CorporateProspect);

        public void AddTo(Command command)
        {
            command.Options.Add(Prospects);
            command.Options.Add(Relations);
            command.Options.Add(RelationSchema);
            Job.AddTo(command);
        }

        public (Data.CustomerDataSet Prospects, Data.CustomerDataSet? Relations) Load(ParseResult parse, CliContext context, CommitGroup commit)
        {
            var prospects = Job.Load(parse, context, parse.GetValue(Prospects)!, commit);
            var relations = parse.GetValue(Relations) is { } path
                ? Job.Load(parse, context, path, commit, parse.GetValue(RelationSchema) ?? BuiltInSchemas.ProspectRelation, withRejectPath: false)
                : null;
            if (relations is null) context.Error.WriteLine("warning: no relation file (--input_data_path2): relation features and expansion are not available.");
            return (prospects, relations);
        }
    }

    private static Command Train(CliContext context)
    {
        var inputs = new Inputs();
        var model = new Option<string>("--model") { Description = "Where to write the model.", Required = true };
        var minCount = new Option<double>("--min_monthly_count") { Description = "A prospect has more monthly transactions than this (default 3).", DefaultValueFactory = _ => ProspectDefinition.DefaultMinMonthlyCount };
        var minAmount = new Option<double>("--min_monthly_amount") { Description = "…or a monthly amount above this (default 3000000).", DefaultValueFactory = _ => ProspectDefinition.DefaultMinMonthlyAmount };
        var algorithm = new Option<string>("--algorithm") { Description = "gbdt (default) or logistic.", DefaultValueFactory = _ => "gbdt" };
        algorithm.AcceptOnlyFromAmong("gbdt", "logistic");
        var seed = new Option<int>("--seed") { Description = "Seed (default 42).", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print the training result as JSON." };
        var command = new Command("train", "Train a prospect model and write it.") { model, minCount, minAmount, algorithm, seed, json };
        inputs.AddTo(command);
        return command.WithAction(context, parse =>
        {
            inputs.Job.CheckPaths(parse, ("--input_data_path1", parse.GetValue(inputs.Prospects), false), ("--input_data_path2", parse.GetValue(inputs.Relations), false),
                ("--model", parse.GetValue(model), true));
            using var commit = new CommitGroup();
            var (prospects, relations) = inputs.Load(parse, context, commit);
            var result = ProspectJob.Train(new ProspectTrainingRequest(prospects, relations)
            {
                Definition = new ProspectDefinition(parse.GetValue(minCount), parse.GetValue(minAmount)),
                Algorithm = ModelAlgorithms.Parse(parse.GetValue(algorithm)!),
                Seed = parse.GetValue(seed),
                OutFile = Common.OutputFile.Optional(parse.GetValue(model)),
                MaxUnmatchedRelationShare = parse.GetValue(inputs.Job.MaxRejectedShare),
            }, context.Sink(parse), context.Cancel);
            commit.CommitAll();
            if (parse.GetValue(json)) context.Out.WriteLine(JsonOutput.Serialize(result));
            else TrainingSummary.Write(context.Out, result);
            return inputs.Job.ExitCode;
        });
    }

    /// <summary>prospect predict, or under <paramref name="name"/> the old delivery's customer_potential (see <see cref="LegacyCommands"/>).</summary>
    internal static Command Predict(CliContext context, string name = "predict")
    {
        var inputs = new Inputs();
        var output = new Option<string>("--output_data_path") { Description = "Result file: one \"客户编号\" line per predicted prospect in the region.", Required = true };
        var model = new Option<string?>("--model") { Description = "The prospect model (default: the shipped customer_potential)." };
        var scores = new Option<string?>("--scores_path") { Description = "Also write every scored company as \"客户编号\",probability (before the region filter)." };
        var region = new Option<string>("--region") { Description = "Keep companies whose registered or business address contains this (default 广东; \"\" for all).", DefaultValueFactory = _ => RegionFilter.DefaultRegion };
        var related = new Option<string?>("--related_path") { Description = "Also write the related companies of predicted prospects that are not yet our customers (upstream/downstream prospects): \"关联人客户编号\",\"客户编号\",\"关系类型\"." };
        var relatedPersons = new Option<string?>("--related_persons_path") { Description = "Also write the related persons (legal representatives, directors, key people, individual shareholders) that are not yet our customers, retail leads, in the same layout." };
        var probability = new Option<double?>("--probability_threshold") { Description = "Flag companies at or above this probability (default: the model's threshold)." };
        var command = new Command(name, "Score companies with a prospect model and write the prospect list.") { output, model, scores, region, related, relatedPersons, probability };
        inputs.AddTo(command);
        var results = new ResultOptions();
        results.AddTo(command);
        return command.WithAction(context, parse =>
        {
            inputs.Job.CheckPaths(parse, ("--input_data_path1", parse.GetValue(inputs.Prospects), false), ("--input_data_path2", parse.GetValue(inputs.Relations), false),
                ("--model", parse.GetValue(model), false), ("--output_data_path", parse.GetValue(output), true), ("--scores_path", parse.GetValue(scores), true),
                ("--related_path", parse.GetValue(related), true), ("--related_persons_path", parse.GetValue(relatedPersons), true));
            var trained = JobInput.LoadModel(parse.GetValue(model), ShippedModels.Prospect, ProspectJob.Purpose);
            using var commit = new CommitGroup();
            // Streamed: the relation file is loaded (every company is looked up in it); the prospect file
            // is read twice in chunks — ids and row checks, then scoring — and never held whole.
            var file = inputs.Job.Open(parse, context, parse.GetValue(inputs.Prospects)!, commit);
            string? relationPath = parse.GetValue(inputs.Relations);
            CustomerDataSet? Relations()
            {
                // Read after the prospect file has been checked, as when both were loaded in turn.
                if (relationPath is not null)
                    return inputs.Job.Load(parse, context, relationPath, commit, parse.GetValue(inputs.RelationSchema) ?? BuiltInSchemas.ProspectRelation, withRejectPath: false);
                context.Error.WriteLine("warning: no relation file (--input_data_path2): relation features and expansion are not available.");
                return null;
            }
            var request = new ProspectFileRequest(file.Path, file.Options, Relations, trained)
            {
                Region = parse.GetValue(region),
                ExpandRelations = (parse.GetValue(related) is not null || parse.GetValue(relatedPersons) is not null) && relationPath is not null,
                RelatedParty = RelatedPartySelection.All, // sorted into the two files below, and counted for the summary
                ProbabilityThreshold = parse.GetValue(probability),
                Drivers = 0,
                MaxUnmatchedRelationShare = parse.GetValue(inputs.Job.MaxRejectedShare),
                Checked = file.Checked,
            };
            var sink = context.Sink(parse);
            var list = commit.Add(results.Writer(parse, parse.GetValue(output)!));
            var relatedFile = parse.GetValue(related) is { } r && relationPath is not null ? commit.Add(results.Writer(parse, r, mayBeEmpty: true)) : null;
            var personsFile = parse.GetValue(relatedPersons) is { } rp && relationPath is not null ? commit.Add(results.Writer(parse, rp, mayBeEmpty: true)) : null;
            var scoreFile = parse.GetValue(scores) is { } scoresPath ? commit.Add(results.Writer(parse, scoresPath)) : null;
            var parties = new RelatedPartyTally();
            int scored = ProspectFileSearch.Find(request, p =>
            {
                if (p.Source == "Scored")
                {
                    list.WriteLine(p.ToResultFields());
                    return;
                }
                var target = parties.Add(p) switch
                {
                    RelatedPartySelection.Company => relatedFile,
                    RelatedPartySelection.Person => personsFile,
                    _ => null,
                };
                target?.WriteLine(ResultField.FromText(p.CustomerId), ResultField.FromText(p.ViaCustomerId), ResultField.FromText(p.RelationType));
            }, scoreFile is null ? null : (id, probability) => scoreFile.WriteLine(ResultField.FromText(id), ResultField.FromNumber(probability, 6)), sink, context.Cancel);
            commit.CommitAll();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scored {scored:N0} companies; {list.LinesWritten:N0} prospects in region '{request.Region}' written to {list.Path}{(request.ExpandRelations ? "; " + parties.Summary(relatedFile?.Path, personsFile?.Path) : "")}"));
            return inputs.Job.ExitCode;
        });
    }
}
