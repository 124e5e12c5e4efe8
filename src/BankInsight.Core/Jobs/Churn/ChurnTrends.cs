using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Features;

namespace BankInsight.Jobs.Churn;

/// <summary>
/// Features of movement for next-month churn: a decline that has started but not yet crossed the
/// churn line. Always the month's own ratio of financial assets to their three-month average; with
/// earlier months (t−1, t−2, …), per customer the change and ratio of balances and activity from
/// each earlier month to month t. A customer missing from an earlier month gets unknown values
/// there (the learners handle missing values), never a zero that would read as "no change".
/// </summary>
public static class ChurnTrends
{
    /// <summary>This month's financial assets over their three-month average.</summary>
    public const string AssetRatio = "金融资产月日均/近三个月金融资产月日均";

    /// <summary>The columns followed month over month: assets, deposits, loans, money leaving, and activity.</summary>
    public static readonly IReadOnlyList<string> Tracked =
    [
        ChurnColumns.CurrentAssets, "本月日均存款余额", "活期存款月日均", "本月日均贷款余额",
        "对公银银转账交易金额", "企业网银交易笔数", "企业网银交易金额", "柜面交易笔数",
    ];

    /// <summary>The feature specs for a model with <paramref name="historyMonths"/> earlier months (values from <see cref="Compute"/>).</summary>
    public static IEnumerable<FeatureSpec> Specs(int historyMonths) =>
        Names(historyMonths).Select(name => new FeatureSpec(name, name, FeatureTransform.Supplied, []));

    /// <summary>The values of every trend feature for each row of <paramref name="month"/>; <paramref name="history"/> holds t−1, t−2, … in that order.</summary>
    public static Dictionary<string, double[]> Compute(CustomerDataSet month, IReadOnlyList<CustomerDataSet> history, IOperationSink sink)
    {
        int n = month.RowCount;
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal) { [AssetRatio] = Ratio(n, Numbers(month, ChurnColumns.CurrentAssets), Numbers(month, ChurnColumns.ThreeMonthAssets)) };
        for (int k = 1; k <= history.Count; k++)
        {
            var earlier = history[k - 1];
            var join = MonthJoin.Of(month, earlier);
            sink.Verbose($"Churn trends: {n - join.OnlyHere:N0} of {n:N0} customers of {month.Source} found {k} month(s) earlier in {earlier.Source}; {join.OnlyHere:N0} not there (new, or their ids changed).");
            foreach (string column in Tracked)
            {
                var now = Numbers(month, column);
                var then = Numbers(earlier, column);
                var change = new double[n];
                var ratio = new double[n];
                for (int i = 0; i < n; i++)
                {
                    int j = join.RowInOther[i];
                    double before = j < 0 || then is null ? double.NaN : then[j], current = now?[i] ?? double.NaN;
                    change[i] = current - before;
                    ratio[i] = before > 0 ? current / before : double.NaN;
                }
                values[ChangeName(column, k)] = change;
                values[RatioName(column, k)] = ratio;
            }
        }
        return values;
    }

    private static IEnumerable<string> Names(int historyMonths) =>
        new[] { AssetRatio }.Concat(Enumerable.Range(1, historyMonths).SelectMany(k => Tracked.SelectMany(c => new[] { ChangeName(c, k), RatioName(c, k) })));

    private static string ChangeName(string column, int months) => $"{column}:change_{months}m";

    private static string RatioName(string column, int months) => $"{column}:ratio_{months}m";

    private static double[] Ratio(int n, double[]? top, double[]? bottom)
    {
        var ratio = new double[n];
        for (int i = 0; i < n; i++) ratio[i] = top is null || bottom is null || !(bottom[i] > 0) ? double.NaN : top[i] / bottom[i];
        return ratio;
    }

    // A column's numbers (NaN where empty), or null when the file lacks it (dropped: empty in every row).
    private static double[]? Numbers(CustomerDataSet data, string column) => (data.Find(column) as NumericColumn)?.Data;
}
