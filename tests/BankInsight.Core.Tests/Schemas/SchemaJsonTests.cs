using BankInsight.Common;
using BankInsight.Data.Schemas;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Schemas;

public class SchemaJsonTests
{
    [Theory]
    [InlineData("{", "is not valid JSON at line 1")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"name":"T"}""", "needs a \"columns\" array")]
    [InlineData("""{"columns":[{"name":"x","type":"number"}]}""", "the schema needs a \"name\" string")]
    [InlineData("""{"name":"T","columns":[]}""", "has no columns")]
    [InlineData("""{"name":"T","columns":[{"name":"x","type":"strng"}]}""", "column 1 ('x') has unknown type 'strng' (expected one of: text, number, integer, flag, categorical, date)")]
    [InlineData("""{"name":"T","columns":[{"name":"x","type":"number"},{"name":"x","type":"text"}]}""", "lists column 'x' twice")]
    [InlineData("""{"name":"T","columns":[{"type":"number"}]}""", "column 1 needs a \"name\" string")]
    [InlineData("""{"name":"T","columns":[{"name":"c","type":"categorical"}]}""", "is categorical but lists no values")]
    [InlineData("""{"name":"T","columns":[{"name":"c","type":"categorical","values":["a","a"]}]}""", "lists value 'a' twice")]
    [InlineData("""{"name":"T","columns":[{"name":"c","type":"categorical","values":["a"],"codes":{"1":"b"}}]}""", "code '1' stands for 'b', which is not in its values")]
    [InlineData("""{"name":"T","columns":[{"name":"n","type":"number","values":["a"]}]}""", "apply to categorical columns only")]
    [InlineData("""{"name":"T","key":"id","columns":[{"name":"x","type":"number"}]}""", "names key column 'id', which is not among its columns")]
    [InlineData("""{"name":"T","key":"x","columns":[{"name":"x","type":"number"}]}""", "key column 'x' must have type text")]
    [InlineData("""{"name":"T","segmentation":["y"],"columns":[{"name":"x","type":"number"}]}""", "segmentation column 'y'")]
    [InlineData("""{"name":"T","products":[{"code":"1","name":"p","columns":["t"]}],"columns":[{"name":"t","type":"text"}]}""", "uses column 't', which is not numeric")]
    [InlineData("""{"format":"bankinsight-schema/9","name":"T","columns":[{"name":"x","type":"number"}]}""", "has format 'bankinsight-schema/9'")]
    [InlineData("""{"name":"T","columns":[{"name":"x","type":"number","open":"yes"}]}""", "\"open\" must be true or false")]
    public void Malformed_schemas_get_a_clear_message(string json, string expected)
    {
        var e = Assert.Throws<BankInsightException>(() => SchemaJson.Parse(json, "bank.json"));
        Assert.Equal(ErrorIds.SchemaInvalid, e.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.StartsWith("Schema 'bank.json' ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Invalid_json_points_at_the_line()
    {
        var e = Assert.Throws<BankInsightException>(() => SchemaJson.Parse("{\n  \"name\": \"T\",\n  \"columns\": [ oops ]\n}", "bank.json"));
        Assert.Contains("at line 3", e.Message);
        Assert.IsType<System.Text.Json.JsonException>(e.InnerException, exactMatch: false);
    }

    [Fact]
    public void A_missing_schema_file_is_a_missing_file_not_an_unknown_schema()
    {
        var e = Assert.Throws<BankInsightException>(() => SchemaJson.Load("/nonexistent/schema.json"));
        Assert.Equal(ErrorIds.FileNotFound, e.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, e.Kind);
    }

    [Fact]
    public void A_users_schema_file_loads_through_resolve()
    {
        using var temp = new TempFolder();
        string path = temp.File("my.json");
        File.WriteAllText(path, SchemaJson.ToJson(BuiltInSchemas.Get("CorporateProspect")).Replace("\"CorporateProspect\"", "\"MyProspect\""));
        var schema = BuiltInSchemas.Resolve(path);
        Assert.Equal("MyProspect", schema.Name);
        Assert.Equal(BuiltInSchemas.Get("CorporateProspect").Fingerprint, schema.Fingerprint);
    }

    [Fact]
    public void Codes_resolve_to_their_values()
    {
        var size = TestSchemas.Small.Get("size");
        Assert.True(size.TryGetCategoryIndex("2", out int byCode));
        Assert.True(size.TryGetCategoryIndex("小", out int byValue));
        Assert.Equal(1, byCode);
        Assert.Equal(byValue, byCode);
        Assert.False(size.TryGetCategoryIndex("3", out _));
    }
}
