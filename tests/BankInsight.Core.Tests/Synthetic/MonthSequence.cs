using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Synthetic;

/// <summary>
/// A monthly sequence made in memory, each month loaded as the churn job would load its file, with
/// the story's oracle beside it; and the label of SPEC's next-month rule made from the files alone.
/// </summary>
internal sealed class MonthSequence
{
    public const string Assets = "金融资产月日均", ThreeMonths = "近三个月金融资产月日均";

    private MonthSequence(SyntheticDataRequest request, byte[][] bytes, CustomerDataSet[] months, ChurnOracleMonth[] oracle)
    {
        Request = request;
        Bytes = bytes;
        Months = months;
        Oracle = oracle;
    }

    public SyntheticDataRequest Request { get; }
    public byte[][] Bytes { get; }
    public CustomerDataSet[] Months { get; }
    public ChurnOracleMonth[] Oracle { get; }

    public static MonthSequence Make(int customers, int months, int seed = 42, DateOnly? asOf = null, int? batchChunks = null)
    {
        var request = new SyntheticDataRequest("CorporateChurn", customers) { Seed = seed, Months = months, AsOf = asOf ?? SyntheticDataRequest.DefaultAsOf };
        var ends = SyntheticMonths.MonthEnds(request.AsOf, months);
        var streams = ends.Select(_ => new MemoryStream()).ToArray();
        var entries = ends.Select(_ => new List<OracleEntry>()).ToArray();
        SyntheticMonths.Run(request, ends, new CollectingSink(), default, (m, w) => streams[m].Write(w.Written), (m, chunk) => entries[m].AddRange(chunk), batchChunks);
        var bytes = streams.Select(s => s.ToArray()).ToArray();
        var schema = BuiltInSchemas.Get("CorporateChurn");
        var loaded = bytes.Select((b, m) => CustomerDataLoader.Load(new MemoryStream(b), $"month {m}", new DataLoadOptions(schema) { Header = HeaderMode.Absent }, new CollectingSink())).ToArray();
        var oracle = ends.Select((end, m) => new ChurnOracleMonth(end, [.. entries[m].Select(e => e.CustomerId)], [.. entries[m].Select(e => e.Probability)], [.. entries[m].Select(e => e.Outcome)])).ToArray();
        return new MonthSequence(request, bytes, loaded, oracle);
    }

    public static double[] Column(CustomerDataSet data, string name) => ((NumericColumn)data[name]).Values.ToArray();

    public static Dictionary<string, int> RowsById(CustomerDataSet data)
    {
        var ids = data.Ids!;
        var rows = new Dictionary<string, int>(data.RowCount);
        for (int i = 0; i < data.RowCount; i++) rows.Add(ids[i]!, i);
        return rows;
    }

    /// <summary>
    /// SPEC's next-month label of every customer of month <paramref name="t"/>, from the files alone:
    /// churned when absent from month t+1, or when t+1's assets are below half its three-month
    /// average; null when t+1's row has a zero or missing three-month average.
    /// </summary>
    public bool?[] NextMonthLabels(int t)
    {
        var next = Months[t + 1];
        var rows = RowsById(next);
        double[] assets = Column(next, Assets), last3 = Column(next, ThreeMonths);
        var ids = Months[t].Ids!;
        var labels = new bool?[Months[t].RowCount];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!rows.TryGetValue(ids[i]!, out int j)) labels[i] = true;
            else if (double.IsNaN(last3[j]) || last3[j] == 0) labels[i] = null;
            else labels[i] = assets[j] / last3[j] < 1 - 0.5;
        }
        return labels;
    }
}
