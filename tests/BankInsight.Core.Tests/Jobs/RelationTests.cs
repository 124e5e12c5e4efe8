using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Prospects;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs;

public class RelationTests
{
    private static CustomerDataSet Relations(string rows) =>
        TestFiles.LoadText(rows, BuiltInSchemas.Get("ProspectRelation"), new CollectingSink(), name: "rel.del");

    // 法人行号, 客户编号, 上级关系类型, 关系类型, 关联人客户编号, 关联人客户名称, 关联值, 是否我行客户, 关系内容, 是否贷款客户, 关联值2, 营业执照
    private const string Rows =
        "\"1000\",\"c1\",\"0300\",\"0301\",\"p1\",\"张三\",0,1,,0,0,\n" +
        "\"1000\",\"c1\",\"0200\",\"0201\",\"x1\",\"甲公司\",0,0,,1,0,\n" +
        "\"1000\",\"c1\",\"0300\",\"0301\",\"x2\",\"李四\",0,0,,,0,\n" +
        "\"1000\",\"c2\",\"0200\",\"0201\",\"x1\",\"甲公司\",0,0,,0,0,\n" +
        "\"1000\",\"c2\",\"0200\",\"0201\",\"c1\",\"乙公司\",0,1,,1,0,\n";

    [Fact]
    public void Groups_relations_by_customer_with_their_flags()
    {
        var index = RelationIndex.Build(Relations(Rows));
        Assert.Equal((5, 2), (index.Rows, index.Customers));
        var c1 = index.Of("c1");
        Assert.Equal(3, c1.Count);
        Assert.Equal(new Relation("0201", "x1", "甲公司", false, true, ParentType: "0200"), c1[1]); // 营业执照 empty: no licence
        Assert.Null(c1[2].HasLoan); // empty flag stays unknown
        Assert.Empty(index.Of("nobody"));
        Assert.Equal("0301×2; 0201×1", index.Summary("c1"));
    }

    [Fact]
    public void Keeps_the_parent_type_and_the_licence_that_classify_a_party()
    {
        var index = RelationIndex.Build(Relations(
            "\"1000\",\"c1\",\"董监高\",\"0305\",\"p1\",\"广东华兴控股集团\",0,0,,0,0,\"91440300MA5FXXXX1K\"\n" +
            "\"1000\",\"c1\",\"股权关系\",,\"p2\",\"寿甘\",0,0,,0,0,\n"));
        var (controller, shareholder) = (index.Of("c1")[0], index.Of("c1")[1]);
        Assert.Equal(("董监高", "91440300MA5FXXXX1K"), (controller.ParentType, controller.Licence));
        Assert.Equal(new RelatedPartyClass(PartyKind.Unknown, RelationFamily.KeyPerson, PartyEvidence.PersonRelation | PartyEvidence.Licence | PartyEvidence.CompanyName), controller.Classify());
        Assert.Equal((PartyKind.Person, RelationFamily.Equity), (shareholder.Classify().Kind, shareholder.Classify().Family)); // no code: the parent name gives the family
    }

    [Fact]
    public void Features_count_parties_by_type_and_the_known_shares()
    {
        var index = RelationIndex.Build(Relations(Rows));
        var prospects = TestFiles.LoadText("\"c1\",1,1,1,1,1,1,1,1,1,\"广东\",\"广东\"\n\"c2\",1,1,1,1,1,1,1,1,1,\"广东\",\"广东\"\n\"c3\",1,1,1,1,1,1,1,1,1,\"湖南\",\"湖南\"\n",
            BuiltInSchemas.Get("CorporateProspect"), new CollectingSink());
        var features = index.Features(prospects, ["0301", "0201"]);
        Assert.Equal([3.0, 2.0, 0.0], features[RelationIndex.CountFeature]);
        Assert.Equal(1.0 / 3, features[RelationIndex.CustomerShareFeature][0], 12);
        Assert.Equal(0.5, features[RelationIndex.CustomerShareFeature][1]);
        Assert.True(double.IsNaN(features[RelationIndex.CustomerShareFeature][2])); // no relations: unknown, not 0
        Assert.Equal(0.5, features[RelationIndex.LoanShareFeature][0]); // x2's loan flag is unknown: 1 of 2 known
        Assert.Equal([2.0, 0.0, 0.0], features[RelationIndex.TypeFeaturePrefix + "0301"]);
        Assert.Equal([1.0, 2.0, 0.0], features[RelationIndex.TypeFeaturePrefix + "0201"]);
    }

    [Fact]
    public void A_relation_row_without_a_customer_id_is_rejected_not_silently_left_out()
    {
        var sink = new CollectingSink();
        var data = TestFiles.LoadText(Rows + "\"1000\",,\"0200\",\"0201\",\"x9\",\"丙公司\",0,0,,0,0,\n\"1000\",\"  \",\"0200\",\"0201\",\"x8\",\"丁公司\",0,0,,0,0,\n",
            BuiltInSchemas.Get("ProspectRelation"), sink, name: "rel.del");
        Assert.Equal(5, data.RowCount);
        Assert.Equal(2, sink.Errors.Count(e => e.Message.Contains("the customer id is empty", StringComparison.Ordinal)));
        Assert.Equal([6, 7], sink.Errors.Select(e => ((Data.Reading.RowRejection)e.Target!).Line));
    }

    [Fact]
    public void Ids_join_without_surrounding_spaces_and_with_float_renderings_read_as_plain()
    {
        // The relation file wrote ids as floats and with a stray space; the prospect file plainly.
        var sink = new CollectingSink();
        var relations = TestFiles.LoadText(Rows.Replace("\"c1\"", "\"21009019.0\"").Replace("\"c2\"", "\"21009020 \""), BuiltInSchemas.Get("ProspectRelation"), sink, name: "rel.del");
        var index = RelationIndex.Build(relations);
        Assert.Equal(3, index.Of("21009019").Count);
        Assert.Equal(2, index.Of("21009020").Count);
        Assert.Equal(2, index.Of("21009020\u200B").Count); // a zero-width character from a copy-paste
        Assert.Contains(sink.Warnings, w => w.Contains("spaces or invisible characters", StringComparison.Ordinal));
        Assert.Equal(3, index.RowsMatchingNone(["21009020", "other"]));
    }

    [Fact]
    public void Ids_that_differ_only_by_spaces_are_repeats()
    {
        var sink = new CollectingSink();
        string row = "\"c1\",1,1,1,1,1,1,1,1,1,\"广东\",\"广东\"\n";
        var data = TestFiles.LoadText(row + row.Replace("\"c1\"", "\"c1 \"") + row.Replace("\"c1\"", "\"\u00A0c1\""), BuiltInSchemas.Get("CorporateProspect"), sink);
        Assert.Equal(1, data.RowCount);
        Assert.Equal(2, sink.Errors.Count(e => e.Message.Contains("already appeared on line 1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Frequent_types_need_enough_rows()
    {
        var rows = string.Concat(Enumerable.Range(0, 200).Select(i => $"\"1000\",\"c{i % 50}\",,\"{(i < 150 ? "0301" : i < 196 ? "0201" : "9999")}\",\"r{i}\",\"n\",0,0,,0,0,\n"));
        var types = RelationIndex.Build(Relations(rows)).FrequentTypes();
        Assert.Equal(["0301", "0201"], types); // 9999 has 4 rows: below the minimum of 5
    }

    [Theory]
    [InlineData("广东省东莞市南城街道", null, "广东", true)]
    [InlineData("湖南省长沙市", "广东省深圳市南山区", "广东", true)]
    [InlineData("湖南省长沙市", "湖南省长沙市", "广东", false)]
    [InlineData(null, null, "广东", false)]
    [InlineData("湖南省长沙市", null, "", true)]
    [InlineData("湖南省长沙市", null, null, true)]
    [InlineData("广东省", null, "东莞", false)]
    public void Region_filter_matches_registered_or_business_address(string? registered, string? business, string? keyword, bool expected)
    {
        Assert.Equal(expected, RegionFilter.Matches(registered, business, keyword));
    }
}
