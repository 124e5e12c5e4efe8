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

    /// <summary>Transactions on every channel this month: the sum of the count columns (…笔数, …次数).</summary>
    public const string Transactions = "交易笔数合计";

    /// <summary>Services signed: how many signing dates the row has (a cancelled service loses its date).</summary>
    public const string Services = "签约服务数";

    /// <summary>
    /// The figures followed month over month: assets, deposits, loans, money leaving, all
    /// transactions and the services signed. A company leaving shows it on every channel at once, a
    /// little on each; summed, the fall stands out of the noise of any one channel.
    /// </summary>
    public static readonly IReadOnlyList<string> Tracked =
    [
        ChurnColumns.CurrentAssets, "本月日均存款余额", "活期存款月日均", "本月日均贷款余额",
        "对公银银转账交易金额", "柜面交易笔数", Transactions, Services,
    ];

    /// <summary>The feature specs for a model with <paramref name="historyMonths"/> earlier months (values from <see cref="Compute"/>).</summary>
    public static IEnumerable<FeatureSpec> Specs(int historyMonths) =>
        Names(historyMonths).Select(name => new FeatureSpec(name, name, FeatureTransform.Supplied, []));

    /// <summary>The values of every trend feature for each row of <paramref name="month"/>; <paramref name="history"/> holds t−1, t−2, … in that order.</summary>
    public static Dictionary<string, double[]> Compute(CustomerDataSet month, IReadOnlyList<CustomerDataSet> history, IOperationSink sink)
    {
        int n = month.RowCount;
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            [AssetRatio] = Ratio(n, Numbers(month, ChurnColumns.CurrentAssets), Numbers(month, ChurnColumns.ThreeMonthAssets)),
            [Transactions] = Figure(month, Transactions)!,
            [Services] = Figure(month, Services)!,
        };
        for (int k = 1; k <= history.Count; k++)
        {
            var earlier = history[k - 1];
            var join = MonthJoin.Of(month, earlier);
            sink.Verbose($"Churn trends: {n - join.OnlyHere:N0} of {n:N0} customers of {month.Source} found {k} month(s) earlier in {earlier.Source}; {join.OnlyHere:N0} not there (new, or their ids changed).");
            foreach (string column in Tracked)
            {
                var now = Figure(month, column);
                var then = Figure(earlier, column);
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
        new[] { AssetRatio, Transactions, Services }.Concat(Enumerable.Range(1, historyMonths).SelectMany(k => Tracked.SelectMany(c => new[] { ChangeName(c, k), RatioName(c, k) })));

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

    // A tracked figure: a column, or one of the sums above.
    private static double[]? Figure(CustomerDataSet data, string name) => name switch
    {
        Transactions => Sum(data, data.Columns.OfType<NumericColumn>().Where(c => c.Name.EndsWith("笔数", StringComparison.Ordinal) || c.Name.EndsWith("次数", StringComparison.Ordinal))),
        Services => SignedServices(data),
        _ => Numbers(data, name),
    };

    // Empty counts add nothing; a row with no count at all is unknown, not zero.
    private static double[] Sum(CustomerDataSet data, IEnumerable<NumericColumn> columns)
    {
        var sum = new double[data.RowCount];
        Array.Fill(sum, double.NaN);
        foreach (var column in columns)
        {
            var values = column.Data;
            for (int i = 0; i < sum.Length; i++)
                if (!double.IsNaN(values[i])) sum[i] = double.IsNaN(sum[i]) ? values[i] : sum[i] + values[i];
        }
        return sum;
    }

    private static double[] SignedServices(CustomerDataSet data)
    {
        var count = new double[data.RowCount];
        foreach (var column in data.Columns.OfType<DateColumn>())
        {
            var days = column.DayNumbers;
            for (int i = 0; i < count.Length; i++) if (days[i] != DateColumn.Missing) count[i]++;
        }
        return count;
    }
}
