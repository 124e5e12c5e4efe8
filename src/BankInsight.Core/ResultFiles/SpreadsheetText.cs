namespace BankInsight.ResultFiles;

/// <summary>
/// Keeps text from being read as a formula when a file is opened in a spreadsheet (CSV/formula
/// injection, as OWASP describes it): a text that starts with '=', '+', '-', '@', a tab or a
/// carriage return gets a leading apostrophe, which Excel and LibreOffice show as plain text.
/// </summary>
/// <remarks>
/// Off unless asked for. It changes the data — '-5%' becomes "'-5%" — and the bank's result files
/// are read by programs that need ids exactly (and the bank's ids and codes never start with those
/// characters). Protection belongs where text goes into a spreadsheet: Export-BankResult
/// -SpreadsheetSafe, the runner's --spreadsheet_safe, and Protect-SpreadsheetText before
/// Export-Csv / Export-Excel, for names and addresses that customers or staff typed.
/// </remarks>
public static class SpreadsheetText
{
    /// <summary>True when a spreadsheet would read <paramref name="text"/> as a formula.</summary>
    public static bool LooksLikeFormula(string? text) =>
        !string.IsNullOrEmpty(text) && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary><paramref name="text"/> with a leading apostrophe when it looks like a formula; otherwise unchanged.</summary>
    public static string? Neutralize(string? text) => LooksLikeFormula(text) ? "'" + text : text;
}
