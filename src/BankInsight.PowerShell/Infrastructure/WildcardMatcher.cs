using System.Text.RegularExpressions;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// PowerShell-style wildcards (*, ?, [a-z]) matched case-insensitively. Our own small matcher,
/// because the stub SMA available at build time cannot evaluate WildcardPattern in tests.
/// </summary>
internal sealed class WildcardMatcher
{
    private readonly Regex _regex;

    public WildcardMatcher(string pattern)
    {
        HasWildcards = pattern.IndexOfAny(['*', '?', '[']) >= 0;
        var text = new System.Text.StringBuilder("^");
        foreach (char c in pattern)
        {
            text.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                '[' => "[",
                ']' => "]",
                _ => Regex.Escape(c.ToString()),
            });
        }
        _regex = new Regex(text.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public bool HasWildcards { get; }

    public bool IsMatch(string value) => _regex.IsMatch(value);
}
