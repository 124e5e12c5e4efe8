using System.Security.Cryptography;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Synthetic;

public class GeneratorTests
{
    private static byte[] Generate(string schema, int customers, int seed = 42, System.Text.Encoding? encoding = null, int? batch = null)
    {
        using var buffer = new MemoryStream();
        var request = new SyntheticDataRequest(schema, customers) { Seed = seed, Encoding = encoding ?? TextEncodings.Utf8 };
        SyntheticDataGenerator.Generate(request, buffer, new CollectingSink(), default, batch);
        return buffer.ToArray();
    }

    private static CustomerDataSet Load(byte[] bytes, string schema, CollectingSink? sink = null) =>
        CustomerDataLoader.Load(new MemoryStream(bytes), schema, new DataLoadOptions(BuiltInSchemas.Get(schema)), sink ?? new CollectingSink());

    public static TheoryData<string> Schemas => new() { "CorporateChurn", "CorporateProspect", "ProspectRelation", "Retail" };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Same_seed_gives_identical_bytes_and_another_seed_does_not(string schema)
    {
        var a = Generate(schema, 3000);
        Assert.Equal(a, Generate(schema, 3000));
        Assert.NotEqual(SHA256.HashData(a), SHA256.HashData(Generate(schema, 3000, seed: 7)));
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Output_does_not_depend_on_how_the_work_is_split(string schema)
    {
        Assert.Equal(Generate(schema, 5000, batch: 1), Generate(schema, 5000, batch: 7));
    }

    [Theory]
    [InlineData("CorporateChurn")]
    [InlineData("Retail")]
    public void Customer_i_is_the_same_in_a_smaller_file(string schema)
    {
        var small = Generate(schema, 1000);
        var large = Generate(schema, 2500);
        Assert.Equal(small, large[..small.Length]);
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Generated_files_load_without_a_single_rejection(string schema)
    {
        var sink = new CollectingSink();
        var data = Load(Generate(schema, 4000), schema, sink);
        Assert.Empty(sink.Errors);
        Assert.Empty(data.DroppedColumns);
        Assert.True(data.RowCount >= 4000);
    }

    [Fact]
    public void Gb18030_output_reads_back_to_the_same_data_as_utf8()
    {
        var utf8 = Load(Generate("Retail", 1000), "Retail");
        var gb = Load(Generate("Retail", 1000, encoding: TextEncodings.Gb18030), "Retail");
        Assert.Equal("gb18030", gb.Summary.EncodingName);
        Assert.Equal(((TextColumn)utf8["客户名称"]).Values, ((TextColumn)gb["客户名称"]).Values);
        Assert.Equal(((CategoricalColumn)utf8["学历"]).Codes.ToArray(), ((CategoricalColumn)gb["学历"]).Codes.ToArray());
        Assert.Equal(((NumericColumn)utf8["存款余额"]).Values.ToArray(), ((NumericColumn)gb["存款余额"]).Values.ToArray());
    }

    [Fact]
    public void In_memory_data_equals_the_file_read_back()
    {
        var request = new SyntheticDataRequest("CorporateChurn", 500) { Seed = 3 };
        var inMemory = SyntheticDataGenerator.GenerateDataSet(request, new CollectingSink());
        using var temp = new TempFolder();
        string path = temp.File("churn.del");
        SyntheticDataGenerator.GenerateFile(request, path, new CollectingSink());
        var fromFile = CustomerDataLoader.Load(path, new DataLoadOptions(BuiltInSchemas.Get("CorporateChurn")), new CollectingSink());
        Assert.Equal(inMemory.Ids!.Values, fromFile.Ids!.Values);
        Assert.Equal(((NumericColumn)inMemory["金融资产月日均"]).Values.ToArray(), ((NumericColumn)fromFile["金融资产月日均"]).Values.ToArray());
        Assert.Equal(((DateColumn)inMemory["企业网银签约日期"]).DayNumbers.ToArray(), ((DateColumn)fromFile["企业网银签约日期"]).DayNumbers.ToArray());
    }

    [Fact]
    public void Churn_is_planted_and_visible_in_the_features()
    {
        var data = Load(Generate("CorporateChurn", 20_000), "CorporateChurn");
        var current = (NumericColumn)data["金融资产月日均"];
        var last3 = (NumericColumn)data["近三个月金融资产月日均"];
        var logins = (NumericColumn)data["企业网银交易笔数"];
        var interbank = (NumericColumn)data["对公银银转账交易金额"];
        var deposits = (NumericColumn)data["本月日均存款余额"];
        int labelled = 0, churners = 0, unlabelled = 0;
        double churnActivity = 0, stayActivity = 0, churnOutflow = 0, stayOutflow = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            if (double.IsNaN(last3[i]) || last3[i] == 0) { unlabelled++; continue; }
            labelled++;
            bool churn = current[i] / last3[i] < 0.5; // SPEC's label, threshold 0.5
            double outflowShare = interbank[i] / (deposits[i] + interbank[i] + 1);
            if (churn) { churners++; churnActivity += logins[i]; churnOutflow += outflowShare; }
            else { stayActivity += logins[i]; stayOutflow += outflowShare; }
        }
        double rate = (double)churners / labelled;
        Assert.InRange(rate, 0.10, 0.20);
        Assert.InRange((double)unlabelled / data.RowCount, 0.005, 0.03); // zero or missing three-month averages
        // Churners transact less and move money out.
        Assert.True(churnActivity / churners < 0.6 * (stayActivity / (labelled - churners)));
        Assert.True(churnOutflow / churners > 2 * (stayOutflow / (labelled - churners)));
    }

    [Fact]
    public void Prospects_are_planted_and_driven_by_relations()
    {
        var prospects = Load(Generate("CorporateProspect", 20_000), "CorporateProspect");
        var relations = Load(Generate("ProspectRelation", 20_000), "ProspectRelation");
        var count = (NumericColumn)prospects["月均交易笔数"];
        var amount = (NumericColumn)prospects["月均交易金额"];
        var ours = new Dictionary<string, int>();
        var relationIds = (TextColumn)relations["客户编号"];
        var isOurs = (NumericColumn)relations["是否我行客户"];
        for (int r = 0; r < relations.RowCount; r++)
            ours[relationIds[r]!] = ours.GetValueOrDefault(relationIds[r]!) + (int)isOurs[r];
        int positives = 0;
        double positiveRelations = 0, negativeRelations = 0;
        for (int i = 0; i < prospects.RowCount; i++)
        {
            bool prospect = count[i] > 3 || amount[i] > 3_000_000; // SPEC's label
            int n = ours.GetValueOrDefault(prospects.Ids![i]!);
            if (prospect) { positives++; positiveRelations += n; } else negativeRelations += n;
        }
        Assert.InRange((double)positives / prospects.RowCount, 0.10, 0.22);
        Assert.True(positiveRelations / positives > 1.5 * negativeRelations / (prospects.RowCount - positives));
        // Every relation belongs to a company of the prospect file; related customers of ours point into it too.
        var ids = prospects.Ids!.Values.ToHashSet();
        Assert.All(relationIds.Values, id => Assert.Contains(id, ids));
        var relatedIds = (TextColumn)relations["关联人客户编号"];
        int linked = Enumerable.Range(0, relations.RowCount).Count(r => ids.Contains(relatedIds[r]!));
        Assert.True(linked > 1000);
    }

    [Fact]
    public void Retail_holdings_are_realistic_and_associations_differ_by_segment()
    {
        const int n = 40_000;
        var data = Load(Generate("Retail", n), "Retail");
        var schema = data.Schema;
        bool Held(int row, int product) => schema.Products[product].BalanceColumns.Any(c => ((NumericColumn)data[c])[row] > 0);
        // Product indexes in the schema's order: 1 存款, 2 保险, 3 基金和积利宝, 4 积存金, 5 理财, 6 国债, 7 代销资管产品, 8 贷款和信用卡.
        for (int p = 0; p < 8; p++)
        {
            double rate = Enumerable.Range(0, n).Count(i => Held(i, p)) / (double)n;
            Assert.InRange(rate, 0.04, 0.82);
        }
        var story = new RetailStory(42);
        double Lift(int segment, int a, int b)
        {
            var rows = Enumerable.Range(0, n).Where(i => story.SegmentOf(i) == segment).ToList();
            double pa = rows.Count(i => Held(i, a)) / (double)rows.Count;
            double pb = rows.Count(i => Held(i, b)) / (double)rows.Count;
            double pab = rows.Count(i => Held(i, a) && Held(i, b)) / (double)rows.Count;
            return pab / (pa * pb);
        }
        const int Fund = 2, Wealth = 4, Loan = 7;
        // Affluent investors (segment 2): funds go with wealth management; students (5): with loans/cards.
        double affluentWealthFund = Lift(2, Wealth, Fund), studentLoanFund = Lift(5, Loan, Fund), affluentLoanFund = Lift(2, Loan, Fund);
        Assert.True(affluentWealthFund > 1.3, $"affluent wealth→fund lift {affluentWealthFund}");
        Assert.True(studentLoanFund > 1.5, $"student loan→fund lift {studentLoanFund}");
        Assert.True(studentLoanFund > affluentLoanFund + 0.3, $"student {studentLoanFund} vs affluent {affluentLoanFund}");
        // Historical balances alone do not make a holder.
        var history = (NumericColumn)data["历史国债余额"];
        var bond = (NumericColumn)data["国债余额"];
        Assert.True(Enumerable.Range(0, n).Count(i => bond[i] == 0 && history[i] > 0) > n / 10);
    }

    [Fact]
    public void Preferences_are_empty_for_product_lines_not_held()
    {
        var data = Load(Generate("Retail", 5000), "Retail");
        var fundPreference = (CategoricalColumn)data["基金产品偏好"];
        var fund = (NumericColumn)data["基金余额"];
        for (int i = 0; i < data.RowCount; i++)
            Assert.Equal(fund[i] > 0, fundPreference[i] is not null);
    }
}
