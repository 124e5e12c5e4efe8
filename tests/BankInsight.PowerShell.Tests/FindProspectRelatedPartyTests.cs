using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Jobs;
using BankInsight.Jobs.Prospects;
using BankInsight.PowerShell.Commands;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.PowerShell.Tests;

/// <summary>Find-Prospect -RelatedParty: maps to the request, and only with -ExpandRelations.</summary>
public class FindProspectRelatedPartyTests(CorporateFiles files) : IClassFixture<CorporateFiles>
{
    private FakeHost Host() => new() { CurrentDirectory = files.Folder };

    [Fact]
    public void RelatedParty_maps_to_the_request_and_defaults_to_companies()
    {
        var model = TrainedModel.Load(ShippedModels.Locate(ShippedModels.Prospect));
        Assert.Equal(RelatedPartySelection.Company, new FindProspectCommand { ExpandRelationsFlag = true }.BuildRequest(null!, null, model).RelatedParty);
        Assert.Equal(RelatedPartySelection.Person, new FindProspectCommand { ExpandRelationsFlag = true, RelatedParty = RelatedPartySelection.Person }.BuildRequest(null!, null, model).RelatedParty);
    }

    [Fact]
    public void RelatedParty_Person_emits_the_persons_and_the_default_none()
    {
        var persons = Host();
        new FindProspectCommand { Path = ["prospects.del"], RelationPath = "relations.del", ExpandRelationsFlag = true, RelatedParty = RelatedPartySelection.Person }.Execute(persons);
        var byDefault = Host();
        new FindProspectCommand { Path = ["prospects.del"], RelationPath = "relations.del", ExpandRelationsFlag = true }.Execute(byDefault);
        var related = persons.Output.Cast<ProspectResult>().Where(r => r.Source == "Related").ToList();
        Assert.NotEmpty(related);
        Assert.All(related, r => Assert.Equal(PartyKind.Person, r.PartyKind));
        Assert.DoesNotContain(byDefault.Output.Cast<ProspectResult>(), r => r.PartyKind == PartyKind.Person);
    }

    [Fact]
    public void RelatedParty_without_ExpandRelations_is_refused_before_any_scoring()
    {
        var host = Host();
        var command = new FindProspectCommand { Path = ["prospects.del"], RelationPath = "relations.del", RelatedParty = RelatedPartySelection.All, CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Begin(host)));
        Assert.Equal((ErrorIds.ParameterInvalid, ErrorCategory.InvalidArgument, "RelatedParty"), (e.Spec.ErrorId, e.Spec.Category, e.Spec.Target));
        Assert.StartsWith("-RelatedParty needs -ExpandRelations", e.Spec.Message, StringComparison.Ordinal);
        Assert.Empty(host.Output);
    }
}
