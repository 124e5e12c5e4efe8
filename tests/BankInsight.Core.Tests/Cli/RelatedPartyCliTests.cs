using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Prospects;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

/// <summary><c>prospect predict --related_path / --related_persons_path</c>: companies and persons in two files.</summary>
public class RelatedPartyCliTests
{
    [Fact]
    public void Related_path_has_the_companies_related_persons_path_the_persons_and_together_the_whole_expansion()
    {
        using var temp = new TempFolder();
        string p = temp.File("p.del"), r = temp.File("r.del");
        Run("generate", "--schema", "CorporateProspect", "--rows", "6000", "--seed", "8", "--output", p);
        Run("generate", "--schema", "ProspectRelation", "--rows", "6000", "--seed", "8", "--output", r);

        string list = temp.File("list.txt"), companies = temp.File("related.txt"), persons = temp.File("persons.txt");
        var both = Run("prospect", "predict", "--input_data_path1", p, "--input_data_path2", r, "--output_data_path", list,
            "--related_path", companies, "--related_persons_path", persons);
        Assert.Equal(0, both.Exit);
        string[] companyLines = File.ReadAllLines(companies), personLines = File.ReadAllLines(persons);
        Assert.NotEmpty(companyLines);
        Assert.NotEmpty(personLines);
        // Same layout in both: "关联人客户编号","客户编号","关系类型". The generator's persons are the 03xx key
        // persons with ids 11…; its companies carry every other code and ids 31….
        Assert.All(companyLines, l => Assert.Matches("^\"31[0-9]{13}\",\"21[0-9]{13}\",\"(0[12][0-9]{2}|[15-8][0-9]{3})\"$", l));
        Assert.All(personLines, l => Assert.Matches("^\"11[0-9]{13}\",\"21[0-9]{13}\",\"03[0-9]{2}\"$", l));
        Assert.Contains($"; {companyLines.Length:N0} related companies written to {companies}; {personLines.Length:N0} related persons written to {persons}", both.Out);

        // Together: every related party that is not yet our customer, as the core lists them all.
        var prospects = CustomerDataLoader.Load(p, new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.CorporateProspect)), NullSink.Instance);
        var relations = CustomerDataLoader.Load(r, new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.ProspectRelation)), NullSink.Instance);
        var all = ProspectJob.Find(new ProspectSearchRequest(prospects, relations, ProspectJob.LoadShippedModel()) { ExpandRelations = true, RelatedParty = RelatedPartySelection.All, Drivers = 0 },
            NullSink.Instance).Where(x => x.Source == "Related").Select(x => $"\"{x.CustomerId}\",\"{x.ViaCustomerId}\",\"{x.RelationType}\"").ToList();
        Assert.Equal(all.Order(StringComparer.Ordinal), companyLines.Concat(personLines).Order(StringComparer.Ordinal));
        Assert.True(personLines.Length > all.Count * 0.4, $"{personLines.Length} persons of {all.Count}"); // what the default file no longer carries

        // Without --related_persons_path the company file is the same, and the summary says what was left out.
        string alone = temp.File("related-alone.txt");
        var companiesOnly = Run("prospect", "predict", "--input_data_path1", p, "--input_data_path2", r, "--output_data_path", temp.File("list2.txt"), "--related_path", alone);
        Assert.Equal(0, companiesOnly.Exit);
        Assert.Equal(companyLines, File.ReadAllLines(alone));
        Assert.Contains($"; {companyLines.Length:N0} related companies written to {alone}; {personLines.Length:N0} related persons not written (--related_persons_path writes them)", companiesOnly.Out);

        // And the persons alone, asked for by themselves.
        string personsAlone = temp.File("persons-alone.txt");
        var personsOnly = Run("prospect", "predict", "--input_data_path1", p, "--input_data_path2", r, "--output_data_path", temp.File("list3.txt"), "--related_persons_path", personsAlone);
        Assert.Equal(0, personsOnly.Exit);
        Assert.Equal(personLines, File.ReadAllLines(personsAlone));
        Assert.Contains($"; {companyLines.Length:N0} related companies not written (--related_path writes them); {personLines.Length:N0} related persons written to {personsAlone}", personsOnly.Out);
    }

    [Fact]
    public void A_party_no_row_settles_goes_on_neither_list_and_the_summary_counts_it()
    {
        using var temp = new TempFolder();
        string p = temp.File("p.del"), r = temp.File("r.del");
        Run("generate", "--schema", "CorporateProspect", "--rows", "3000", "--seed", "4", "--output", p);
        Run("generate", "--schema", "ProspectRelation", "--rows", "3000", "--seed", "4", "--output", r);
        // A contract number where a counterparty's name should be, hung on every company: no name, no licence, no code tells what it is.
        var ids = File.ReadLines(p).Select(l => l.Split(',')[0].Trim('\uFEFF', '"')).ToList();
        File.AppendAllLines(r, ids.Select((id, k) => $"\"1000\",\"{id}\",\"5500\",\"5501\",\"99{k:D13}\",\"LB20130617{k:D8}\",0,0,,0,0,"));
        string companies = temp.File("related.txt"), persons = temp.File("persons.txt");
        var run = Run("prospect", "predict", "--input_data_path1", p, "--input_data_path2", r, "--output_data_path", temp.File("list.txt"),
            "--related_path", companies, "--related_persons_path", persons);
        Assert.Equal(0, run.Exit);
        int prospects = File.ReadAllLines(temp.File("list.txt")).Length;
        Assert.DoesNotContain(File.ReadAllLines(companies).Concat(File.ReadAllLines(persons)), l => l.StartsWith("\"99", StringComparison.Ordinal));
        Assert.EndsWith($"; {prospects:N0} related parties neither (no company or person sign in their rows) not written", run.Out.TrimEnd());
    }
}
