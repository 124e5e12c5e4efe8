using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Metrics;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.Jobs.Churn;

/// <summary>How to train a churn model.</summary>
public sealed class ChurnTrainingRequest(CustomerDataSet data)
{
    /// <summary>The labelled month.</summary>
    public CustomerDataSet Data { get; } = data;

    /// <summary>Decline that counts as churn (0.5: assets more than halved).</summary>
    public double DeclineThreshold { get; init; } = ChurnLabels.DefaultDeclineThreshold;

    /// <summary>Learner.</summary>
    public ModelAlgorithm Algorithm { get; init; } = ModelAlgorithm.Gbdt;

    /// <summary>The data's month (dates are measured to its end); derived from the file when null.</summary>
    public DateOnly? DataMonth { get; init; }

    /// <summary>Seed for the hold-out split and the learner.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Share of labelled rows held out for the metrics and the threshold.</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>Trees hyper-parameters.</summary>
    public GbdtOptions Gbdt { get; init; } = new();

    /// <summary>Logistic regression hyper-parameters.</summary>
    public LogisticRegressionOptions Logistic { get; init; } = new();

    /// <summary>Where to save the model, or null.</summary>
    public OutputFile? OutFile { get; init; }

    /// <summary>
    /// The month after <see cref="Data"/>: when given, the model learns next-month churn — labels
    /// from this file, features from <see cref="Data"/> (balances included). Null: the old
    /// delivery's same-month labels.
    /// </summary>
    public CustomerDataSet? NextMonth { get; init; }

    /// <summary>Earlier months (t−1, t−2, … in that order) for trend features; next-month models only.</summary>
    public IReadOnlyList<CustomerDataSet> History { get; init; } = [];

    /// <summary>Whether a customer missing from <see cref="NextMonth"/> counts as churned (else unlabelled).</summary>
    public bool AbsentIsChurn { get; init; } = true;
}

/// <summary>How to evaluate a churn model on a month it did not learn from.</summary>
public sealed class ChurnEvaluationRequest(TrainedModel model, CustomerDataSet data)
{
    /// <summary>The model.</summary>
    public TrainedModel Model { get; } = model;

    /// <summary>The month scored (month t).</summary>
    public CustomerDataSet Data { get; } = data;

    /// <summary>For a next-month model: month t+1, whose figures give the labels.</summary>
    public CustomerDataSet? NextMonth { get; init; }

    /// <summary>Earlier months (t−1, …) for a model with trend features.</summary>
    public IReadOnlyList<CustomerDataSet> History { get; init; } = [];

    /// <summary>Overrides the model's decline threshold.</summary>
    public double? DeclineThreshold { get; init; }

    /// <summary>Month t; derived from the file when null.</summary>
    public DateOnly? DataMonth { get; init; }
}

/// <summary>How to score a month with a churn model.</summary>
public sealed class ChurnPredictionRequest(CustomerDataSet data, TrainedModel model)
{
    /// <summary>The month to score.</summary>
    public CustomerDataSet Data { get; } = data;

    /// <summary>The churn model.</summary>
    public TrainedModel Model { get; } = model;

    /// <summary>Emit every customer, not only the predicted churners.</summary>
    public bool IncludeAll { get; init; }

    /// <summary>Overrides the model's decision threshold.</summary>
    public double? ProbabilityThreshold { get; init; }

    /// <summary>The data's month; derived from the file when null.</summary>
    public DateOnly? DataMonth { get; init; }

    /// <summary>Drivers per customer (0 = none, which is much faster for scoring everyone).</summary>
    public int Drivers { get; init; } = 3;

    /// <summary>Earlier months (t−1, t−2, …) for a next-month model trained with trend features.</summary>
    public IReadOnlyList<CustomerDataSet> History { get; init; } = [];
}

/// <summary>
/// Corporate churn early warning (SPEC "1."): label, train, evaluate on a later month, and
/// score. Features are every column but id, name and the two label columns; dates become
/// "signed" flags and months since signing relative to the data month.
/// </summary>
public static class ChurnJob
{
    /// <summary>The purpose written into churn models.</summary>
    public const string Purpose = "churn";

    private static readonly string[] NotFeatures = [ChurnColumns.Id, ChurnColumns.Name, ChurnColumns.CurrentAssets, ChurnColumns.ThreeMonthAssets];

    // Signing dates after the month the job runs in are errors in the export (2099-12-31 for "no
    // end", a mistyped year); they never set the data month, and ops should hear of them.
    internal static void WarnAboutFutureDates(DataMonth? found, CustomerDataSet data, IOperationSink sink)
    {
        if (found is { FutureDates: > 0 } f)
            sink.Warning($"{f.FutureDates:N0} date(s) of {data.Source} lie after this month (e.g. {f.FutureExample:yyyy-MM-dd}); they do not set the data month, which is {f.MonthEnd:yyyy-MM} (--data_month / -DataMonth sets it).");
    }

    /// <summary>
    /// Trains and (optionally) saves a churn model; returns it with its held-out metrics. With
    /// <see cref="ChurnTrainingRequest.NextMonth"/> the model predicts next month's churn from this
    /// month (see <see cref="NextMonthLabels"/>); without, this month's (the old delivery's labels).
    /// </summary>
    public static ModelTrainingResult Train(ChurnTrainingRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var data = request.Data;
        var found = request.DataMonth is null ? DataMonth.Of(data) : null;
        WarnAboutFutureDates(found, data, sink);
        var reference = MonthEnd(request.DataMonth) ?? found?.MonthEnd;
        string threshold = request.DeclineThreshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string> { ["decline_threshold"] = threshold, ["data_month"] = Month(reference) };
        bool?[] labels;
        int unlabelled;
        FeaturePlan plan;
        Dictionary<string, double[]>? supplied = null;
        if (request.History.Count > MaxHistoryMonths)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"At most {MaxHistoryMonths} earlier months make trend features (got {request.History.Count}).", request.History.Count);
        if (request.NextMonth is { } next)
        {
            ChurnMonths.Check(data, reference, next, request.History, sink);
            var set = NextMonthLabels.Make(data, next, request.DeclineThreshold, request.AbsentIsChurn, sink);
            (labels, unlabelled) = (set.Labels, set.Unlabelled);
            // Month t's balances are history now, not the answer: every column but id and name is a feature.
            plan = FeaturePlan.FromData(data, [ChurnColumns.Id, ChurnColumns.Name], reference).With(ChurnTrends.Specs(request.History.Count));
            supplied = ChurnTrends.Compute(data, request.History, sink);
            settings["label_mode"] = NextMonthMode;
            settings["absent_is_churn"] = request.AbsentIsChurn ? "true" : "false";
            settings["history_months"] = request.History.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            if (request.History.Count > 0)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, "Earlier months (history) make trend features for a next-month model: give the next month's file too.", null);
            var set = ChurnLabels.Make(data, request.DeclineThreshold, sink);
            (labels, unlabelled) = (set.Labels, set.Unlabelled);
            plan = FeaturePlan.FromData(data, NotFeatures, reference);
        }
        sink.Verbose($"Churn: {plan.Features.Count} features from {data.Source}{(found is not null ? $", dates measured to {found}" : reference is { } r ? $", dates measured to {r:yyyy-MM-dd} (given)" : "")}, decline threshold {request.DeclineThreshold}, predicting {Predicts(settings, reference)}.");
        return ClassifierTraining.Train(new TrainingInput(Purpose, data, plan, supplied, labels, unlabelled, request.Algorithm,
            request.Gbdt, request.Logistic, request.HoldOutFraction, request.Seed, settings, request.OutFile), sink, cancellationToken);
    }

    /// <summary>Most earlier months a next-month model uses for trends: two years.</summary>
    public const int MaxHistoryMonths = 24;

    /// <summary>The label mode written into next-month models; a model without one is same-month.</summary>
    public const string NextMonthMode = "next_month";

    /// <summary>True for a model that predicts next month's churn.</summary>
    public static bool PredictsNextMonth(TrainedModel model) => model.Settings.GetValueOrDefault("label_mode") == NextMonthMode;

    // "churn by 2026-11" or "churn in 2026-10": what a probability is of, for a data month.
    internal static string Predicts(IReadOnlyDictionary<string, string> settings, DateOnly? month)
    {
        bool next = settings.GetValueOrDefault("label_mode") == NextMonthMode;
        if (month is not { } m) return next ? "churn by next month" : "churn this month";
        return next ? $"churn by {m.AddMonths(1):yyyy-MM}" : $"churn in {m:yyyy-MM}";
    }

    private static string Month(DateOnly? month) => month?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// Evaluates a churn model on a labelled file — typically a later month — with the model's
    /// decline threshold (unless given) and decision threshold.
    /// </summary>
    public static ClassifierEvaluation Evaluate(TrainedModel model, CustomerDataSet data, IOperationSink sink,
        double? declineThreshold = null, DateOnly? dataMonth = null, CancellationToken cancellationToken = default) =>
        Evaluate(new ChurnEvaluationRequest(model, data) { DeclineThreshold = declineThreshold, DataMonth = dataMonth }, sink, cancellationToken);

    /// <summary>
    /// Evaluates a churn model on a month it did not learn from: a same-month model on that month's
    /// own labels, a next-month model on month t's features and month t+1's labels
    /// (<see cref="ChurnEvaluationRequest.NextMonth"/>, required for it).
    /// </summary>
    public static ClassifierEvaluation Evaluate(ChurnEvaluationRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var (model, data) = (request.Model, request.Data);
        RequireChurnModel(model);
        double decline = request.DeclineThreshold ?? model.SettingOr("decline_threshold", ChurnLabels.DefaultDeclineThreshold);
        var found = request.DataMonth is null ? DataMonth.Of(data) : null;
        var reference = MonthEnd(request.DataMonth) ?? found?.MonthEnd;
        bool?[] labels;
        int unlabelled;
        if (PredictsNextMonth(model))
        {
            var next = request.NextMonth ?? throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"Model {model.Source ?? "(in memory)"} predicts next month's churn: give the month after {data.Source} (-NextMonthPath / --next_month_path) for its labels.", model.Source);
            ChurnMonths.Check(data, reference, next, request.History, sink);
            var set = NextMonthLabels.Make(data, next, decline, model.Settings.GetValueOrDefault("absent_is_churn", "true") == "true", sink);
            (labels, unlabelled) = (set.Labels, set.Unlabelled);
        }
        else
        {
            if (request.NextMonth is not null)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                    $"Model {model.Source ?? "(in memory)"} predicts churn within the month it scores (the old delivery's labels); it is evaluated on one file's own labels. Leave out the next month's file, or train a next-month model (--next_month_path).", model.Source);
            var set = ChurnLabels.Make(data, decline, sink);
            (labels, unlabelled) = (set.Labels, set.Unlabelled);
        }
        var rows = Enumerable.Range(0, data.RowCount).Where(i => labels[i] is not null).ToArray();
        if (rows.Length == 0)
            throw new BankInsightException(ErrorIds.TrainingDataInvalid, ErrorKind.InvalidOperation, $"{data.Source} has no labelled rows to evaluate on.", data.Source);
        var features = model.Features(data, sink, reference ?? FeaturePlan.LatestMonthEnd(data), Supplied(model, data, request.History, sink)).Select(rows);
        var probabilities = Logistic.Probabilities(model.Classifier.PredictRaw(features, cancellationToken));
        var truth = rows.Select(i => labels[i]!.Value).ToArray();
        var evaluation = BinaryEvaluation.Evaluate(probabilities, truth, ClassifierTraining.DecisionThreshold(model, null));
        string predicts = Predicts(model.Settings, reference) + (request.NextMonth is { } n ? $" (labels from {n.Source})" : "");
        return ClassifierEvaluation.From(Purpose, model.Source ?? "(in memory)", data.Source, evaluation, unlabelled, probabilities, truth, predicts,
            Explain.FeatureEffects.Top(model.Classifier, features, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Scores every customer; yields the predicted churners (or everyone) in file order, as they
    /// are explained, block by block, so a caller can write them while the rest is still being computed.
    /// </summary>
    public static IEnumerable<ChurnPrediction> Predict(ChurnPredictionRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var model = request.Model;
        RequireChurnModel(model);
        var data = request.Data;
        double threshold = ClassifierTraining.DecisionThreshold(model, request.ProbabilityThreshold);
        // Which month dates are measured to changes the scores: say it, and why.
        var found = request.DataMonth is null ? DataMonth.Of(data) : null;
        WarnAboutFutureDates(found, data, sink);
        var reference = MonthEnd(request.DataMonth) ?? found?.MonthEnd;
        if (found is not null) sink.Verbose($"Churn: dates of {data.Source} measured to {found} (a data month given sets it instead).");
        else if (reference is { } given) sink.Verbose($"Churn: dates of {data.Source} measured to {given:yyyy-MM-dd}, the data month given.");
        var features = model.Features(data, sink, reference, Supplied(model, data, request.History, sink));
        var probabilities = Logistic.Probabilities(model.Classifier.PredictRaw(features, cancellationToken));
        string predicts = Predicts(model.Settings, reference);
        _ = data.Ids ?? throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"{data.Source} has no customer id column.", data.Source);
        var shown = ShownColumns.Of(data);
        var already = AlreadyChurned(model, data, probabilities, threshold, sink);
        bool Warned(int i) => probabilities[i] >= threshold && !already[i];
        var emitted = Enumerable.Range(0, data.RowCount).Where(i => request.IncludeAll || Warned(i)).ToArray();
        sink.Verbose($"Churn: {data.RowCount:N0} customers scored, {probabilities.Count(p => p >= threshold):N0} at or above the threshold {threshold:F4}.");
        const int block = 1024;
        for (int start = 0; start < emitted.Length; start += block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = emitted.AsSpan(start, Math.Min(block, emitted.Length - start)).ToArray();
            var explained = request.Drivers > 0 ? model.Classifier.Explain(features, rows, cancellationToken) : null;
            for (int k = 0; k < rows.Length; k++)
                yield return Prediction(shown, rows[k], probabilities[rows[k]], Warned(rows[k]), already[rows[k]], threshold, predicts, explained, k, request.Drivers);
            sink.Progress(new OperationProgress("Scoring churn", $"{Math.Min(start + block, emitted.Length):N0} of {emitted.Length:N0} customers", (double)Math.Min(start + block, emitted.Length) / emitted.Length));
        }
        sink.Progress(new OperationProgress("Scoring churn", $"{emitted.Length:N0} customers", 1, Completed: true));
    }

    /// <summary>The columns a prediction shows, found once per data set (not per row).</summary>
    internal sealed record ShownColumns(CustomerDataSet Data, TextColumn Ids, TextColumn? Names, NumericColumn? Assets)
    {
        public static ShownColumns Of(CustomerDataSet data) =>
            new(data, data.Ids!, data.Find(ChurnColumns.Name) as TextColumn, data.Find(ChurnColumns.CurrentAssets) as NumericColumn);
    }

    /// <summary>Row <paramref name="row"/> as a prediction (drivers from row <paramref name="explainedRow"/> of <paramref name="explained"/>).</summary>
    internal static ChurnPrediction Prediction(ShownColumns shown, int row, double p, bool warned, bool alreadyChurned, double threshold, string predicts,
        Learners.Contributions? explained, int explainedRow, int drivers)
    {
        var (data, assets) = (shown.Data, shown.Assets);
        var (text, top) = explained is null ? (null, []) : ClassifierTraining.Drivers(explained, explainedRow, drivers);
        return new ChurnPrediction
        {
            CustomerId = shown.Ids[row]!,
            CustomerName = shown.Names?[row],
            Probability = p,
            IsChurn = warned,
            AlreadyChurned = alreadyChurned,
            Threshold = threshold,
            RiskBand = !warned ? RiskBand.Low : p >= threshold + (1 - threshold) / 2 ? RiskBand.High : RiskBand.Medium,
            Predicts = predicts,
            Assets = assets is null || double.IsNaN(assets[row]) ? null : assets[row],
            AssetsAtRisk = assets is null || double.IsNaN(assets[row]) ? null : Math.Round(p * assets[row], 2),
            Drivers = text,
            Driver1 = top.Count > 0 ? top[0].Feature : null,
            Driver1Effect = top.Count > 0 ? top[0].Contribution : null,
            Driver2 = top.Count > 1 ? top[1].Feature : null,
            Driver2Effect = top.Count > 1 ? top[1].Contribution : null,
            Driver3 = top.Count > 2 ? top[2].Feature : null,
            Driver3Effect = top.Count > 2 ? top[2].Contribution : null,
            Line = data.GetSourceLine(row),
            File = data.Source,
        };
    }

    /// <summary>
    /// Per row: for a next-month model, whether this month's own figures already meet the model's
    /// churn rule. Those customers were left out of its training (gone, not about to go) and are left
    /// off its warning list, said once, since a list of them would spend a relationship manager's
    /// month on money that has already left. All false for a same-month model.
    /// </summary>
    private static bool[] AlreadyChurned(TrainedModel model, CustomerDataSet data, double[] probabilities, double threshold, IOperationSink sink)
    {
        var (already, gone, warned) = AlreadyChurned(model, data, probabilities, threshold);
        WarnAlreadyChurned(data.Source, gone, warned, sink);
        return already;
    }

    /// <summary>The rows already over the churn line, how many, and how many of those scored above the threshold.</summary>
    internal static (bool[] Already, int Gone, int Warned) AlreadyChurned(TrainedModel model, CustomerDataSet data, double[] probabilities, double threshold)
    {
        var already = new bool[data.RowCount];
        if (!PredictsNextMonth(model)) return (already, 0, 0);
        var labels = ChurnLabels.Make(data, model.SettingOr("decline_threshold", ChurnLabels.DefaultDeclineThreshold), NullSink.Instance).Labels;
        int gone = 0, warned = 0;
        for (int i = 0; i < already.Length; i++)
        {
            if (labels[i] != true) continue;
            already[i] = true;
            gone++;
            if (probabilities[i] >= threshold) warned++;
        }
        return (already, gone, warned);
    }

    internal static void WarnAlreadyChurned(string source, int gone, int warned, IOperationSink sink)
    {
        if (warned > 0)
            sink.Warning($"{warned:N0} customer(s) of {source} scored above the threshold are already over the churn line this month ({gone:N0} in all); the next-month list leaves them off, as customers already gone, not about to go. The same-month model lists them; Invoke-ChurnPrediction -IncludeAll shows them (AlreadyChurned), and the runner's --scores_path keeps their scores.");
    }

    /// <summary>
    /// The trend features a next-month model needs (null for a same-month model). Earlier months the
    /// model used but the caller did not give leave their features unknown, with one warning.
    /// </summary>
    internal static Dictionary<string, double[]>? Supplied(TrainedModel model, CustomerDataSet data, IReadOnlyList<CustomerDataSet> history, IOperationSink sink)
    {
        if (!PredictsNextMonth(model)) return null;
        // The file's value is bounded like every model value: a crafted count must not allocate.
        if (!int.TryParse(model.Settings.GetValueOrDefault("history_months", "0"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int used) || used > MaxHistoryMonths)
            throw new BankInsightException(ErrorIds.ModelDamaged, ErrorKind.InvalidData, $"Model {model.Source ?? "(in memory)"}: [settings] history_months={model.Settings.GetValueOrDefault("history_months")} is not a count of 0 to {MaxHistoryMonths} earlier months.", model.Source);
        if (history.Count < used)
            sink.Warning($"The model learnt trends from {used} earlier month(s); {history.Count} given, so the trends over the missing months are unknown for every customer (give them with -HistoryPath / --history_path).");
        var supplied = ChurnTrends.Compute(data, history.Take(used).ToList(), sink);
        foreach (var spec in ChurnTrends.Specs(used)) supplied.TryAdd(spec.Name, Unknown(data.RowCount));
        return supplied;
    }

    private static double[] Unknown(int rows)
    {
        var values = new double[rows];
        Array.Fill(values, double.NaN);
        return values;
    }

    /// <summary>Loads the shipped churn model.</summary>
    public static TrainedModel LoadShippedModel() => TrainedModel.Load(ShippedModels.Locate(ShippedModels.Churn), Purpose);

    internal static void RequireChurnModel(TrainedModel model)
    {
        if (model.Purpose != Purpose)
            throw new BankInsightException(ErrorIds.ModelKindMismatch, ErrorKind.InvalidArgument,
                $"Model {model.Source ?? "(in memory)"} is a {model.Purpose} model; churn prediction needs a churn model.", model.Source);
    }

    internal static DateOnly? MonthEnd(DateOnly? month) =>
        month is { } m ? new DateOnly(m.Year, m.Month, DateTime.DaysInMonth(m.Year, m.Month)) : null;
}
