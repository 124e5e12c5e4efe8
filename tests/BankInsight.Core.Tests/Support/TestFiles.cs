using System.Text;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;

namespace BankInsight.Tests.Support;

/// <summary>Paths to test data and a scratch folder that cleans itself up.</summary>
public static class TestFiles
{
    public static string Reference(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "reference", name);

    /// <summary>Loads text (UTF-8 unless told) as a file of <paramref name="schema"/>.</summary>
    public static CustomerDataSet LoadText(string text, BankSchema schema, CollectingSink sink, Encoding? encoding = null,
        HeaderMode header = HeaderMode.Auto, string name = "test.del", DuplicateIdPolicy duplicates = DuplicateIdPolicy.Reject)
    {
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text);
        return LoadBytes(bytes, schema, sink, header: header, name: name, duplicates: duplicates);
    }

    public static CustomerDataSet LoadBytes(byte[] bytes, BankSchema schema, CollectingSink sink, Encoding? encoding = null,
        HeaderMode header = HeaderMode.Auto, string name = "test.del", DuplicateIdPolicy duplicates = DuplicateIdPolicy.Reject)
    {
        var options = new DataLoadOptions(schema) { Header = header, Encoding = encoding, DuplicateIds = duplicates };
        return CustomerDataLoader.Load(new MemoryStream(bytes), name, options, sink);
    }
}

/// <summary>Small schemas written in the tests, so each case reads plainly.</summary>
public static class TestSchemas
{
    /// <summary>id (key), name, amount (number), count (integer), flag, size (categorical 大/小 with codes 1/2), open (open categorical), day (date).</summary>
    public static BankSchema Small { get; } = SchemaJson.Parse("""
        { "name": "Small", "key": "id", "columns": [
          { "name": "id", "type": "text", "role": "id" },
          { "name": "name", "type": "text" },
          { "name": "amount", "type": "number" },
          { "name": "count", "type": "integer" },
          { "name": "flag", "type": "flag" },
          { "name": "size", "type": "categorical", "values": ["大", "小"], "codes": { "1": "大", "2": "小" } },
          { "name": "open", "type": "categorical", "values": ["a"], "open": true },
          { "name": "day", "type": "date" } ] }
        """, "Small");
}
