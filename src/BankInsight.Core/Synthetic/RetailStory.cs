using BankInsight.Common;
using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>
/// Retail customers (schema Retail, 134 columns) drawn from six latent segments, each with its
/// own demographics, channel habits and product-association structure.
/// </summary>
/// <remarks>
/// The story, per customer:
/// <list type="number">
/// <item>A segment (young professionals 22%, mortgage families 18%, affluent investors 12%,
/// retired savers 16%, rural villagers 20%, students and newcomers 12%) fixes the age, education,
/// marriage, the seven customer flags, channel use, risk rating and preferences.</item>
/// <item>Products are drawn in a fixed order (deposit, loan &amp; card, insurance, wealth
/// management, treasury bonds, funds, asset management, gold) as a small Bayesian network:
/// each has a segment-specific base rate plus logit boosts when certain earlier products are
/// held — e.g. funds follow wealth management for affluent investors (+2.2) but follow a
/// loan/card for students; insurance follows a mortgage for families (+1.5). So association
/// rules genuinely differ by segment. Overall holding rates run from about 5% (asset
/// management) to about 79% (deposits).</item>
/// <item>A held product gets a log-normal balance scaled by segment; month and quarter
/// averages scatter ±15% around it; the 历史 (historical) balance is at least the current one,
/// and a quarter of non-holders have a positive historical balance (a product they gave up),
/// which must not count as holding. Counts (持有…个数) and AUM are consistent with balances.</item>
/// <item>Preferences for a product line are empty when the customer holds none of it.</item>
/// </list>
/// </remarks>
internal sealed class RetailStory : ISyntheticStory
{
    private const ulong StreamId = 0x8E7A11;

    // Product order in the network; values are schema product codes.
    private const int Deposit = 0, Loan = 1, Insurance = 2, Wealth = 3, Bond = 4, Fund = 5, AssetMgmt = 6, Gold = 7;

    private sealed record Segment(
        string Name, double Weight, double AgeMean, double AgeSd, int AgeMin, int AgeMax,
        double[] Education, double[] Marriage, double[] Flags,
        double[] BaseRates, (int Product, int Parent, double Boost)[] Links,
        double BalanceScale, double MobileLogins, double Transactions,
        double[] Risk, double[] Channel, int LoanKind);

    private static readonly string[] EducationValues = ["博士后", "博士研究生", "研究生", "大学本科", "大学专科", "中等专业学校", "技术学校", "高中", "初中", "小学", "文盲或半文盲", "未知"];
    private static readonly string[] MarriageValues = ["未婚", "已婚", "初婚", "再婚", "复婚", "已婚有子女", "已婚无子女", "丧偶", "离婚", "未知"];
    private static readonly string[] RiskValues = ["低风险", "中低风险", "中风险", "中高风险", "高风险"];
    private static readonly string[] SavingValues = ["活期", "普通定期", "大额存单", "结构性存款", "智能存款", "周周到通知存款"];
    private static readonly string[] WealthValues = ["封闭净值", "开放净值", "货币净值", "周期净值"];
    private static readonly string[] InsuranceValues = ["分红险", "保障险", "健康险", "定期寿险", "终身寿险", "意外伤害险", "两全保险", "年金险", "万能险", "投资连结险", "借款人意外险", "其他"];
    private static readonly string[] FundValues = ["普通基金", "股票型基金", "混合型基金", "货币型基金", "债券型基金", "QDII基金", "组合产品基金", "指数基金", "FOF基金"];
    private static readonly string[] ChannelValues = ["网银", "柜面", "手机银行", "第三方支付", "智能终端"];
    private static readonly string[] Genders = ["男", "女", "未知"];

    // Flags: 村民, 新市民, 代发客户, 按揭客户, 大学生客户, 股东客户, 企业主客户.
    private static readonly Segment[] Segments =
    [
        new("young professionals", 0.22, 29, 4, 22, 40,
            Education: [0, 0.01, 0.12, 0.45, 0.3, 0.04, 0.03, 0.04, 0.01, 0, 0, 0],
            Marriage: [0.55, 0.2, 0.05, 0, 0, 0.08, 0.08, 0, 0.02, 0.02],
            Flags: [0.04, 0.3, 0.75, 0.1, 0.04, 0.02, 0.03],
            BaseRates: [0.8, 0.55, 0.12, 0.2, 0.02, 0.22, 0.02, 0.07],
            Links: [(Insurance, Loan, 1.2), (Wealth, Deposit, 0.6), (Fund, Wealth, 1.5), (AssetMgmt, Fund, 1.5), (Gold, Fund, 1.0)],
            BalanceScale: 3e4, MobileLogins: 30, Transactions: 25,
            Risk: [0.05, 0.2, 0.4, 0.3, 0.05], Channel: [0.1, 0.03, 0.6, 0.25, 0.02], LoanKind: 0),
        new("mortgage families", 0.18, 38, 6, 27, 56,
            Education: [0, 0.01, 0.06, 0.35, 0.3, 0.08, 0.05, 0.1, 0.05, 0, 0, 0],
            Marriage: [0.02, 0.3, 0.05, 0.03, 0.01, 0.45, 0.1, 0, 0.03, 0.01],
            Flags: [0.08, 0.15, 0.6, 0.85, 0, 0.03, 0.08],
            BaseRates: [0.85, 0.85, 0.3, 0.2, 0.05, 0.1, 0.02, 0.06],
            Links: [(Insurance, Loan, 1.5), (Fund, Wealth, 0.8), (Gold, Insurance, 0.7)],
            BalanceScale: 5e4, MobileLogins: 15, Transactions: 18,
            Risk: [0.15, 0.35, 0.35, 0.13, 0.02], Channel: [0.2, 0.1, 0.5, 0.18, 0.02], LoanKind: 1),
        new("affluent investors", 0.12, 50, 8, 35, 72,
            Education: [0.01, 0.05, 0.2, 0.4, 0.2, 0.04, 0.02, 0.06, 0.02, 0, 0, 0],
            Marriage: [0.03, 0.35, 0.03, 0.05, 0.01, 0.4, 0.08, 0.02, 0.03, 0],
            Flags: [0.03, 0.02, 0.3, 0.3, 0, 0.2, 0.25],
            BaseRates: [0.92, 0.25, 0.35, 0.6, 0.2, 0.15, 0.1, 0.15],
            Links: [(Insurance, Wealth, 0.6), (Bond, Wealth, 0.5), (Fund, Wealth, 2.2), (AssetMgmt, Fund, 1.2), (AssetMgmt, Wealth, 0.8), (Gold, AssetMgmt, 0.8)],
            BalanceScale: 8e5, MobileLogins: 12, Transactions: 15,
            Risk: [0.03, 0.12, 0.3, 0.4, 0.15], Channel: [0.35, 0.15, 0.4, 0.05, 0.05], LoanKind: 2),
        new("retired savers", 0.16, 63, 6, 52, 85,
            Education: [0, 0, 0.01, 0.06, 0.08, 0.15, 0.05, 0.25, 0.25, 0.12, 0.02, 0.01],
            Marriage: [0.01, 0.55, 0.03, 0.03, 0, 0.15, 0.05, 0.12, 0.05, 0.01],
            Flags: [0.2, 0.02, 0.05, 0.03, 0, 0.03, 0.02],
            BaseRates: [0.93, 0.04, 0.22, 0.18, 0.28, 0.05, 0.02, 0.05],
            Links: [(Bond, Wealth, 1.2), (Insurance, Deposit, 0.3)],
            BalanceScale: 2e5, MobileLogins: 2, Transactions: 6,
            Risk: [0.45, 0.35, 0.15, 0.05, 0], Channel: [0.02, 0.78, 0.05, 0.02, 0.13], LoanKind: 3),
        new("rural villagers", 0.2, 45, 12, 20, 78,
            Education: [0, 0, 0, 0.02, 0.04, 0.08, 0.06, 0.25, 0.35, 0.15, 0.04, 0.01],
            Marriage: [0.1, 0.5, 0.05, 0.04, 0.01, 0.15, 0.05, 0.05, 0.04, 0.01],
            Flags: [0.9, 0.02, 0.15, 0.05, 0.01, 0.1, 0.12],
            BaseRates: [0.72, 0.35, 0.1, 0.05, 0.04, 0.03, 0.01, 0.12],
            Links: [(Insurance, Loan, 1.0), (Gold, Deposit, 0.6)],
            BalanceScale: 3e4, MobileLogins: 3, Transactions: 8,
            Risk: [0.4, 0.35, 0.2, 0.05, 0], Channel: [0.03, 0.62, 0.15, 0.05, 0.15], LoanKind: 4),
        new("students and newcomers", 0.12, 23, 3, 18, 32,
            Education: [0, 0, 0.05, 0.4, 0.35, 0.08, 0.05, 0.06, 0.01, 0, 0, 0],
            Marriage: [0.9, 0.04, 0.01, 0, 0, 0, 0, 0, 0, 0.05],
            Flags: [0.05, 0.45, 0.2, 0, 0.55, 0, 0.01],
            BaseRates: [0.5, 0.2, 0.03, 0.04, 0.01, 0.08, 0.005, 0.03],
            Links: [(Fund, Loan, 1.2), (Gold, Fund, 1.0)],
            BalanceScale: 3e3, MobileLogins: 25, Transactions: 30,
            Risk: [0.1, 0.3, 0.4, 0.15, 0.05], Channel: [0.05, 0.02, 0.45, 0.47, 0.01], LoanKind: 0),
    ];

    private static readonly double[] SegmentWeights = Segments.Select(s => s.Weight).ToArray();

    private readonly ulong _seed;
    private readonly Dictionary<string, int> _col;

    public RetailStory(ulong seed)
    {
        Schema = BuiltInSchemas.Get(BuiltInSchemas.Retail);
        _seed = seed;
        _col = Schema.Columns.ToDictionary(c => c.Name.Trim(), c => c.Position, StringComparer.Ordinal);
    }

    public BankSchema Schema { get; }

    /// <summary>The segment customer <paramref name="index"/> was drawn from (for tests of planted structure).</summary>
    internal int SegmentOf(int index) => SeededRandom.ForStream(_seed, StreamId, (ulong)index).Choose(SegmentWeights);

    public void WriteCustomer(int index, SyntheticRow row, DelRowWriter writer)
    {
        var r = SeededRandom.ForStream(_seed, StreamId, (ulong)index);
        var seg = Segments[r.Choose(SegmentWeights)];
        row.Clear();
        row.SetText(C("客户编号"), $"10{r.NextInt(100):D2}{index + 1:D11}");
        row.SetText(C("客户名称"), ChineseNames.Person(r));
        int age = (int)Math.Clamp(Math.Round(r.Normal(seg.AgeMean, seg.AgeSd)), seg.AgeMin, seg.AgeMax);
        row.Set(C("年龄"), age);
        row.SetText(C("性别"), Genders[r.Choose([0.49, 0.49, 0.02])]);
        row.Set(C("开户年限"), Math.Clamp(1 + r.Poisson(Math.Max(0.5, (age - 18) / 6.0)), 1, 10));
        row.SetText(C("学历"), EducationValues[r.Choose(seg.Education)]);
        row.SetText(C("婚姻状况"), MarriageValues[r.Choose(seg.Marriage)]);
        string[] flagColumns = ["村民", "新市民", "代发客户", "按揭客户", "大学生客户", "股东客户", "企业主客户"];
        for (int f = 0; f < flagColumns.Length; f++) row.Set(C(flagColumns[f]), r.Bernoulli(seg.Flags[f]) ? 1 : 0);

        // Products as a small Bayesian network.
        Span<bool> held = stackalloc bool[8];
        for (int p = 0; p < 8; p++)
        {
            double logit = Math.Log(seg.BaseRates[p] / (1 - seg.BaseRates[p]));
            foreach (var (product, parent, boost) in seg.Links)
                if (product == p && held[parent]) logit += boost;
            held[p] = r.Bernoulli(1 / (1 + Math.Exp(-logit)));
        }

        double scale = seg.BalanceScale;
        double Balance(bool has, double relative, double sigma = 1.0) => has ? Math.Round(scale * relative * r.LogNormal(0, sigma), 2) : 0;

        // Deposits and their kinds.
        double deposit = Balance(held[Deposit], 1.0);
        double currentShare = r.Uniform(0.2, 0.9);
        double current = Math.Round(deposit * currentShare, 2);
        double termPool = deposit - current;
        bool bigCertificate = termPool >= 200_000 && r.Bernoulli(0.5);
        double certificate = bigCertificate ? Math.Round(termPool * r.Uniform(0.3, 0.8), 2) : 0;
        double easy = termPool > 0 && r.Bernoulli(0.2) ? Math.Round((termPool - certificate) * r.Uniform(0.1, 0.5), 2) : 0;
        double ordinary = Math.Round(termPool - certificate - easy, 2);
        SetBalance(row, r, "存款", deposit, held[Deposit]);
        SetBalance(row, r, "活期存款", current, current > 0);
        SetBalance(row, r, "普通定期", ordinary, ordinary > 0);
        SetBalance(row, r, "大额存单", certificate, certificate > 0);
        SetBalance(row, r, "安心存单", easy, easy > 0);

        double wealth = Balance(held[Wealth], 2.0);
        double insurance = Balance(held[Insurance], 0.6, 0.8);
        bool fund = held[Fund] && r.Bernoulli(0.75), jilibao = held[Fund] && (!fund || r.Bernoulli(0.4));
        double fundBalance = Balance(fund, 1.2), jilibaoBalance = Balance(jilibao, 0.4);
        double gold = Balance(held[Gold], 0.3);
        double bond = Balance(held[Bond], 1.5);
        double hnw = held[AssetMgmt] ? Math.Round(Math.Max(1_000_000, scale * 3 * r.LogNormal(0, 0.6)), 2) : 0;
        SetBalance(row, r, "理财", wealth, held[Wealth]);
        SetBalance(row, r, "保险", insurance, held[Insurance]);
        SetBalance(row, r, "基金", fundBalance, fund);
        SetBalance(row, r, "积利宝", jilibaoBalance, jilibao);
        SetBalance(row, r, "积存金", gold, held[Gold]);
        SetBalance(row, r, "国债", bond, held[Bond]);
        SetBalance(row, r, "高净值产品", hnw, held[AssetMgmt]);

        // Loans and cards: the segment decides which kind.
        double consumer = 0, mortgage = 0, business = 0, online = 0, installments = 0;
        if (held[Loan])
        {
            switch (seg.LoanKind)
            {
                case 1: mortgage = Math.Round(r.LogNormal(Math.Log(600_000), 0.5), 2); break;
                case 2: business = r.Bernoulli(0.5) ? Math.Round(r.LogNormal(Math.Log(1_500_000), 0.6), 2) : 0; mortgage = business == 0 ? Math.Round(r.LogNormal(Math.Log(1_200_000), 0.5), 2) : 0; break;
                case 3: consumer = Math.Round(r.LogNormal(Math.Log(30_000), 0.6), 2); break;
                case 4: business = Math.Round(r.LogNormal(Math.Log(150_000), 0.7), 2); break;
                default:
                    if (r.Bernoulli(0.5)) installments = Math.Round(r.LogNormal(Math.Log(12_000), 0.8), 2);
                    if (installments == 0 || r.Bernoulli(0.3))
                    {
                        if (r.Bernoulli(0.5)) online = Math.Round(r.LogNormal(Math.Log(20_000), 0.7), 2);
                        else consumer = Math.Round(r.LogNormal(Math.Log(50_000), 0.7), 2);
                    }
                    break;
            }
        }
        double loans = Math.Round(consumer + mortgage + business + online, 2);
        SetBalance(row, r, "贷款", loans, loans > 0);
        SetBalance(row, r, "消费贷款", consumer, consumer > 0);
        SetBalance(row, r, "按揭贷款", mortgage, mortgage > 0);
        SetBalance(row, r, "个人经营性贷款", business, business > 0);
        SetBalance(row, r, "网络贷款", online, online > 0);
        SetBalance(row, r, "信用卡分期", installments, installments > 0);
        row.Set(C("信用卡贷款月日均"), installments > 0 || r.Bernoulli(0.1) ? Math.Round(r.LogNormal(Math.Log(5_000), 0.9), 2) : 0);

        double aum = deposit + wealth + insurance + fundBalance + jilibaoBalance + gold + bond + hnw;
        SetBalance(row, r, "AUM", Math.Round(aum, 2), aum > 0);

        // Counts consistent with the balances.
        int productCount = 0;
        for (int p = 0; p < 8; p++) if (held[p]) productCount++;
        row.Set(C("持有金融产品个数"), productCount);
        row.Set(C("持有渠道产品个数"), Math.Min(8, r.Poisson(seg.MobileLogins / 8 + 1)));
        row.Set(C("签约消费渠道个数"), Math.Min(8, r.Poisson(seg.Transactions / 10 + 0.5)));
        int termKinds = (ordinary > 0 ? 1 : 0) + (certificate > 0 ? 1 : 0) + (easy > 0 ? 1 : 0);
        row.Set(C("持有定期存款产品个数"), Math.Min(8, termKinds == 0 ? 0 : termKinds + r.Poisson(0.5)));
        int loanKinds = (consumer > 0 ? 1 : 0) + (mortgage > 0 ? 1 : 0) + (business > 0 ? 1 : 0) + (online > 0 ? 1 : 0) + (installments > 0 ? 1 : 0);
        row.Set(C("持有贷款产品个数"), loanKinds);
        row.Set(C("持有理财产品个数"), held[Wealth] ? Math.Min(8, 1 + r.Poisson(1.0)) : 0);
        row.Set(C("持有保险产品个数"), held[Insurance] ? Math.Min(8, 1 + r.Poisson(0.5)) : 0);
        row.Set(C("持有基金产品个数"), fund ? Math.Min(8, 1 + r.Poisson(1.5)) : 0);
        row.Set(C("持有国债产品个数"), held[Bond] ? Math.Min(8, 1 + r.Poisson(0.3)) : 0);
        row.Set(C("持有高净值产品个数"), held[AssetMgmt] ? Math.Min(8, 1 + r.Poisson(0.3)) : 0);

        // Activity over the last months.
        int logins = r.Poisson(seg.MobileLogins * r.LogNormal(0, 0.5));
        row.Set(C("手机银行近三个月登陆次数"), logins);
        int tx90 = r.Poisson(seg.Transactions * r.LogNormal(0, 0.4));
        row.Set(C("客户90天交易频率"), tx90);
        row.Set(C("客户180天交易频率"), tx90 + r.Poisson(seg.Transactions * r.LogNormal(0, 0.4)));
        double ticket = Math.Max(50, scale * 0.05 * r.LogNormal(0, 0.6));
        int inCount = r.Poisson(tx90 * 0.4 + 1), outCount = r.Poisson(tx90 * 0.6 + 1);
        row.Set(C("近三月转入笔数"), inCount);
        row.Set(C("近三月转入金额"), Math.Round(inCount * ticket * r.LogNormal(0, 0.3), 2));
        row.Set(C("近三月转出笔数"), outCount);
        row.Set(C("近三月转出金额"), Math.Round(outCount * ticket * 0.8 * r.LogNormal(0, 0.3), 2));
        int buys = fund ? r.Poisson(2) : 0, redemptions = fund ? r.Poisson(1) : 0;
        row.Set(C("近三月基金买入笔数（不含定投）"), buys);
        row.Set(C("近三月基金买入金额（不含定投）"), Math.Round(buys * Math.Max(100, fundBalance * 0.1) * r.LogNormal(0, 0.4), 2));
        row.Set(C("近三月基金赎回笔数"), redemptions);
        row.Set(C("近三月基金赎回金额"), Math.Round(redemptions * Math.Max(100, fundBalance * 0.08) * r.LogNormal(0, 0.4), 2));
        row.Set(C("本月网银跨行转账转出金额"), r.Bernoulli(0.2 + seg.Channel[0]) ? Math.Round(ticket * r.LogNormal(0, 0.8), 2) : 0);
        row.Set(C("本月手机银行跨行转账转出金额"), r.Bernoulli(0.1 + seg.Channel[2]) ? Math.Round(ticket * r.LogNormal(0, 0.8), 2) : 0);
        row.Set(C("柜台近3月交易笔数"), r.Poisson(1 + 10 * seg.Channel[1]));
        row.Set(C("手机银行近3月交易笔数"), r.Poisson(logins * 0.6));
        foreach (var (channel, share) in new[] { ("微信", seg.Channel[3] * 0.6), ("支付宝", seg.Channel[3] * 0.5) })
        {
            int cin = r.Poisson(1 + 20 * share), cout = r.Poisson(1 + 30 * share);
            row.Set(C($"{channel}近三月转入笔数"), cin);
            row.Set(C($"{channel}近三月转入金额"), Math.Round(cin * ticket * 0.3 * r.LogNormal(0, 0.5), 2));
            row.Set(C($"{channel}近三月转出笔数"), cout);
            row.Set(C($"{channel}近三月转出金额"), Math.Round(cout * ticket * 0.2 * r.LogNormal(0, 0.5), 2));
        }
        int pos = r.Bernoulli(seg.Flags[6] + 0.05) ? r.Poisson(20) : 0;
        row.Set(C("POS近三月转入笔数"), pos);
        row.Set(C("POS近三月转入金额"), Math.Round(pos * 500 * r.LogNormal(0, 0.6), 2));
        row.Set(C("银银转账近三月转入金额"), r.Bernoulli(0.3) ? Math.Round(ticket * 2 * r.LogNormal(0, 0.8), 2) : 0);
        row.Set(C("银银转账近三月转出金额"), r.Bernoulli(0.3) ? Math.Round(ticket * 2 * r.LogNormal(0, 0.8), 2) : 0);

        // Preferences: empty for a product line the customer does not hold.
        row.SetText(C("风险评级"), RiskValues[r.Choose(seg.Risk)]);
        row.SetText(C("储蓄产品偏好"), held[Deposit] ? SavingValues[bigCertificate ? 2 : ordinary > current ? 1 : r.Choose([0.6, 0.1, 0, 0.1, 0.15, 0.05])] : null);
        row.SetText(C("理财产品偏好"), held[Wealth] ? WealthValues[r.Choose(seg.Risk[3] + seg.Risk[4] > 0.3 ? [0.35, 0.35, 0.1, 0.2] : [0.1, 0.2, 0.5, 0.2])] : null);
        row.SetText(C("保险产品偏好"), held[Insurance] ? InsuranceValues[held[Loan] && r.Bernoulli(0.5) ? 10 : r.NextInt(InsuranceValues.Length)] : null);
        row.SetText(C("基金产品偏好"), fund ? FundValues[r.Choose(seg.Risk[3] + seg.Risk[4] > 0.3 ? [0.1, 0.3, 0.3, 0.05, 0.05, 0.05, 0.05, 0.08, 0.02] : [0.1, 0.05, 0.1, 0.35, 0.25, 0.01, 0.04, 0.08, 0.02])] : null);
        row.SetText(C("交易渠道偏好"), ChannelValues[r.Choose(seg.Channel)]);
        writer.Write(row);
    }

    private int C(string name) => _col[name];

    /// <summary>Sets 余额, 月日均, 季日均 and 历史…余额 of one balance family.</summary>
    private void SetBalance(SyntheticRow row, SeededRandom r, string family, double balance, bool has)
    {
        row.Set(C($"{family}余额"), balance);
        row.Set(C($"{family}月日均"), has ? Math.Round(balance * r.Uniform(0.85, 1.15), 2) : 0);
        row.Set(C($"{family}季日均"), has ? Math.Round(balance * r.Uniform(0.8, 1.2), 2) : 0);
        double history = has ? Math.Round(balance * r.Uniform(1.0, 1.5), 2)
            : r.Bernoulli(0.25) ? Math.Round(Math.Max(100, 0.5 * r.LogNormal(Math.Log(10_000), 1.0)), 2) : 0;
        row.Set(C($"历史{family}余额"), history);
    }
}
