using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>Completes a fixed list of words, case-insensitively by prefix.</summary>
public abstract class WordCompleter : IArgumentCompleter
{
    /// <summary>The words to offer.</summary>
    protected abstract IEnumerable<string> Words { get; }

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = wordToComplete.Trim('\'', '"');
        foreach (var word in Words)
        {
            if (!word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            string text = word.Contains(' ') ? $"'{word}'" : word;
            yield return new CompletionResult(text, word, CompletionResultType.ParameterValue, word);
        }
    }
}

/// <summary>Completes built-in schema names.</summary>
public sealed class SchemaNameCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Words => BuiltInSchemas.Names;
}

/// <summary>Completes the encodings BankInsight reads and writes.</summary>
public sealed class EncodingCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Words => TextEncodings.Names;
}

/// <summary>Completes the Retail schema's product aliases (Deposit, Insurance, …).</summary>
public sealed class ProductNameCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Words => BuiltInSchemas.Get(BuiltInSchemas.Retail).Products.Select(p => p.Alias);
}
