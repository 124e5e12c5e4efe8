using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Prospects;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs;

public class RelatedPartyClassifierTests
{
    // Shaped like the generated licences (9144 + 4 digits + MA + 8 digits) and like real ones.
    private const string Licence = "91440300MA5FXXXX1K";
    // A resident id: region 110101, born 1990-03-07, sequence 123, check digit 3 (ISO 7064 MOD 11-2:
    // Σ digit×weight over 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 is 174; 174 mod 11 = 9; "10X98765432"[9] = 3).
    private const string ResidentId = "110101199003071233";

    [Theory]
    [InlineData("0100", RelationFamily.Equity)]
    [InlineData("0102", RelationFamily.Equity)]
    [InlineData("0106", RelationFamily.Equity)]
    [InlineData("0201", RelationFamily.Investment)]
    [InlineData("0301", RelationFamily.KeyPerson)]
    [InlineData("0302", RelationFamily.KeyPerson)]
    [InlineData("0303", RelationFamily.KeyPerson)]
    [InlineData("0305", RelationFamily.KeyPerson)]
    [InlineData("5100", RelationFamily.Counterparty)]
    [InlineData("5201", RelationFamily.Counterparty)]
    [InlineData("5501", RelationFamily.Counterparty)]
    [InlineData("1002", RelationFamily.Other)]
    [InlineData("6000", RelationFamily.Other)]
    [InlineData("8000", RelationFamily.Other)]
    [InlineData(" 0301 ", RelationFamily.KeyPerson)] // padded by the extraction
    [InlineData("股权关系", RelationFamily.Equity)] // the dictionary's names for 上级关系类型
    [InlineData("投资关系", RelationFamily.Investment)]
    [InlineData("董监高", RelationFamily.KeyPerson)]
    [InlineData("企业关键人", RelationFamily.KeyPerson)]
    [InlineData("交易对手", RelationFamily.Counterparty)]
    public void Every_code_family_and_dictionary_name_maps_to_its_family(string code, RelationFamily family) =>
        Assert.Equal(family, RelatedPartyClassifier.FamilyOf(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("其他")]
    [InlineData("03A1")]
    public void Codes_that_say_nothing_give_no_family(string? code) => Assert.Null(RelatedPartyClassifier.FamilyOf(code));

    [Fact]
    public void The_relation_type_comes_before_its_parent_which_fills_in_when_the_type_is_missing()
    {
        Assert.Equal(RelationFamily.Counterparty, RelatedPartyClassifier.Classify("5100", "董监高", "某某有限公司", null).Family);
        Assert.Equal(RelationFamily.KeyPerson, RelatedPartyClassifier.Classify("", "董监高", "张三", null).Family);
        Assert.Equal(RelationFamily.KeyPerson, RelatedPartyClassifier.Classify(null, "0300", "张三", null).Family); // the generator writes parent codes
        Assert.Equal(RelationFamily.Equity, RelatedPartyClassifier.Classify("其他", "股权关系", "张三", null).Family);
        Assert.Equal(RelationFamily.Other, RelatedPartyClassifier.Classify(null, null, "张三", null).Family);
    }

    [Theory]
    // Key persons are persons: a 2–4 character name or none at all.
    [InlineData("0301", "蔺鞋驭", null, PartyKind.Person)]
    [InlineData("0302", "夕驭", null, PartyKind.Person)]
    [InlineData("0303", null, null, PartyKind.Person)]
    [InlineData("0305", "欧阳建国", ResidentId, PartyKind.Person)]
    // …unless the row says enterprise: contradictory, Unknown.
    [InlineData("0305", "广东华兴控股集团", null, PartyKind.Unknown)]
    [InlineData("0301", "蔺鞋驭", Licence, PartyKind.Unknown)]
    // Investees are enterprises, even under a short name; a resident id contradicts that.
    [InlineData("0201", "铁末笔盒水窖兹旌航佗限公司", null, PartyKind.Company)]
    [InlineData("0201", "华兴", null, PartyKind.Company)]
    [InlineData("0201", "华兴", ResidentId, PartyKind.Unknown)]
    // Equity, counterparties and other codes: the row's signs decide.
    [InlineData("0100", "寿甘", null, PartyKind.Person)]
    [InlineData("0100", "东莞市鸿福电子有限公司", null, PartyKind.Company)]
    [InlineData("5201", "拜秀吝", null, PartyKind.Person)]
    [InlineData("5100", "成都白河建筑机械设备租赁有限责任公司", null, PartyKind.Company)]
    [InlineData("5100", "某某贸易", Licence, PartyKind.Company)] // a licence, no enterprise word
    [InlineData("5100", "张三", Licence, PartyKind.Company)] // a sole trader with a licence banks as a business
    [InlineData("5100", "张三", ResidentId, PartyKind.Person)]
    [InlineData("5100", "东莞鸿福电子厂", ResidentId, PartyKind.Unknown)] // enterprise name, a person's number
    [InlineData("5501", "LB2013061700000001", null, PartyKind.Unknown)] // a contract number for a name
    [InlineData("6000", "张勇", null, PartyKind.Person)]
    [InlineData("8000", "DC集团", null, PartyKind.Company)]
    [InlineData("7000", null, null, PartyKind.Unknown)]
    [InlineData("", "", "", PartyKind.Unknown)]
    public void Kind_follows_the_code_first_then_the_licence_and_the_name(string? type, string? name, string? licence, PartyKind kind) =>
        Assert.Equal(kind, RelatedPartyClassifier.Classify(type, null, name, licence).Kind);

    [Theory]
    [InlineData("91440300MA5FXXXX1K", PartyEvidence.Licence)]
    [InlineData(" 9144030012345678MA ", PartyEvidence.Licence)]
    [InlineData("91440300ma5fxxxx1k", PartyEvidence.Licence)] // typed in lower case
    [InlineData("440301000123456", PartyEvidence.Licence)] // old 15-digit registration number
    [InlineData(ResidentId, PartyEvidence.ResidentId)]
    [InlineData("11010119900307123X", PartyEvidence.Licence)] // check digit wrong for an id: not a person's number
    [InlineData("110101199013071234", PartyEvidence.Licence)] // month 13: not a birth date
    [InlineData("91440300MA5FXXXXIO", PartyEvidence.None)] // I and O are not in the credit code alphabet
    [InlineData("无", PartyEvidence.None)]
    [InlineData("0", PartyEvidence.None)]
    [InlineData("", PartyEvidence.None)]
    [InlineData(null, PartyEvidence.None)]
    public void The_licence_column_counts_only_in_a_licence_or_resident_id_shape(string? value, PartyEvidence evidence) =>
        Assert.Equal(evidence, RelatedPartyClassifier.LicenceEvidence(value));

    [Theory]
    [InlineData("四川航萱投资有限责任公司", PartyEvidence.CompanyName)]
    [InlineData("四川创普投资股份有限公司", PartyEvidence.CompanyName)]
    [InlineData("红星厂", PartyEvidence.CompanyName)]
    [InlineData("老王店", PartyEvidence.CompanyName)]
    [InlineData("佛山顺德五金经营部", PartyEvidence.CompanyName)]
    [InlineData("乐从镇农机合作社", PartyEvidence.CompanyName)]
    [InlineData("DC集团", PartyEvidence.CompanyName)]
    [InlineData("广州物流中心", PartyEvidence.CompanyName)]
    [InlineData("永兴商行", PartyEvidence.CompanyName)]
    [InlineData("南海家电门市", PartyEvidence.CompanyName)]
    [InlineData("Acme Trading Co., Ltd.", PartyEvidence.CompanyName)]
    [InlineData("成都三胜建筑工程有限公司~210000012112442", PartyEvidence.CompanyName)] // an id pasted after the name
    [InlineData("张勇", PartyEvidence.PersonName)]
    [InlineData("蔺鞋驭", PartyEvidence.PersonName)]
    [InlineData("欧阳建国", PartyEvidence.PersonName)]
    [InlineData(" 张 三 ", PartyEvidence.PersonName)] // padded
    [InlineData("阿卜杜拉·买买提", PartyEvidence.PersonName)]
    [InlineData("张", PartyEvidence.None)] // one character: a surname, not a name
    [InlineData("司马相如文", PartyEvidence.None)] // five characters, no enterprise word: cannot tell
    [InlineData("李文所", PartyEvidence.PersonName)] // 所 ends enterprises only from 4 characters on
    [InlineData("LB2013061700000001", PartyEvidence.None)]
    [InlineData("John Smith", PartyEvidence.None)]
    [InlineData(null, PartyEvidence.None)]
    public void The_name_says_enterprise_person_or_nothing(string? name, PartyEvidence evidence) =>
        Assert.Equal(evidence, RelatedPartyClassifier.NameEvidence(name));

    [Fact]
    public void Evidence_lists_every_sign_found_and_the_company_sign_survives_a_contradiction()
    {
        var controller = RelatedPartyClassifier.Classify("0305", null, "广东华兴控股集团", Licence);
        Assert.Equal(PartyEvidence.PersonRelation | PartyEvidence.CompanyName | PartyEvidence.Licence, controller.Evidence);
        Assert.Equal(PartyKind.Unknown, controller.Kind);
        Assert.True(controller.HasCompanySign);
        Assert.Equal(RelatedPartySelection.Company, RelatedPartySelections.ListOf(controller)); // still an upstream/downstream lead

        var contract = RelatedPartyClassifier.Classify("5501", null, "LB2013061700000001", null);
        Assert.Equal(PartyEvidence.None, contract.Evidence);
        Assert.False(contract.HasCompanySign);
        Assert.Null(RelatedPartySelections.ListOf(contract)); // on neither list: only All shows it

        var director = RelatedPartyClassifier.Classify("0302", null, "喜锥担", null);
        Assert.Equal(PartyEvidence.PersonRelation | PartyEvidence.PersonName, director.Evidence);
        Assert.Equal(RelatedPartySelection.Person, RelatedPartySelections.ListOf(director));
    }

    [Theory]
    [InlineData(PartyKind.Company, PartyEvidence.Licence, true, false)]
    [InlineData(PartyKind.Person, PartyEvidence.PersonName, false, true)]
    [InlineData(PartyKind.Unknown, PartyEvidence.PersonRelation | PartyEvidence.CompanyName, true, false)]
    [InlineData(PartyKind.Unknown, PartyEvidence.CompanyRelation | PartyEvidence.ResidentId, true, false)]
    [InlineData(PartyKind.Unknown, PartyEvidence.None, false, false)]
    public void Selections_admit_companies_and_company_signed_unknowns_or_persons_or_all(PartyKind kind, PartyEvidence evidence, bool company, bool person)
    {
        var party = new RelatedPartyClass(kind, RelationFamily.Other, evidence);
        Assert.Equal(company, RelatedPartySelection.Company.Admits(party));
        Assert.Equal(person, RelatedPartySelection.Person.Admits(party));
        Assert.True(RelatedPartySelection.All.Admits(party));
    }

    [Fact]
    public void The_banks_reference_sample_is_classified_from_its_codes_and_names()
    {
        var relations = CustomerDataLoader.Load(TestFiles.Reference("potential_customer_relation.del"), new DataLoadOptions(BuiltInSchemas.Get("ProspectRelation")), NullSink.Instance);
        var index = RelationIndex.Build(relations);
        var customers = ((Data.Columns.TextColumn)relations.Find(ProspectColumns.Id)!).Values.Distinct(StringComparer.Ordinal);
        var rows = customers.SelectMany(id => index.Of(id!)).Select(r => (Relation: r, Class: r.Classify())).ToList();
        Assert.Equal(relations.RowCount, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Relation.Licence)); // the sample leaves 营业执照 empty: codes and names decide
        Assert.All(rows, r => Assert.Equal(RelatedPartyClassifier.FamilyOf(r.Relation.Type), r.Class.Family)); // and 上级关系类型 too

        // Every legal representative, director, manager and controller (0301/0302/0303/0305) is a person:
        // none of their names carries an enterprise word.
        var keyPersons = rows.Where(r => r.Relation.Type.StartsWith("03", StringComparison.Ordinal)).ToList();
        Assert.True(keyPersons.Count > rows.Count / 2, $"{keyPersons.Count} of {rows.Count}"); // the bulk of the file, as in the issue
        Assert.All(keyPersons, r => Assert.Equal(PartyKind.Person, r.Class.Kind));
        // Every investee (0201) is a company.
        var investees = rows.Where(r => r.Relation.Type == "0201").ToList();
        Assert.NotEmpty(investees);
        Assert.All(investees, r => Assert.Equal(PartyKind.Company, r.Class.Kind));
        // Elsewhere the name decides: enterprise names are companies, short names persons.
        foreach (var (relation, party) in rows.Where(r => r.Class.Family is RelationFamily.Equity or RelationFamily.Counterparty or RelationFamily.Other))
        {
            var expected = relation.RelatedName!.Contains("公司", StringComparison.Ordinal) ? PartyKind.Company
                : relation.RelatedName.Length <= 4 && relation.RelatedName.All(c => c >= '\u4E00' && c <= '\u9FFF') ? PartyKind.Person
                : PartyKind.Unknown;
            Assert.True(expected == party.Kind, $"{relation.Type} {relation.RelatedName}: {party.Kind}, expected {expected}");
        }
        Assert.Contains(rows, r => r.Relation.Type == "0100" && r.Class.Kind == PartyKind.Person); // individual shareholders exist
        Assert.Contains(rows, r => r.Relation.Type == "5201" && r.Class.Kind == PartyKind.Person); // and persons as counterparties
        // The one row nothing settles: a contract number where the name should be.
        Assert.Equal(["LB2013061700000001"], rows.Where(r => r.Class.Kind == PartyKind.Unknown).Select(r => r.Relation.RelatedName));
    }
}
