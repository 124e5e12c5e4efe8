using BankInsight.Jobs.Prospects;
using BankInsight.ResultFiles;

namespace BankInsight.Results;

/// <summary>
/// One company's prospect score, or (Source = Related) a related party of a strong prospect
/// that is not yet the bank's customer, classified as a company (an upstream/downstream prospect)
/// or a person (a retail lead). Its bank result line is <c>"客户编号"</c>.
/// </summary>
public sealed class ProspectResult : IBankResultRecord
{
    /// <summary>"Scored" for a company of the prospect file; "Related" for a related party found through one.</summary>
    public required string Source { get; init; }

    /// <summary>Customer id (for Related rows: the related party's id).</summary>
    public required string CustomerId { get; init; }

    /// <summary>Name (known for related parties).</summary>
    public string? CustomerName { get; init; }

    /// <summary>Probability of being a prospect (for Related rows: the score of the prospect it came through).</summary>
    public double Score { get; init; }

    /// <summary>True when the score reaches the decision threshold.</summary>
    public bool IsProspect { get; init; }

    /// <summary>Whether the file's own monthly averages already meet the prospect definition (null when they cannot tell).</summary>
    public bool? MeetsDefinition { get; init; }

    /// <summary>The address that put the company in the region (the registered one when both match); with no region filter, its registered address.</summary>
    public string? RegionAddress { get; init; }

    /// <summary>Registered address.</summary>
    public string? RegisteredAddress { get; init; }

    /// <summary>Business address.</summary>
    public string? BusinessAddress { get; init; }

    /// <summary>Related parties in the relation file.</summary>
    public int RelatedParties { get; init; }

    /// <summary>Of them, the bank's customers.</summary>
    public int RelatedCustomers { get; init; }

    /// <summary>Of them, with a loan at the bank.</summary>
    public int RelatedLoanCustomers { get; init; }

    /// <summary>Relation types and counts, e.g. "0301×2; 0201×1".</summary>
    public string? Relations { get; init; }

    /// <summary>For Related rows: the prospect it was found through.</summary>
    public string? ViaCustomerId { get; init; }

    /// <summary>For Related rows: the relation type code.</summary>
    public string? RelationType { get; init; }

    /// <summary>
    /// Person, Company or Unknown (Related rows: from the relation code, the licence and the name —
    /// see <see cref="RelatedPartyClassifier"/>); Company for Scored rows, the companies of the prospect file.
    /// </summary>
    public PartyKind PartyKind { get; init; }

    /// <summary>For Related rows: Equity, Investment, KeyPerson, Counterparty or Other (null for Scored rows).</summary>
    public RelationFamily? RelationFamily { get; init; }

    /// <summary>For Related rows: the signs <see cref="PartyKind"/> rests on, e.g. "PersonRelation, PersonName" (null for Scored rows).</summary>
    public PartyEvidence? PartyEvidence { get; init; }

    /// <summary>The drivers of the score as text, strongest first (Scored rows).</summary>
    public string? Drivers { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<ResultField> ToResultFields() => [ResultField.FromText(CustomerId)];

    /// <inheritdoc />
    public string? WhyNoResultLine =>
        Source != "Scored"
            ? $"{CustomerId} is a related party of {ViaCustomerId}, not a scored prospect: the prospect result file lists prospects. Write related parties to their own file, e.g. Where-Object Source -eq Related | Export-BankResult related.txt -Property CustomerId, ViaCustomerId, RelationType."
            : IsProspect ? null
            : $"{CustomerId} is not a predicted prospect (IsProspect is false): the prospect result file lists prospects. Filter with Where-Object IsProspect, or write every id with -Property CustomerId.";
}
