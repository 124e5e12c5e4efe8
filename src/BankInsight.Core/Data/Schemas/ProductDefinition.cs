using BankInsight.Common;
namespace BankInsight.Data.Schemas;

/// <summary>
/// A retail product derived from balances: held when any of <see cref="BalanceColumns"/> is &gt; 0
/// (SPEC "3. Retail cross-selling").
/// </summary>
/// <param name="Code">The bank's product code ("1" … "8").</param>
/// <param name="Name">Chinese product name as in SPEC (存款, 保险, …).</param>
/// <param name="Alias">English name used by cmdlet parameters (Deposit, Insurance, …).</param>
/// <param name="BalanceColumns">Balance columns whose positive value means the product is held.</param>
/// <param name="RelatedColumns">
/// Columns that describe holding the product rather than predict it — its balances, averages and
/// history, its counts and preference, totals over all products — left out of the product's
/// propensity model (SPEC "4."). Empty when the schema does not say.
/// </param>
public sealed record ProductDefinition(string Code, string Name, string Alias, IReadOnlyList<string> BalanceColumns, IReadOnlyList<string> RelatedColumns)
{
    /// <summary>Balance columns, as a list that reads as text.</summary>
    public IReadOnlyList<string> BalanceColumns { get; init; } = BalanceColumns.ToTextList();

    /// <summary>Related columns, as a list that reads as text.</summary>
    public IReadOnlyList<string> RelatedColumns { get; init; } = RelatedColumns.ToTextList();

    /// <summary>"存款 (1, Deposit)": what a cell or a list shows.</summary>
    public override string ToString() => $"{Name} ({Code}, {Alias})";

    /// <summary>The two-digit code of the product-mining result file ("01" for code "1").</summary>
    public string ResultCode => Code.Length == 1 ? "0" + Code : Code;
}
