using BankInsight.Data.Reading;
using System.Globalization;
using System.Text;
using BankInsight.Common;
using BankInsight.ResultFiles;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.ResultFiles;

public class ResultFileTests
{
    [Fact]
    public void Writes_the_banks_format()
    {
        using var temp = new TempFolder();
        string path = temp.File("result.txt");
        BankResultWriter.WriteAll(path,
        [
            [ResultField.FromText("210090000000000.0")],
            [ResultField.FromText("a"), ResultField.FromText("3,4")],
            [ResultField.FromText("01"), ResultField.FromText("c")],
            [ResultField.FromText("say \"hi\""), ResultField.FromNumber(0.873), ResultField.Null, ResultField.FromNumber(12L)],
        ]);
        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]); // no BOM
        Assert.Equal("\"210090000000000.0\"\n\"a\",\"3,4\"\n\"01\",\"c\"\n\"say \"\"hi\"\"\",0.873,,12\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Matches_the_old_deliverys_example_files_byte_for_byte()
    {
        // example_output_cross_selling.txt and example_output_product_mining.txt (shipped with the old delivery).
        using var temp = new TempFolder();
        string path = temp.File("cross.txt");
        BankResultWriter.WriteAll(path, new[] { ("a", "4"), ("a", "5"), ("c", "4"), ("a", "8"), ("c", "8") }
            .Select(p => (IReadOnlyList<ResultField>)[ResultField.FromText(p.Item1), ResultField.FromText(p.Item2)]));
        Assert.Equal("\"a\",\"4\"\n\"a\",\"5\"\n\"c\",\"4\"\n\"a\",\"8\"\n\"c\",\"8\"\n", File.ReadAllText(path));
    }

    [Fact]
    public void An_empty_result_does_not_replace_one_with_lines_unless_allowed()
    {
        using var temp = new TempFolder();
        string path = temp.File("list.txt");
        File.WriteAllText(path, "\"c1\"\n\"c2\"\n\"c3\"");
        using (var empty = new BankResultWriter(path))
        {
            var e = Assert.Throws<BankInsightException>(empty.Commit);
            Assert.Equal(ErrorIds.ResultEmpty, e.ErrorId);
            Assert.Equal($"The new '{path}' would be empty, and the one it would replace has 3 line(s): that one stays. Check the input and the thresholds; if an empty result is right, allow it (--allow_empty, -AllowEmpty).", e.Message);
        }
        Assert.Equal("\"c1\"\n\"c2\"\n\"c3\"", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));

        using (var allowed = new BankResultWriter(path) { AllowEmpty = true }) allowed.Commit();
        Assert.Equal(0, new FileInfo(path).Length);
        using (var again = new BankResultWriter(path)) again.Commit(); // empty over empty, or over nothing: nothing is lost
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void A_bom_only_when_asked()
    {
        using var temp = new TempFolder();
        string path = temp.File("bom.txt");
        BankResultWriter.WriteAll(path, [[ResultField.FromText("甲")]]);
        Assert.Equal("\"甲\"\n"u8.ToArray(), File.ReadAllBytes(path));
        BankResultWriter.WriteAll(path, [[ResultField.FromText("甲")]], TextEncodings.Utf8Bom);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(path)[..3]);
        Assert.Equal("\"甲\"\n", File.ReadAllText(path));
    }

    [Fact]
    public void Writes_gb18030_when_asked()
    {
        using var temp = new TempFolder();
        string path = temp.File("gb.txt");
        BankResultWriter.WriteAll(path, [[ResultField.FromText("甲"), ResultField.FromNumber(1.5, 2)]], TextEncodings.Gb18030);
        // 甲 is 0xBC 0xD7 in GB2312/GBK/GB18030.
        Assert.Equal(new byte[] { (byte)'"', 0xBC, 0xD7, (byte)'"', (byte)',', (byte)'1', (byte)'.', (byte)'5', (byte)'\n' }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_character_the_encoding_cannot_hold_is_refused_with_its_line_and_the_old_file_stays()
    {
        using var temp = new TempFolder();
        string path = temp.File("ascii.txt");
        File.WriteAllText(path, "last month");
        var e = Assert.Throws<BankInsightException>(() => BankResultWriter.WriteAll(path,
            [[ResultField.FromText("a")], [ResultField.FromText("甲")]], System.Text.Encoding.ASCII));
        Assert.Equal(ErrorIds.ResultValueInvalid, e.ErrorId);
        Assert.Contains("Line 2", e.Message);
        Assert.Contains("'甲'", e.Message);
        Assert.Equal("last month", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path)); // no temporary file left
    }

    [Fact]
    public void An_uncommitted_write_leaves_the_old_file_and_no_temporary()
    {
        using var temp = new TempFolder();
        string path = temp.File("result.txt");
        File.WriteAllText(path, "\"last month\"\n");
        using (var writer = new BankResultWriter(path))
        {
            writer.WriteLine(ResultField.FromText("half"));
            // crash before Commit
        }
        Assert.Equal("\"last month\"\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Commit_replaces_the_old_file()
    {
        using var temp = new TempFolder();
        string path = temp.File("result.txt");
        File.WriteAllText(path, "old\n");
        long lines = BankResultWriter.WriteAll(path, [[ResultField.FromText("new")]]);
        Assert.Equal(1, lines);
        Assert.Equal("\"new\"\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Numbers_do_not_depend_on_the_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1234.5", ResultField.FromNumber(1234.5).ToString());
            Assert.Equal("0.873", ResultField.FromNumber(0.87251, 3).ToString());
            Assert.Equal("1200.50", ResultField.FromNumber(1200.50m).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    public static TheoryData<object?, string> Values => new()
    {
        { null, "" },
        { "text", "\"text\"" },
        { 'x', "\"x\"" },
        { true, "1" },
        { false, "0" },
        { 42, "42" },
        { 42L, "42" },
        { 0.1, "0.1" },
        { 3.0, "3" },
        { double.NaN, "" },
        { 1.5f, "1.5" },
        { 99.95m, "99.95" },
        { new DateOnly(2026, 10, 31), "20261031" },
        { new DateTime(2026, 10, 31, 12, 0, 0), "20261031" },
        { DayOfWeek.Monday, "\"Monday\"" },
        { new[] { "3", "4" }, "\"3,4\"" },
        { new[] { 1, 2 }, "\"1,2\"" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_map_to_fields(object? value, string expected)
    {
        Assert.Equal(expected, ResultField.FromValue(value).ToString());
    }

    [Fact]
    public void Lines_come_from_named_properties_in_order()
    {
        var values = new Dictionary<string, object?> { ["CustomerId"] = "c1", ["Probability"] = 0.9 };
        var fields = ResultLines.FromObject(new object(), ["Probability", "CustomerId"], n => (values.ContainsKey(n), values.GetValueOrDefault(n)));
        Assert.Equal("0.9,\"c1\"", string.Join(",", fields));
    }

    [Fact]
    public void A_missing_property_names_itself()
    {
        var e = Assert.Throws<BankInsightException>(() => ResultLines.FromObject("x", ["Nope"], _ => (false, null)));
        Assert.Equal(ErrorIds.ResultValueInvalid, e.ErrorId);
        Assert.Contains("has no property 'Nope'", e.Message);
    }

    private sealed class Churner : IBankResultRecord
    {
        public IReadOnlyList<ResultField> ToResultFields() => [ResultField.FromText("c7")];
    }

    [Fact]
    public void Result_records_know_their_own_line()
    {
        Assert.Equal("\"c7\"", string.Join(",", ResultLines.FromObject(new Churner(), null, _ => (false, null))));
        Assert.Equal("\"plain\"", string.Join(",", ResultLines.FromObject("plain", null, _ => (false, null))));
        var e = Assert.Throws<BankInsightException>(() => ResultLines.FromObject(new Uri("http://x"), null, _ => (false, null)));
        Assert.Contains("-Property", e.Message);
    }
}

public class ResultFileRoundTripTests
{
    [Fact]
    public void A_result_file_reads_back_through_the_loader_unchanged()
    {
        // The result format is DEL, so our own reader must read back exactly what was written:
        // quotes and commas inside text, Chinese text, nulls and numbers. (A line break inside text
        // is refused on both sides: ControlCharacterTests.)
        var schema = BankInsight.Data.Schemas.SchemaJson.Parse("""
            {"name":"R","columns":[{"name":"id","type":"text"},{"name":"codes","type":"text"},{"name":"p","type":"number"}]}
            """, "R");
        var rows = new (string Id, string? Codes, double? P)[]
        {
            ("210090012199785", "3,4", 0.873),
            ("say \"hi\"", null, -1.5e-7),
            ("东莞,两行", "1", null),
        };
        using var temp = new TempFolder();
        string path = temp.File("r.txt");
        BankResultWriter.WriteAll(path, rows.Select(r => (IReadOnlyList<ResultField>)[ResultField.FromText(r.Id), ResultField.FromText(r.Codes), r.P is { } p ? ResultField.FromNumber(p) : ResultField.Null]));
        var data = BankInsight.Data.Reading.CustomerDataLoader.Load(path, new BankInsight.Data.Reading.DataLoadOptions(schema), new CollectingSink());
        Assert.Equal(rows.Select(r => r.Id), ((BankInsight.Data.Columns.TextColumn)data["id"]).Values);
        Assert.Equal(rows.Select(r => r.Codes), ((BankInsight.Data.Columns.TextColumn)data["codes"]).Values);
        var p = (BankInsight.Data.Columns.NumericColumn)data["p"];
        Assert.Equal([0.873, -1.5e-7], new[] { p[0], p[1] });
        Assert.True(p.IsNull(2));
        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(data.GetSourceLine));
    }
}
