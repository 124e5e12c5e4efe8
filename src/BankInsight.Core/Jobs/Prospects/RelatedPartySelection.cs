namespace BankInsight.Jobs.Prospects;

/// <summary>Which related parties an expansion lists.</summary>
public enum RelatedPartySelection
{
    /// <summary>
    /// Upstream/downstream prospects (the default): companies, and the parties the row cannot settle
    /// that carry a company sign (a licence, an enterprise word in the name, an investment code) —
    /// a relationship manager can check those, and a company is what they may well be.
    /// </summary>
    Company,
    /// <summary>Natural persons only (legal representatives, directors, key people, individual shareholders): retail leads.</summary>
    Person,
    /// <summary>Every related party that is not yet our customer, whatever it is.</summary>
    All,
}

/// <summary>The rule behind <see cref="RelatedPartySelection"/>.</summary>
public static class RelatedPartySelections
{
    /// <summary>Whether a party classified as <paramref name="party"/> belongs to the <paramref name="selection"/>.</summary>
    public static bool Admits(this RelatedPartySelection selection, RelatedPartyClass party) => selection switch
    {
        RelatedPartySelection.Company => party.Kind == PartyKind.Company || (party.Kind == PartyKind.Unknown && party.HasCompanySign),
        RelatedPartySelection.Person => party.Kind == PartyKind.Person,
        _ => true,
    };

    /// <summary>
    /// The list a party goes on: Company (upstream/downstream prospects), Person (retail leads), or
    /// null for a party that is neither — Unknown with no company sign, listed only under All.
    /// </summary>
    public static RelatedPartySelection? ListOf(RelatedPartyClass party) =>
        RelatedPartySelection.Company.Admits(party) ? RelatedPartySelection.Company
        : RelatedPartySelection.Person.Admits(party) ? RelatedPartySelection.Person
        : null;
}
