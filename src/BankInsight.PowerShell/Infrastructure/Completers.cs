using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Completes words from a list, case-insensitively by prefix (or by wildcard when the word has
/// one); the list may depend on parameters already typed (e.g. the schema's columns).
/// </summary>
public abstract class WordCompleter : IArgumentCompleter
{
    /// <summary>The words to offer, given the parameters bound so far.</summary>
    protected abstract IEnumerable<string> Words(IDictionary boundParameters);

    /// <summary>The words that complete <paramref name="wordToComplete"/>: what the completion list shows.</summary>
    internal IEnumerable<string> Matches(string wordToComplete, IDictionary boundParameters)
    {
        string typed = wordToComplete.Trim('\'', '"');
        var wildcard = typed.IndexOfAny(['*', '?', '[']) >= 0 ? new WildcardMatcher(typed) : null;
        return Words(boundParameters).Where(w => wildcard?.IsMatch(w) ?? w.StartsWith(typed, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        foreach (var word in Matches(wordToComplete, fakeBoundParameters))
        {
            string text = word.IndexOfAny([' ', '\'', '"', ',', ';', '(', ')', '$', '`']) >= 0 ? $"'{word.Replace("'", "''", StringComparison.Ordinal)}'" : word;
            yield return new CompletionResult(text, word, CompletionResultType.ParameterValue, word);
        }
    }
}

/// <summary>Completes built-in schema names.</summary>
public sealed class SchemaNameCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Words(IDictionary boundParameters) => BuiltInSchemas.Names;
}

/// <summary>Completes the encodings BankInsight reads files in.</summary>
public sealed class ReadEncodingCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Words(IDictionary boundParameters) => TextEncodings.ReadNames;
}

/// <summary>Completes the encodings BankInsight writes files in.</summary>
public sealed class WriteEncodingCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Words(IDictionary boundParameters) => TextEncodings.WriteNames;
}

/// <summary>Completes the Retail schema's product aliases (Deposit, Insurance, …).</summary>
public sealed class ProductNameCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Words(IDictionary boundParameters) => BuiltInSchemas.Get(BuiltInSchemas.Retail).Products.Select(p => p.Alias);
}

/// <summary>
/// Completes column names of the schema already named on the command line (-Name of
/// Get-BankSchema, or -Schema); of every built-in schema when none is named yet.
/// </summary>
public sealed class ColumnNameCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Words(IDictionary boundParameters)
    {
        var named = (boundParameters["Name"] ?? boundParameters["Schema"]) switch
        {
            string one => [one],
            IEnumerable many => many.Cast<object>().Select(o => o?.ToString() ?? ""),
            _ => BuiltInSchemas.Names,
        };
        var schemas = named.Select(n => BuiltInSchemas.Names.FirstOrDefault(b => string.Equals(b, n, StringComparison.OrdinalIgnoreCase)))
            .Where(n => n is not null).Select(n => BuiltInSchemas.Get(n!));
        return schemas.SelectMany(s => s.Columns).Select(c => c.Name).Distinct(StringComparer.Ordinal);
    }
}
