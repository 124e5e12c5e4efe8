using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;

namespace BankInsight.Jobs.Churn;

/// <summary>The churn file's columns the job relies on (SPEC "1. Corporate churn early warning").</summary>
public static class ChurnColumns
{
    /// <summary>Customer id.</summary>
    public const string Id = "客户编号";
    /// <summary>Customer name.</summary>
    public const string Name = "客户名称";
    /// <summary>This month's average daily financial assets.</summary>
    public const string CurrentAssets = "金融资产月日均";
    /// <summary>The three-month average of average daily financial assets.</summary>
    public const string ThreeMonthAssets = "近三个月金融资产月日均";
}

/// <summary>Churn labels of a file, and why some rows have none.</summary>
/// <param name="Labels">Per row: true (churned), false, or null (no label can be made).</param>
/// <param name="ZeroAverage">Rows whose three-month average is zero or negative.</param>
/// <param name="MissingValues">Rows where either asset figure is empty.</param>
public sealed record ChurnLabelSet(bool?[] Labels, int ZeroAverage, int MissingValues)
{
    /// <summary>Rows without a label.</summary>
    public int Unlabelled => ZeroAverage + MissingValues;
}

/// <summary>
/// The churn label: a customer has churned when this month's average daily financial assets
/// fell by more than the decline threshold against the three-month average, i.e.
/// current / three-month &lt; 1 − threshold (strictly; exactly at the boundary is not churn).
/// A zero, negative or missing three-month average, or a missing current figure, gives no label.
/// </summary>
public static class ChurnLabels
{
    /// <summary>Default decline threshold: assets more than halved.</summary>
    public const double DefaultDeclineThreshold = 0.5;

    /// <summary>Labels every row of <paramref name="data"/>, warning once about the rows that cannot be labelled.</summary>
    public static ChurnLabelSet Make(CustomerDataSet data, double declineThreshold, IOperationSink sink)
    {
        if (!(declineThreshold is > 0 and < 1)) // written so that NaN fails too
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"DeclineThreshold must be between 0 and 1 (got {declineThreshold}).", declineThreshold);
        var current = Column(data, ChurnColumns.CurrentAssets);
        var average = Column(data, ChurnColumns.ThreeMonthAssets);
        var labels = new bool?[data.RowCount];
        int zero = 0, missing = 0;
        double cut = 1 - declineThreshold;
        for (int i = 0; i < labels.Length; i++)
        {
            double now = current?[i] ?? double.NaN, before = average?[i] ?? double.NaN;
            if (double.IsNaN(now) || double.IsNaN(before)) { missing++; continue; }
            if (before <= 0) { zero++; continue; }
            labels[i] = now / before < cut;
        }
        if (zero + missing > 0)
            sink.Warning($"{zero + missing:N0} row(s) of {data.Source} have no churn label ({zero:N0} with a zero three-month average, {missing:N0} with an empty asset figure); they are left out of training and evaluation.");
        return new ChurnLabelSet(labels, zero, missing);
    }

    private static NumericColumn? Column(CustomerDataSet data, string name)
    {
        if (data.Find(name) is NumericColumn column) return column;
        if (data.DroppedColumns.Contains(name)) return null; // empty in every row: every row is unlabelled
        throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
            $"{data.Source} has no numeric column '{name}', which the churn label needs (schema {data.Schema.Name}).", data.Source);
    }
}
