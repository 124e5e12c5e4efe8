using System.Globalization;
using BankInsight.Jobs.Prospects;
using BankInsight.Results;

namespace BankInsight.Cli;

/// <summary>
/// Sorts the expansion's related parties into the runner's two lists (companies for --related_path,
/// persons for --related_persons_path) and counts them for the summary line, written or not.
/// </summary>
internal sealed class RelatedPartyTally
{
    private int _companies, _persons, _neither;

    /// <summary>Counts a Related result and says which list it goes on (null: neither).</summary>
    public RelatedPartySelection? Add(ProspectResult related)
    {
        var list = RelatedPartySelections.ListOf(new RelatedPartyClass(related.PartyKind,
            related.RelationFamily ?? RelationFamily.Other, related.PartyEvidence ?? PartyEvidence.None));
        switch (list)
        {
            case RelatedPartySelection.Company: _companies++; break;
            case RelatedPartySelection.Person: _persons++; break;
            default: _neither++; break;
        }
        return list;
    }

    /// <summary>"N related companies written to F; M related persons not written (…)"; a path is null when its list was not asked for.</summary>
    public string Summary(string? companiesPath, string? personsPath)
    {
        string companies = companiesPath is null
            ? string.Create(CultureInfo.InvariantCulture, $"{_companies:N0} related companies not written (--related_path writes them)")
            : string.Create(CultureInfo.InvariantCulture, $"{_companies:N0} related companies written to {companiesPath}");
        string persons = personsPath is null
            ? string.Create(CultureInfo.InvariantCulture, $"{_persons:N0} related persons not written (--related_persons_path writes them)")
            : string.Create(CultureInfo.InvariantCulture, $"{_persons:N0} related persons written to {personsPath}");
        string neither = _neither == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {_neither:N0} related parties neither (no company or person sign in their rows) not written");
        return companies + "; " + persons + neither;
    }
}
