using System.Globalization;
using BankInsight.Common;
using BankInsight.Data.Schemas;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Schemas;

public class BuiltInSchemaTests
{
    [Theory]
    [InlineData("CorporateChurn", 69)]
    [InlineData("CorporateProspect", 12)]
    [InlineData("ProspectRelation", 12)]
    [InlineData("Retail", 134)]
    public void Built_in_schemas_have_the_columns_of_the_dictionary(string name, int columns)
    {
        var schema = BuiltInSchemas.Get(name);
        Assert.Equal(columns, schema.ColumnCount);
        Assert.Equal(Enumerable.Range(0, columns), schema.Columns.Select(c => c.Position));
    }

    [Fact]
    public void Column_names_and_order_match_columns_ini()
    {
        // columns.ini is the authoritative order; the embedded JSON was derived from it.
        var ini = File.ReadAllText(TestFiles.Reference("columns.ini"));
        Assert.Equal(IniList(ini, "customer_losing", "columns"), BuiltInSchemas.Get("CorporateChurn").Columns.Select(c => c.Name));
        Assert.Equal(IniList(ini, "customer_potential", "column1"), BuiltInSchemas.Get("CorporateProspect").Columns.Select(c => c.Name));
        Assert.Equal(IniList(ini, "customer_potential", "column2"), BuiltInSchemas.Get("ProspectRelation").Columns.Select(c => c.Name));
        var retail = BuiltInSchemas.Get("Retail");
        var retailNames = System.Text.RegularExpressions.Regex.Matches(IniLine(ini, "cross_selling", "columns"), @"'name': '([^']*)'").Select(m => m.Groups[1].Value);
        Assert.Equal(retailNames, retail.Columns.Select(c => c.Name));
        Assert.Equal(IniList(ini, "cross_selling", "groupby"), retail.SegmentationColumns);
    }

    [Fact]
    public void Retail_schema_carries_the_spec_product_mapping()
    {
        var products = BuiltInSchemas.Get("Retail").Products;
        Assert.Equal(8, products.Count);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], products.Select(p => p.Code));
        Assert.Equal(["存款", "保险", "基金和积利宝", "积存金", "理财", "国债", "代销资管产品", "贷款和信用卡"], products.Select(p => p.Name));
        Assert.Equal(["基金余额", "积利宝余额"], products[2].BalanceColumns);
        Assert.Equal(["贷款余额", "信用卡分期余额"], products[7].BalanceColumns);
        Assert.Equal("Deposit", products[0].Alias);
    }

    [Fact]
    public void Column_types_follow_the_dictionary()
    {
        var retail = BuiltInSchemas.Get("Retail");
        Assert.Equal(ColumnType.Text, retail.Get("客户编号").Type);
        Assert.Equal(ColumnType.Integer, retail.Get("年龄").Type);
        Assert.Equal(ColumnType.Flag, retail.Get("村民").Type);
        Assert.Equal(ColumnType.Number, retail.Get("存款余额").Type);
        Assert.Equal(["男", "女", "未知"], retail.Get("性别").Values);
        Assert.Equal(9, retail.Columns.Count(c => c.Type == ColumnType.Categorical));

        var churn = BuiltInSchemas.Get("CorporateChurn");
        Assert.Equal(16, churn.Columns.Count(c => c.Type == ColumnType.Date));
        Assert.True(churn.Get("企业性质").IsOpen);
        Assert.False(churn.Get("企业规模").IsOpen);
        Assert.True(churn.Get("企业规模").TryGetCategoryIndex("3", out int small));
        Assert.Equal("小型", churn.Get("企业规模").Values[small]);
        Assert.Equal("客户编号", churn.KeyColumn!.Name);
        Assert.Null(BuiltInSchemas.Get("ProspectRelation").KeyColumn);
    }

    [Fact]
    public void Fingerprints_are_stable()
    {
        // Models remember these; a change here must be deliberate (and invalidates shipped models).
        Assert.Equal("5507530fa3632fa7", BuiltInSchemas.Get("CorporateChurn").Fingerprint);
        Assert.Equal("169678b4c1ebaf9c", BuiltInSchemas.Get("CorporateProspect").Fingerprint);
        Assert.Equal("36d598a9bdf6b1f5", BuiltInSchemas.Get("ProspectRelation").Fingerprint);
        Assert.Equal("27477fef90b8bb56", BuiltInSchemas.Get("Retail").Fingerprint);
    }

    [Fact]
    public void Fingerprint_does_not_depend_on_the_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "de-DE", "fr-FR", "zh-CN", "tr-TR" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(culture);
                var reparsed = SchemaJson.Parse(SchemaJson.ToJson(BuiltInSchemas.Get("Retail")), culture);
                Assert.Equal("27477fef90b8bb56", reparsed.Fingerprint);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("CorporateChurn")]
    [InlineData("CorporateProspect")]
    [InlineData("ProspectRelation")]
    [InlineData("Retail")]
    public void Json_round_trip_keeps_everything(string name)
    {
        var schema = BuiltInSchemas.Get(name);
        string json = SchemaJson.ToJson(schema);
        var again = SchemaJson.Parse(json, "round trip");
        Assert.Equal(schema.Fingerprint, again.Fingerprint);
        Assert.Equal(json, SchemaJson.ToJson(again));
        Assert.Equal(schema.Products, again.Products, (a, b) => a.Code == b.Code && a.Name == b.Name && a.Alias == b.Alias && a.BalanceColumns.SequenceEqual(b.BalanceColumns));
        Assert.Equal(schema.SegmentationColumns, again.SegmentationColumns);
    }

    [Fact]
    public void A_change_of_order_changes_the_fingerprint()
    {
        var a = SchemaJson.Parse("""{"name":"T","columns":[{"name":"x","type":"number"},{"name":"y","type":"number"}]}""", "a");
        var b = SchemaJson.Parse("""{"name":"T","columns":[{"name":"y","type":"number"},{"name":"x","type":"number"}]}""", "b");
        var c = SchemaJson.Parse("""{"name":"Other name","description":"d","columns":[{"name":"x","type":"number"},{"name":"y","type":"number"}]}""", "c");
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a.Fingerprint, c.Fingerprint); // names and descriptions are not structure
    }

    [Fact]
    public void Unknown_schema_names_list_the_choices()
    {
        var e = Assert.Throws<BankInsightException>(() => BuiltInSchemas.Get("Retial"));
        Assert.Equal(ErrorIds.SchemaNotFound, e.ErrorId);
        Assert.Contains("CorporateChurn, CorporateProspect, ProspectRelation, Retail", e.Message);
    }

    [Fact]
    public void Lookup_is_case_insensitive()
    {
        Assert.Same(BuiltInSchemas.Get("Retail"), BuiltInSchemas.Get("retail"));
    }

    private static string IniLine(string ini, string section, string key)
    {
        var lines = ini.Split('\n');
        int start = Array.FindIndex(lines, l => l.Trim() == $"[{section}]");
        return lines.Skip(start + 1).First(l => l.StartsWith(key + " ", StringComparison.Ordinal) || l.StartsWith(key + "=", StringComparison.Ordinal));
    }

    private static List<string> IniList(string ini, string section, string key) =>
        System.Text.RegularExpressions.Regex.Matches(IniLine(ini, section, key)[(IniLine(ini, section, key).IndexOf('=') + 1)..], @"'([^']*)'").Select(m => m.Groups[1].Value).ToList();
}
