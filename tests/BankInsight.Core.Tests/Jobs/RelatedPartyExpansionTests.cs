using BankInsight.Common;
using BankInsight.Jobs.Prospects;
using BankInsight.Results;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs;

/// <summary>Expansion sorts related parties into companies (listed by default) and persons (asked for).</summary>
public class RelatedPartyExpansionTests(CorporateData data) : IClassFixture<CorporateData>
{
    private List<ProspectResult> Related(RelatedPartySelection selection, IOperationSink? sink = null) =>
        ProspectJob.Find(new ProspectSearchRequest(data.Prospects, data.Relations, ProspectJob.LoadShippedModel()) { ExpandRelations = true, RelatedParty = selection, Drivers = 0 },
            sink ?? NullSink.Instance).Where(r => r.Source == "Related").ToList();

    [Fact]
    public void By_default_expansion_lists_no_person_though_persons_are_most_related_parties()
    {
        var all = Related(RelatedPartySelection.All);
        var byDefault = Related(RelatedPartySelection.Company);
        double personShare = (double)all.Count(r => r.PartyKind == PartyKind.Person) / all.Count;
        // The generator's related parties are 55% legal representatives, 6% managers, 2% directors
        // and 2% controllers by weight; non-customers among them are persons a little more often
        // (companies that bank with us are drawn from the population and drop out).
        Assert.InRange(personShare, 0.5, 0.8);
        Assert.NotEmpty(byDefault);
        Assert.DoesNotContain(byDefault, r => r.PartyKind == PartyKind.Person);
        Assert.All(byDefault, r => Assert.Equal(PartyKind.Company, r.PartyKind)); // the generator writes no contradictory row
        Assert.Equal(all.Where(r => r.PartyKind != PartyKind.Person).Select(r => r.CustomerId), byDefault.Select(r => r.CustomerId));
    }

    [Fact]
    public void Persons_are_listed_on_their_own_and_the_two_lists_make_the_whole_expansion()
    {
        var all = Related(RelatedPartySelection.All);
        var persons = Related(RelatedPartySelection.Person);
        var companies = Related(RelatedPartySelection.Company);
        Assert.NotEmpty(persons);
        Assert.All(persons, r => Assert.Equal((PartyKind.Person, RelationFamily.KeyPerson), (r.PartyKind, r.RelationFamily)));
        Assert.All(persons, r => Assert.StartsWith("03", r.RelationType, StringComparison.Ordinal));
        Assert.Equal(all.Count, persons.Count + companies.Count);
        Assert.Equal(all.Select(r => r.CustomerId).Order(StringComparer.Ordinal), persons.Concat(companies).Select(r => r.CustomerId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_related_row_carries_its_kind_family_evidence_and_way_in_and_scored_rows_are_companies()
    {
        var results = ProspectJob.Find(new ProspectSearchRequest(data.Prospects, data.Relations, ProspectJob.LoadShippedModel()) { ExpandRelations = true, RelatedParty = RelatedPartySelection.All, Drivers = 0 },
            NullSink.Instance).ToList();
        Assert.All(results.Where(r => r.Source == "Scored"), r => Assert.True(r.PartyKind == PartyKind.Company && r.RelationFamily is null && r.PartyEvidence is null));
        var related = results.Where(r => r.Source == "Related").ToList();
        Assert.All(related, r =>
        {
            Assert.NotNull(r.ViaCustomerId);
            Assert.NotNull(r.RelationType);
            Assert.Equal(RelatedPartyClassifier.FamilyOf(r.RelationType), r.RelationFamily);
            Assert.NotEqual(PartyEvidence.None, r.PartyEvidence);
        });
        // Companies by family: the generator's investees, shareholders, counterparties and others all carry licences.
        var companies = related.Where(r => r.PartyKind == PartyKind.Company).ToList();
        Assert.All(companies, r => Assert.True(r.PartyEvidence!.Value.HasFlag(PartyEvidence.Licence) && r.PartyEvidence.Value.HasFlag(PartyEvidence.CompanyName)));
        Assert.Equal([RelationFamily.Other, RelationFamily.Equity, RelationFamily.Investment, RelationFamily.Counterparty], companies.Select(r => r.RelationFamily!.Value).Distinct().Order());
    }

    [Fact]
    public void The_verbose_stream_counts_persons_and_companies_whatever_is_listed()
    {
        var sink = new CollectingSink();
        var byDefault = Related(RelatedPartySelection.Company, sink);
        int persons = Related(RelatedPartySelection.Person).Count;
        string said = Assert.Single(sink.VerboseMessages, m => m.Contains("related parties of", StringComparison.Ordinal));
        Assert.Contains($"{byDefault.Count:N0} companies, {persons:N0} persons, 0 unknown", said, StringComparison.Ordinal);
        Assert.EndsWith($"{byDefault.Count:N0} listed (Company).", said, StringComparison.Ordinal);
    }
}
