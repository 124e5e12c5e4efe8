using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Results;

namespace BankInsight.Jobs.Churn;

/// <summary>How to backtest next-month churn over consecutive monthly files.</summary>
public sealed class ChurnBacktestRequest(IReadOnlyList<CustomerDataSet> months)
{
    /// <summary>Monthly files of the same customers, oldest first; at least three.</summary>
    public IReadOnlyList<CustomerDataSet> Months { get; } = months;

    /// <summary>Decline that counts as churn.</summary>
    public double DeclineThreshold { get; init; } = ChurnLabels.DefaultDeclineThreshold;

    /// <summary>Learner.</summary>
    public ModelAlgorithm Algorithm { get; init; } = ModelAlgorithm.Gbdt;

    /// <summary>Seed for every model.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>
/// The rolling backtest (issue 11): for each month t with two months after it, train a
/// next-month model on (t, t+1) and check it on (t+1, t+2) — the model a bank would have had in
/// hand at t+1 — one row per month. It answers "would this have warned us in time, month after
/// month?", which one held-out split cannot.
/// </summary>
public static class ChurnBacktest
{
    /// <summary>One row per month that has two months after it, in order.</summary>
    public static IEnumerable<ChurnBacktestRow> Run(ChurnBacktestRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var months = request.Months;
        if (months.Count < 3)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"A rolling backtest needs at least three consecutive monthly files, oldest first (got {months.Count}): one to learn from, the next for its labels, and one more to check on.", months.Count);
        for (int t = 0; t + 2 < months.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trained = ChurnJob.Train(new ChurnTrainingRequest(months[t])
            {
                NextMonth = months[t + 1],
                DeclineThreshold = request.DeclineThreshold,
                Algorithm = request.Algorithm,
                Seed = request.Seed,
            }, sink, cancellationToken);
            var check = ChurnJob.Evaluate(new ChurnEvaluationRequest(trained.Model, months[t + 1]) { NextMonth = months[t + 2], DeclineThreshold = request.DeclineThreshold }, sink, cancellationToken);
            yield return new ChurnBacktestRow
            {
                TrainedOn = Name(months[t]),
                TestedOn = Name(months[t + 1]),
                Predicts = check.Predicts ?? "",
                Rows = check.Rows,
                PositiveRate = check.PositiveRate,
                RocAuc = check.RocAuc,
                PrAuc = check.PrAuc,
                Precision = check.Precision,
                Recall = check.Recall,
                LiftTop10 = check.LiftTop10,
            };
        }
    }

    // "2026-09" when the file's dates tell its month, else the file's name.
    private static string Name(CustomerDataSet month) =>
        DataMonth.Of(month)?.MonthEnd.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) ?? Path.GetFileName(month.Source);
}
