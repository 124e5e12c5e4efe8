using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Reading;

/// <summary>
/// The old delivery's sample files, with their real quirks: ids written as floats (so most
/// repeat), an Excel-saved copy with 2.1009E+14 ids, a BOM, always-empty columns, and a
/// churn file whose 企业规模/企业性质 fields hold each other's kind of code.
/// </summary>
public class ReferenceSampleTests
{
    private static (Data.CustomerDataSet Data, CollectingSink Sink) Load(string file, string schema, DuplicateIdPolicy duplicates = DuplicateIdPolicy.Reject)
    {
        var sink = new CollectingSink();
        var data = CustomerDataLoader.Load(TestFiles.Reference(file), new DataLoadOptions(BuiltInSchemas.Get(schema)) { DuplicateIds = duplicates }, sink);
        return (data, sink);
    }

    [Fact]
    public void Churn_sample_loads_with_each_problem_reported()
    {
        var (data, sink) = Load("customer_losing.del", "CorporateChurn");
        Assert.Equal(188, data.Summary.RecordsRead);
        Assert.Equal(10, data.RowCount); // only 10 distinct ids survive the float rendering
        Assert.Equal(162, data.Summary.RejectedByReason[RejectReason.DuplicateId]);
        Assert.Equal(16, data.Summary.RejectedByReason[RejectReason.NotInValueList]); // 企业性质 codes in the 企业规模 field
        Assert.Equal(178, sink.Rejections.Count());
        Assert.Equal(188, data.RowCount + data.Summary.RowsRejected); // no silent loss
        Assert.Equal("210090000000000.0", data.Ids![0]);
        Assert.Contains(sink.Warnings, w => w.Contains("look like floating-point renderings"));
        Assert.Equal("utf-8", data.Summary.EncodingName);
    }

    [Fact]
    public void Churn_sample_keeps_all_rows_when_duplicates_are_allowed()
    {
        var (data, _) = Load("customer_losing.del", "CorporateChurn", DuplicateIdPolicy.Keep);
        Assert.Equal(172, data.RowCount);
        Assert.Equal(new DateOnly(2007, 10, 17), ((DateColumn)data["工资代发签约日期"])[0]);
        Assert.Equal(327532.82, ((NumericColumn)data["金融资产月日均"])[0]);
        Assert.Equal(3.0, ((NumericColumn)data["员工人数"])[0]);
    }

    [Fact]
    public void Excel_saved_churn_sample_keeps_ids_as_text_and_matches_by_header()
    {
        var (data, sink) = Load("customer_losing_with_header.csv", "CorporateChurn", DuplicateIdPolicy.Keep);
        Assert.True(data.Summary.HadHeader);
        Assert.True(data.Summary.HadByteOrderMark);
        Assert.Equal("2.1009E+14", data.Ids![0]);
        Assert.Equal(["是否流失"], data.Summary.IgnoredHeaderColumns);
        Assert.Equal(172, data.RowCount);
        Assert.Equal(2, data.GetSourceLine(0));
        Assert.Contains(sink.Warnings, w => w.Contains("'是否流失'"));
    }

    [Fact]
    public void Prospect_sample_loads()
    {
        var (data, _) = Load("potential_customer.del", "CorporateProspect", DuplicateIdPolicy.Keep);
        Assert.Equal(188, data.RowCount);
        Assert.Equal("广东", ((TextColumn)data["注册地址"])[0]);
        // By columns.ini order; the sample's constant second field ('1') looks like 交易笔数 moved.
        Assert.Equal(1.0, ((NumericColumn)data["近1个月交易金额"])[0]);
        Assert.Equal(105074.0, ((NumericColumn)data["近3个月交易金额"])[0]);
    }

    [Fact]
    public void Relation_sample_drops_its_empty_columns_and_rejects_bad_flags()
    {
        var (data, sink) = Load("potential_customer_relation.del", "ProspectRelation");
        Assert.True(data.Summary.HadByteOrderMark);
        Assert.Equal(511, data.Summary.RecordsRead);
        Assert.Equal(509, data.RowCount);
        Assert.Equal(["上级关系类型", "关系内容", "营业执照"], data.DroppedColumns);
        var bad = sink.Rejections.ToList();
        Assert.Equal(2, bad.Count);
        Assert.All(bad, r => Assert.Equal(("是否我行客户", "2", RejectReason.NotInValueList), (r.Column, r.Value, r.Reason)));
        Assert.Equal("0301", ((CategoricalColumn)data["关系类型"])[0]);
    }

    [Theory]
    [InlineData("customer_losing.del", "CorporateChurn")]
    [InlineData("customer_losing_with_header.csv", "CorporateChurn")]
    [InlineData("potential_customer.del", "CorporateProspect")]
    [InlineData("potential_customer_relation.del", "ProspectRelation")]
    public void The_schema_of_each_sample_is_guessed(string file, string schema)
    {
        Assert.Equal(schema, SchemaGuesser.Guess(TestFiles.Reference(file)).Name);
    }

    [Fact]
    public void A_reordered_schema_reads_the_churn_sample_cleanly()
    {
        // The sample's values say its 3rd-5th fields are 企业规模, 企业性质, 员工人数 — not the
        // dictionary's order. A bank's own schema JSON fixes that without code changes.
        var builtIn = BuiltInSchemas.Get("CorporateChurn");
        string json = SchemaJson.ToJson(builtIn);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var columns = doc["columns"]!.AsArray();
        var employees = columns[2]!;
        columns.RemoveAt(2);
        columns.Insert(4, employees.DeepClone());
        doc["name"] = "CorporateChurnAsExported";
        var reordered = SchemaJson.Parse(doc.ToJsonString(), "reordered");
        var sink = new CollectingSink();
        var data = CustomerDataLoader.Load(TestFiles.Reference("customer_losing.del"), new DataLoadOptions(reordered) { DuplicateIds = DuplicateIdPolicy.Keep }, sink);
        Assert.Equal(188, data.RowCount);
        Assert.Empty(sink.Errors);
        Assert.Equal("小型", ((CategoricalColumn)data["企业规模"])[0]); // written 3.0
        Assert.Equal("有限责任公司", ((CategoricalColumn)data["企业性质"])[Enumerable.Range(0, 188).First(i => !data["企业性质"].IsNull(i))]);
    }
}
