using System.CommandLine;
using System.Globalization;
using System.Text;
using BankInsight.Common;
using BankInsight.Jobs;
using BankInsight.Jobs.Churn;
using BankInsight.Jobs.Prospects;
using BankInsight.Jobs.Retail;
using BankInsight.Monitoring;
using BankInsight.Reporting;
using BankInsight.Reporting.Sections;

namespace BankInsight.Cli;

/// <summary>
/// <c>bankinsight report</c>: the month's jobs run on the files given and drawn into one
/// self-contained HTML page (Export-BankReport's page), and with --charts_path each chart as an
/// SVG file. Any of the three inputs may be left out; its section is then left out too.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output_data_path") { Description = "The HTML file to write.", Required = true };
        var churn = new Option<string?>("--churn_path") { Description = "The month's churn file (CorporateChurn)." };
        var churnModel = new Option<string?>("--churn_model") { Description = "The churn model (default: the shipped customer_losing)." };
        var nextMonth = new Option<string?>("--next_month_path") { Description = "For a next-month churn model: the month after, whose figures label the evaluation (gains, lift, ROC)." };
        var prospects = new Option<string?>("--prospect_path1") { Description = "The prospect file (CorporateProspect)." };
        var relations = new Option<string?>("--prospect_path2") { Description = "Its relation file (ProspectRelation)." };
        var retail = new Option<string?>("--retail_path") { Description = "The retail file: segments, rules per segment, offers and product opportunities." };
        var charts = new Option<string?>("--charts_path") { Description = "Also write every chart as <name>.svg into this folder." };
        var title = new Option<string>("--title") { Description = "The page title.", DefaultValueFactory = _ => "BankInsight 月度报告 Monthly report" };
        var job = new JobInput(Data.Schemas.BuiltInSchemas.CorporateChurn);
        var command = new Command("report", "Run the month's jobs and write one self-contained HTML page of charts and tables (and, with --charts_path, each chart as SVG).")
            { output, churn, churnModel, nextMonth, prospects, relations, retail, charts, title };
        job.AddTo(command, dataMonth: true);
        return command.WithAction(context, parse =>
        {
            job.CheckPaths(parse, ("--churn_path", parse.GetValue(churn), false), ("--next_month_path", parse.GetValue(nextMonth), false),
                ("--prospect_path1", parse.GetValue(prospects), false), ("--prospect_path2", parse.GetValue(relations), false),
                ("--retail_path", parse.GetValue(retail), false), ("--output_data_path", parse.GetValue(output), true));
            if (parse.GetValue(churn) is null && parse.GetValue(prospects) is null && parse.GetValue(retail) is null)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, "Give at least one of --churn_path, --prospect_path1, --retail_path: the report draws the jobs run on them.", null);
            if (parse.GetValue(charts) is { } folder && !Directory.Exists(folder))
                throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.InvalidArgument, $"--charts_path '{folder}' is not a folder; create it first.", folder);
            var sink = context.Sink(parse);
            using var commit = new CommitGroup();
            var contents = new ReportContents();
            if (parse.GetValue(churn) is { } churnPath) Churn(parse, context, job, commit, contents, churnPath, parse.GetValue(churnModel), parse.GetValue(nextMonth), sink);
            ProspectSteps? steps = null;
            if (parse.GetValue(prospects) is { } prospectPath) steps = Prospects(parse, context, job, commit, contents, prospectPath, parse.GetValue(relations), sink);
            if (parse.GetValue(retail) is { } retailPath) Retail(parse, context, job, commit, contents, retailPath, sink);
            var report = ReportBuilder.Build(contents, parse.GetValue(title)!, steps);
            string page = HtmlPage.Render(report);
            Write(commit, parse.GetValue(output)!, page);
            if (parse.GetValue(charts) is { } chartFolder)
                foreach (var chart in report.Charts) Write(commit, Path.Combine(chartFolder, chart.Name + ".svg"), chart.Svg);
            commit.CommitAll();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"report written to {parse.GetValue(output)}: {report.Sections.Count} sections, {report.Charts.Count()} charts, {Encoding.UTF8.GetByteCount(page):N0} bytes"));
            return job.ExitCode;
        });
    }

    private static void Write(CommitGroup commit, string path, string text)
    {
        var writer = commit.Add(new AtomicFileWriter(path));
        writer.Stream.Write(new UTF8Encoding(false).GetBytes(text));
    }

    private static void Churn(ParseResult parse, CliContext context, JobInput job, CommitGroup commit, ReportContents contents, string path, string? modelPath, string? nextPath, IOperationSink sink)
    {
        var model = JobInput.LoadModel(modelPath, ShippedModels.Churn, ChurnJob.Purpose);
        var data = job.Load(parse, context, path, commit, Data.Schemas.BuiltInSchemas.CorporateChurn);
        var month = job.Month(parse);
        foreach (var p in ChurnJob.Predict(new ChurnPredictionRequest(data, model) { IncludeAll = true, Drivers = 0, DataMonth = month }, sink, context.Cancel))
            contents.Add(p);
        bool nextMonthModel = ChurnJob.PredictsNextMonth(model);
        if (!nextMonthModel || nextPath is not null)
        {
            var next = nextPath is null ? null : job.Load(parse, context, nextPath, commit, Data.Schemas.BuiltInSchemas.CorporateChurn, withRejectPath: false);
            contents.Add(ChurnJob.Evaluate(new ChurnEvaluationRequest(model, data) { NextMonth = next, DataMonth = month }, sink, context.Cancel));
        }
        if (model.Profile is not null)
            contents.Add(ChurnMonitorJob.Monitor(new ChurnMonitorRequest(model, data) { DataMonth = month }, sink, context.Cancel));
    }

    private static ProspectSteps Prospects(ParseResult parse, CliContext context, JobInput job, CommitGroup commit, ReportContents contents, string path, string? relationPath, IOperationSink sink)
    {
        var model = JobInput.LoadModel(null, ShippedModels.Prospect, ProspectJob.Purpose);
        var prospects = job.Load(parse, context, path, commit, Data.Schemas.BuiltInSchemas.CorporateProspect, withRejectPath: false);
        var relations = relationPath is null ? null : job.Load(parse, context, relationPath, commit, Data.Schemas.BuiltInSchemas.ProspectRelation, withRejectPath: false);
        var request = new ProspectSearchRequest(prospects, relations, model)
        {
            ExpandRelations = relations is not null, RelatedParty = RelatedPartySelection.All, Drivers = 0,
            MaxUnmatchedRelationShare = parse.GetValue(job.MaxRejectedShare),
        };
        int inRegion = 0;
        foreach (var p in ProspectJob.Find(request, sink, context.Cancel))
        {
            if (p.Source == "Scored") inRegion++;
            contents.Add(p);
        }
        var (_, probabilities) = ProspectJob.Scores(request, NullSink.Instance, context.Cancel);
        double threshold = model.SettingOr("decision_threshold", 0.5);
        return new ProspectSteps(prospects.RowCount, probabilities.Count(p => p >= threshold), inRegion, request.Region ?? "");
    }

    private static void Retail(ParseResult parse, CliContext context, JobInput job, CommitGroup commit, ReportContents contents, string path, IOperationSink sink)
    {
        var data = job.Load(parse, context, path, commit, Data.Schemas.BuiltInSchemas.Retail, withRejectPath: false);
        var segmentation = SegmentationModel.LoadShipped();
        foreach (var profile in SegmentationJob.Profiles(data, segmentation, sink, context.Cancel)) contents.Add(profile);
        var rules = CrossSellJob.Rules(new CrossSellRuleRequest(data) { PerCluster = true, Model = segmentation }, sink, context.Cancel);
        foreach (var rule in rules) contents.Add(rule);
        foreach (var offer in CrossSellJob.Recommend(new CrossSellRecommendationRequest(data) { Rules = rules, Model = segmentation }, sink, context.Cancel)) contents.Add(offer);
        foreach (var o in ProductOpportunityJob.Find(new ProductOpportunityRequest(data), sink, context.Cancel)) contents.Add(o);
    }
}
