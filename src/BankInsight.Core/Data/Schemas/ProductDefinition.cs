namespace BankInsight.Data.Schemas;

/// <summary>
/// A retail product derived from balances: held when any of <see cref="BalanceColumns"/> is &gt; 0
/// (SPEC "3. Retail cross-selling").
/// </summary>
/// <param name="Code">The bank's product code ("1" … "8").</param>
/// <param name="Name">Chinese product name as in SPEC (存款, 保险, …).</param>
/// <param name="Alias">English name used by cmdlet parameters (Deposit, Insurance, …).</param>
/// <param name="BalanceColumns">Balance columns whose positive value means the product is held.</param>
public sealed record ProductDefinition(string Code, string Name, string Alias, IReadOnlyList<string> BalanceColumns);
