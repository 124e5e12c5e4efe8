using System.Text;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;
using Xunit;

namespace BankInsight.Tests.Reading;

/// <summary>A file read in chunks is the file loaded: the same rows, values, lines and rejections; a second pass by line finds the same rows again.</summary>
public sealed class ChunkedLoadTests
{
    private static readonly BankSchema Retail = BuiltInSchemas.Get(BuiltInSchemas.Retail);

    /// <summary>3,000 generated customers with a repeated id, a bad number and a short row among them.</summary>
    private static string DamagedFile(TempFolder folder)
    {
        string path = folder.File("retail.del");
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest(BuiltInSchemas.Retail, 3000) { Seed = 5 }, path, NullSink.Instance);
        var lines = File.ReadAllLines(path, Encoding.UTF8).ToList();
        lines[1500] = lines[10];                                          // line 1501 repeats line 11's id
        var fields = lines[2500].Split(',');
        fields[2] = "abc";                                                  // 年龄 not a number, line 2501
        lines[2500] = string.Join(',', fields);
        lines[2700] = string.Join(',', fields.Take(20));                   // too few fields, line 2701
        File.WriteAllLines(path, lines, new UTF8Encoding(false));
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Chunks_together_are_the_loaded_file(bool header)
    {
        using var folder = new TempFolder();
        string path = DamagedFile(folder);
        if (header) // a CSV with a header row, one schema column left out of it
        {
            var names = Retail.Columns.Select(c => c.Name).ToList();
            int left = names.IndexOf("年龄");
            var lines = File.ReadAllLines(path, Encoding.UTF8).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != left || l.Split(',').Length != names.Count)));
            File.WriteAllLines(path, [string.Join(',', names.Where((_, i) => i != left)), .. lines], new UTF8Encoding(false));
        }
        var loadSink = new CollectingSink();
        var loaded = CustomerDataLoader.Load(path, new DataLoadOptions(Retail), loadSink);
        var chunkSink = new CollectingSink();
        var chunks = new List<(int Rows, Dictionary<string, object?[]> Values, int[] Lines)>();
        var summary = CustomerDataLoader.LoadInChunks(path, new DataLoadOptions(Retail), 1024, chunk =>
        {
            // A chunk's arrays are reused by the next one: copy what is kept.
            var values = chunk.Columns.ToDictionary(c => c.Name, c => Enumerable.Range(0, c.Length).Select(c.GetValue).ToArray());
            chunks.Add((chunk.RowCount, values, Enumerable.Range(0, chunk.RowCount).Select(chunk.GetSourceLine).ToArray()));
        }, chunkSink);

        Assert.Equal(loaded.RowCount, summary.RowsLoaded);
        Assert.Equal(header ? 2 : 3, loaded.RowsRejected);   // with the header, 年龄 (one bad value) is not in the file
        Assert.Equal(loadSink.Warnings, chunkSink.Warnings);
        Assert.Equal(header, summary.DroppedColumns.Contains("年龄"));
        Assert.Equal(loaded.Summary.RejectedByReason, summary.RejectedByReason);
        Assert.Equal(loadSink.Errors.Select(e => e.Message), chunkSink.Errors.Select(e => e.Message));
        Assert.Equal(loaded.DroppedColumns, summary.DroppedColumns);
        Assert.Equal(new[] { 1024, 1024, loaded.RowCount - 2048 }, chunks.Select(c => c.Rows));
        Assert.Equal(Enumerable.Range(0, loaded.RowCount).Select(loaded.GetSourceLine), chunks.SelectMany(c => c.Lines));
        foreach (var column in loaded.Columns)
        {
            var expected = Enumerable.Range(0, column.Length).Select(column.GetValue);
            Assert.Equal(expected, chunks.SelectMany(c => c.Values[column.Name]));
        }
    }

    [Fact]
    public void A_second_pass_by_line_reads_only_those_rows()
    {
        using var folder = new TempFolder();
        string path = DamagedFile(folder);
        var loaded = CustomerDataLoader.Load(path, new DataLoadOptions(Retail), NullSink.Instance);
        int[] rows = [0, 1, 1499, 1500, 2499, 2500, loaded.RowCount - 1];
        var lines = rows.Select(loaded.GetSourceLine).ToArray();
        var ids = new List<string?>();
        var ages = new List<object?>();
        var sink = new CollectingSink();
        var summary = CustomerDataLoader.LoadInChunks(path, new DataLoadOptions(Retail) { Lines = lines, Columns = new HashSet<string> { "年龄" } }, 1024, chunk =>
        {
            for (int i = 0; i < chunk.RowCount; i++)
            {
                ids.Add(chunk.Ids![i]);
                ages.Add(chunk["年龄"].GetValue(i));
            }
        }, sink);
        Assert.Equal(rows.Length, summary.RowsLoaded);
        Assert.Empty(sink.Errors);   // the rejected lines were not asked for, so not read
        Assert.Equal(rows.Select(r => loaded.Ids![r]), ids);
        Assert.Equal(rows.Select(r => loaded["年龄"].GetValue(r)), ages);
    }

    [Fact]
    public void A_column_not_kept_is_checked_as_strictly_and_categories_read_from_remembered_bytes_are_the_same()
    {
        using var folder = new TempFolder();
        string path = folder.File("retail.del");
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest(BuiltInSchemas.Retail, 2000) { Seed = 9 }, path, NullSink.Instance);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        string Name(int line, string name) => lines[line] = string.Join(',', lines[line].Split(',') is var f ? f.Select((v, i) => i == 1 ? name : v) : []);
        Name(100, "\"张\u0007三\"");                     // a control character in a name nobody keeps
        Name(200, "\"李\u202E四\"");                     // a direction override
        var bytes = lines.Select(l => Encoding.UTF8.GetBytes(l + "\n")).ToList();
        var fields = lines[300].Split(',');
        var head = Encoding.UTF8.GetBytes(fields[0] + ",");
        var tail = Encoding.UTF8.GetBytes("," + string.Join(',', fields.Skip(2)) + "\n");
        bytes[300] = [.. head, (byte)'"', 0xFF, 0xFE, (byte)'"', .. tail];   // invalid UTF-8 in the name
        File.WriteAllBytes(path, bytes.SelectMany(b => b).ToArray());

        var all = new CollectingSink();
        var loaded = CustomerDataLoader.Load(path, new DataLoadOptions(Retail), all);
        var idOnly = new CollectingSink();
        var few = CustomerDataLoader.Load(path, new DataLoadOptions(Retail) { Columns = new HashSet<string> { "性别", "学历" } }, idOnly);
        Assert.Equal(3, loaded.RowsRejected);
        Assert.Equal([101, 201, 301], all.Rejections.Select(r => r.Line));
        Assert.Equal(all.Errors.Select(e => e.Message), idOnly.Errors.Select(e => e.Message));
        Assert.Equal(loaded.Ids!.Values, few.Ids!.Values);
        foreach (var name in new[] { "性别", "学历" })
            Assert.Equal(((CategoricalColumn)loaded[name]).Codes.ToArray(), ((CategoricalColumn)few[name]).Codes.ToArray());
    }

    [Fact]
    public void Chunks_are_at_least_the_layout_check()
    {
        using var folder = new TempFolder();
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerDataLoader.LoadInChunks(folder.File("x.del"), new DataLoadOptions(Retail), 10, _ => { }, NullSink.Instance));
    }
}
