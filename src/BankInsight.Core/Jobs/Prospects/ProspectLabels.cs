using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;

namespace BankInsight.Jobs.Prospects;

/// <summary>The prospect and relation files' columns the job relies on (SPEC "2.").</summary>
public static class ProspectColumns
{
    /// <summary>Customer id (both files).</summary>
    public const string Id = "客户编号";
    /// <summary>Monthly average transaction amount (label input).</summary>
    public const string MonthlyAmount = "月均交易金额";
    /// <summary>Monthly average transaction count (label input).</summary>
    public const string MonthlyCount = "月均交易笔数";
    /// <summary>Registered address.</summary>
    public const string RegisteredAddress = "注册地址";
    /// <summary>Business address.</summary>
    public const string BusinessAddress = "经营地址";
    /// <summary>Relation type code (relation file).</summary>
    public const string RelationType = "关系类型";
    /// <summary>Parent relation type: a code or a name such as 董监高 (relation file).</summary>
    public const string ParentRelationType = "上级关系类型";
    /// <summary>The related party's business licence, a unified social credit code (relation file).</summary>
    public const string RelatedLicence = "营业执照";
    /// <summary>Related party's id (relation file).</summary>
    public const string RelatedId = "关联人客户编号";
    /// <summary>Related party's name (relation file).</summary>
    public const string RelatedName = "关联人客户名称";
    /// <summary>Whether the related party banks with us (relation file).</summary>
    public const string RelatedIsCustomer = "是否我行客户";
    /// <summary>Whether the related party has a loan with us (relation file).</summary>
    public const string RelatedHasLoan = "是否贷款客户";
}

/// <summary>What makes a prospect: monthly average count above one bar, or amount above another.</summary>
public sealed record ProspectDefinition(double MinMonthlyCount = ProspectDefinition.DefaultMinMonthlyCount, double MinMonthlyAmount = ProspectDefinition.DefaultMinMonthlyAmount)
{
    /// <summary>More than 3 transactions a month.</summary>
    public const double DefaultMinMonthlyCount = 3;

    /// <summary>More than ¥3,000,000 a month.</summary>
    public const double DefaultMinMonthlyAmount = 3_000_000;

    /// <summary>Throws naming a bar that cannot be used.</summary>
    public void Validate()
    {
        if (MinMonthlyCount < 0 || double.IsNaN(MinMonthlyCount))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"MinMonthlyCount must be 0 or more (got {MinMonthlyCount}).", MinMonthlyCount);
        if (MinMonthlyAmount < 0 || double.IsNaN(MinMonthlyAmount))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"MinMonthlyAmount must be 0 or more (got {MinMonthlyAmount}).", MinMonthlyAmount);
    }
}

/// <summary>
/// The prospect label: monthly average count &gt; MinMonthlyCount OR monthly average amount &gt;
/// MinMonthlyAmount (strictly). Known when either figure passes its bar, or when both are
/// present and neither does; with one figure missing and the other below its bar, the row
/// cannot be labelled.
/// </summary>
public static class ProspectLabels
{
    /// <summary>Labels every row; warns once about rows that cannot be labelled.</summary>
    public static (bool?[] Labels, int Unlabelled) Make(CustomerDataSet data, ProspectDefinition definition, IOperationSink sink)
    {
        if (!(double.IsFinite(definition.MinMonthlyCount) && definition.MinMonthlyCount >= 0 && double.IsFinite(definition.MinMonthlyAmount) && definition.MinMonthlyAmount >= 0))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"The prospect definition needs finite bars of 0 or more (got {definition.MinMonthlyCount} transactions, {definition.MinMonthlyAmount} amount).", definition);
        definition.Validate();
        var count = Column(data, ProspectColumns.MonthlyCount);
        var amount = Column(data, ProspectColumns.MonthlyAmount);
        var labels = new bool?[data.RowCount];
        int unlabelled = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = Label(count?[i] ?? double.NaN, amount?[i] ?? double.NaN, definition);
            if (labels[i] is null) unlabelled++;
        }
        if (unlabelled > 0)
            sink.Warning($"{unlabelled:N0} row(s) of {data.Source} cannot be labelled (a monthly average is empty and the other does not pass its bar); they are left out of training and evaluation.");
        return (labels, unlabelled);
    }

    /// <summary>The label of one row (see the class summary).</summary>
    public static bool? Label(double monthlyCount, double monthlyAmount, ProspectDefinition definition)
    {
        bool countKnown = !double.IsNaN(monthlyCount), amountKnown = !double.IsNaN(monthlyAmount);
        if ((countKnown && monthlyCount > definition.MinMonthlyCount) || (amountKnown && monthlyAmount > definition.MinMonthlyAmount)) return true;
        return countKnown && amountKnown ? false : null;
    }

    private static NumericColumn? Column(CustomerDataSet data, string name)
    {
        if (data.Find(name) is NumericColumn column) return column;
        if (data.DroppedColumns.Contains(name)) return null;
        throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
            $"{data.Source} has no numeric column '{name}', which the prospect label needs (schema {data.Schema.Name}).", data.Source);
    }
}
