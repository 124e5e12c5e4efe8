using System.Globalization;
using System.Text;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Monitoring;

/// <summary>Generated churn months, as they are or drifted: some columns multiplied, one emptied.</summary>
internal static class Months
{
    public static byte[] Generate(int rows, int seed, DateOnly asOf)
    {
        using var stream = new MemoryStream();
        SyntheticDataGenerator.Generate(new SyntheticDataRequest(BuiltInSchemas.CorporateChurn, rows) { Seed = seed, AsOf = asOf }, stream, NullSink.Instance);
        return stream.ToArray();
    }

    public static CustomerDataSet Load(byte[] bytes, string name, CollectingSink? sink = null) =>
        TestFiles.LoadBytes(bytes, BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn), sink ?? new CollectingSink(), name: name);

    /// <summary>The file with the numbers of <paramref name="multiplied"/> times <paramref name="factor"/> and <paramref name="emptied"/> empty in every row.</summary>
    public static byte[] Drift(byte[] file, string[] multiplied, double factor, string emptied)
    {
        var schema = BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn);
        int Index(string name) => schema.Columns.Select(c => c.Name).ToList().IndexOf(name);
        var times = multiplied.Select(Index).ToHashSet();
        int empty = Index(emptied);
        var text = new StringBuilder();
        foreach (var line in Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // Synthetic text fields hold no commas, so a plain split finds the fields.
            var fields = line.Split(',');
            foreach (int i in times)
                if (fields[i].Length > 0) fields[i] = (double.Parse(fields[i], CultureInfo.InvariantCulture) * factor).ToString("R", CultureInfo.InvariantCulture);
            fields[empty] = "";
            text.Append(string.Join(',', fields)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
