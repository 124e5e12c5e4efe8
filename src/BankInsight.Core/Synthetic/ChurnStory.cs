using BankInsight.Common;
using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>
/// Corporate customers of one month (schema CorporateChurn), with churn planted.
/// </summary>
/// <remarks>
/// The story, per company:
/// <list type="number">
/// <item>Size class (企业规模: mostly small and micro), legal nature (企业性质), employees
/// (log-normal by size), years with the bank, and counts of name/scope/address changes.</item>
/// <item>A latent engagement <c>e ~ N(0,1)</c>, higher for larger and older companies. Each of the
/// 16 services is signed with probability rising in <c>e</c>; a signing date falls within the
/// years the company has banked with us (so "months since signing" carries information).</item>
/// <item>Churn propensity <c>z = -2.1 - 0.8 e + 0.35 changes - 0.05 tenure + 0.45·micro + 0.6 u</c>
/// (<c>u</c> unobserved noise); the company churns with probability sigmoid(z), about 15%.</item>
/// <item>A churner's financial assets this month fall to 10–49% of the three-month average
/// (so the label rule, ratio &lt; 0.5, marks exactly the churners); others swing log-normally
/// around 100% (kept within 52–250%). Deposits (35–95% of assets) and wealth balances follow
/// this month's assets; half the churners move money out through interbank transfers
/// (对公银银转账) — as do 20% of healthy companies paying large sums — and churners use every
/// channel less (activity × 0.4–0.95 against 0.6–1.3).</item>
/// <item>Data quirks a bank file has: ~3% unknown employee counts, ~1% zero and ~0.5% missing
/// three-month averages (no label can be made for them).</item>
/// </list>
/// A model sees the decline only through the features (balances relative to the company's
/// size, loans and activity, the interbank outflow, fewer services), which is what makes the
/// task learnable but not trivial.
/// </remarks>
internal sealed class ChurnStory : ISyntheticStory
{
    private const ulong StreamId = 0xC4012;
    // Shared with the monthly story (ChurnCompany): both describe the same bank's companies.
    internal static readonly string[] SizeCodes = ["1", "2", "3", "4", "9"];
    internal static readonly double[] SizeWeights = [0.03, 0.12, 0.35, 0.45, 0.05];
    internal static readonly double[] SizeEmployees = [800, 150, 35, 6, 4];
    internal static readonly double[] SizeAssets = [2.0e7, 4.0e6, 8.0e5, 1.5e5, 1.0e5];
    internal static readonly string[] NatureCodes = ["100150", "100170174", "400410", "100160", "100190", "999", "100110", "100120", "300330", "200230", "100170171"];
    internal static readonly double[] NatureWeights = [0.42, 0.2, 0.12, 0.06, 0.04, 0.04, 0.03, 0.02, 0.02, 0.02, 0.03];

    // Services with a signing date, their base sign-up logit, and (when they have one) the
    // activity columns they drive with monthly count rate and ticket size.
    internal static readonly (string DateColumn, double Logit, string? Count, string? Amount, double Rate, double Ticket)[] Services =
    [
        ("工资代发签约日期", 0.2, null, null, 0, 0),
        ("公积金缴存签约日期", -0.6, "公积金缴存笔数", "公积金缴存金额", 1.2, 8_000),
        ("企业网银签约日期", 1.2, "企业网银交易笔数", "企业网银交易金额", 25, 30_000),
        ("企业手机银行签约日期", 0.3, "企业手机银行交易笔数", "企业手机银行交易金额", 12, 12_000),
        ("现金管理平台签约日期", -1.6, "现金管理平台交易笔数", "现金管理平台交易金额", 8, 80_000),
        ("园区通签约日期", -2.2, "园区通交易笔数", "园区通交易金额", 4, 5_000),
        ("银校通签约日期", -2.6, "银校通交易笔数", "银校通交易金额", 6, 3_000),
        ("产融平台签约日期", -2.0, null, null, 0, 0),
        ("教培系统签约日期", -2.8, "教培系统交易笔数", "教培系统交易金额", 5, 4_000),
        ("单位结算卡签约日期", -0.4, "单位结算卡笔数", "单位结算卡金额", 6, 6_000),
        ("POS收单开通日期", -0.8, "POS收单笔数", "POS收单金额", 40, 600),
        ("投标通签约日期", -2.4, null, null, 0, 0),
        ("票据池签约日期", -2.3, null, null, 0, 0),
        ("秒贴签约日期", -1.9, null, null, 0, 0),
        ("代缴社保签约日期", -0.5, "代缴社保笔数", "代缴社保金额", 1.1, 15_000),
        ("代缴公积金签约日期", -0.9, "代缴公积金笔数", "代缴公积金金额", 1.1, 9_000),
    ];

    private readonly ulong _seed;
    private readonly DateOnly _asOf;
    private readonly int[] _serviceDate, _serviceCount, _serviceAmount;
    private readonly int _id, _name, _employees, _size, _nature, _tenure, _nameChanges, _scopeChanges, _addressChanges;
    private readonly int _deposits, _current, _notice, _agreement, _margin, _fixed, _certificates, _structured;
    private readonly int _loans, _wealthGuaranteed, _wealthFloating, _discount, _bills, _billPlatform;
    private readonly int _etcCount, _etcAmount, _interbankCount, _interbankAmount, _counterCount, _counterAmount;
    private readonly int _assets, _assets3m;

    public ChurnStory(ulong seed, DateOnly asOf)
    {
        Schema = BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn);
        _seed = seed;
        _asOf = asOf;
        int P(string name) => Schema.Get(name).Position;
        _id = P("客户编号"); _name = P("客户名称"); _employees = P("员工人数"); _size = P("企业规模"); _nature = P("企业性质");
        _tenure = P("开户年限"); _nameChanges = P("企业名称变更次数"); _scopeChanges = P("经营范围变更次数"); _addressChanges = P("经营地址变更次数");
        _deposits = P("本月日均存款余额"); _current = P("活期存款月日均"); _notice = P("通知存款月日均"); _agreement = P("协议存款月日均");
        _margin = P("保证金存款月日均"); _fixed = P("“定享通”定期存款月日均"); _certificates = P("大额存单月日均"); _structured = P("结构性存款月日均");
        _loans = P("本月日均贷款余额"); _wealthGuaranteed = P("本月日均保本理财余额"); _wealthFloating = P("本月日均非保本理财余额");
        _discount = P("本月日均贴现余额"); _bills = P("本月日均开票余额"); _billPlatform = P("开通财票通");
        _etcCount = P("对公ETC交易次数"); _etcAmount = P("对公ETC交易金额");
        _interbankCount = P("对公银银转账交易次数"); _interbankAmount = P("对公银银转账交易金额");
        _counterCount = P("柜面交易笔数"); _counterAmount = P("柜面交易金额");
        _assets = P("金融资产月日均"); _assets3m = P("近三个月金融资产月日均");
        _serviceDate = Services.Select(s => P(s.DateColumn)).ToArray();
        _serviceCount = Services.Select(s => s.Count is null ? -1 : P(s.Count)).ToArray();
        _serviceAmount = Services.Select(s => s.Amount is null ? -1 : P(s.Amount)).ToArray();
    }

    public BankSchema Schema { get; }

    public void WriteCustomer(int index, SyntheticRow row, DelRowWriter writer)
    {
        var r = SeededRandom.ForStream(_seed, StreamId, (ulong)index);
        row.Clear();
        int sizeIndex = r.Choose(SizeWeights);
        bool micro = SizeCodes[sizeIndex] is "4" or "9";
        row.SetText(_id, $"21{r.NextInt(100):D2}{index + 1:D11}");
        row.SetText(_name, ChineseNames.Company(r));
        double employees = Math.Max(1, Math.Round(r.LogNormal(Math.Log(SizeEmployees[sizeIndex]), 0.5)));
        if (!r.Bernoulli(0.03)) row.Set(_employees, employees);
        row.SetText(_size, SizeCodes[sizeIndex]);
        row.SetText(_nature, NatureCodes[r.Choose(NatureWeights)]);
        int tenure = Math.Min(30, 1 + r.Poisson(3 + 2.0 * (4 - Math.Min(sizeIndex, 4))));
        row.Set(_tenure, tenure);
        int nameChanges = r.Poisson(0.15), scopeChanges = r.Poisson(0.3), addressChanges = r.Poisson(0.25);
        row.Set(_nameChanges, nameChanges);
        row.Set(_scopeChanges, scopeChanges);
        row.Set(_addressChanges, addressChanges);

        // Engagement drives services; services and churn propensity share it.
        double engagement = r.Normal() + 0.25 * (3 - Math.Min(sizeIndex, 3)) + 0.03 * tenure;
        double sizeFactor = Math.Sqrt(employees / 10.0);
        double z = -2.1 - 0.8 * (engagement - 0.6) + 0.35 * (nameChanges + scopeChanges + addressChanges) - 0.05 * tenure + (micro ? 0.45 : 0) + 0.6 * r.Normal();
        bool churner = r.Bernoulli(1 / (1 + Math.Exp(-z)));
        double activity = churner ? r.Uniform(0.4, 0.95) : r.Uniform(0.6, 1.3);

        int signed = 0;
        for (int s = 0; s < Services.Length; s++)
        {
            bool has = r.Bernoulli(1 / (1 + Math.Exp(-(Services[s].Logit + 0.9 * engagement))));
            if (has)
            {
                signed++;
                int daysAgo = r.NextInt(Math.Max(1, tenure * 365));
                row.SetDate(_serviceDate[s], _asOf.AddDays(-daysAgo));
            }
            if (_serviceCount[s] < 0) continue;
            int count = has ? r.Poisson(Services[s].Rate * sizeFactor * activity) : 0;
            row.Set(_serviceCount[s], count);
            row.Set(_serviceAmount[s], count == 0 ? 0 : Math.Round(count * Services[s].Ticket * r.LogNormal(0, 0.5), 2));
        }
        row.Set(_billPlatform, r.Bernoulli(0.1 + 0.05 * signed / 4.0) ? 1 : 0);

        // Assets: three-month average from size, this month from the churn story.
        double assets3m = Math.Round(SizeAssets[sizeIndex] * r.LogNormal(0, 0.8) * (1 + 0.1 * signed), 2);
        double ratio = churner ? r.Uniform(0.1, 0.49) : Math.Clamp(r.LogNormal(0, 0.35), 0.52, 2.5);
        double assets = Math.Round(assets3m * ratio, 2);
        double depositShare = r.Uniform(0.35, 0.95);
        double deposits = assets * depositShare;
        double currentShare = r.Uniform(0.45, 0.8);
        row.Set(_deposits, Math.Round(deposits, 2));
        double rest = deposits * (1 - currentShare);
        row.Set(_current, Math.Round(deposits * currentShare, 2));
        double[] parts = [r.NextDouble(), r.NextDouble(), r.NextDouble(), r.NextDouble(), r.NextDouble(), r.NextDouble()];
        double partSum = parts.Sum();
        int[] partColumns = [_notice, _agreement, _margin, _fixed, _certificates, _structured];
        for (int k = 0; k < parts.Length; k++) row.Set(partColumns[k], Math.Round(rest * parts[k] / partSum, 2));
        double wealth = assets - deposits;
        double guaranteed = wealth * r.NextDouble();
        row.Set(_wealthGuaranteed, Math.Round(guaranteed, 2));
        row.Set(_wealthFloating, Math.Round(wealth - guaranteed, 2));
        // Loans and bills do not move with churn: they anchor the company's scale for a model.
        double loans = r.Bernoulli(0.4) ? Math.Round(assets3m * r.LogNormal(0, 0.9), 2) : 0;
        row.Set(_loans, loans);
        row.Set(_discount, r.Bernoulli(0.15) ? Math.Round(assets3m * r.Uniform(0.05, 0.4), 2) : 0);
        row.Set(_bills, r.Bernoulli(0.2) ? Math.Round(assets3m * r.Uniform(0.05, 0.5), 2) : 0);

        int etc = r.Bernoulli(0.3) ? r.Poisson(10 * sizeFactor * activity) : 0;
        row.Set(_etcCount, etc);
        row.Set(_etcAmount, Math.Round(etc * r.LogNormal(Math.Log(300), 0.4), 2));
        // Some leaving customers move money to other banks; healthy ones sometimes pay large sums out too.
        bool movesOut = churner ? r.Bernoulli(0.5) : r.Bernoulli(0.2);
        int interbank = r.Poisson(2 * sizeFactor) + (movesOut ? 1 + r.Poisson(2) : 0);
        double outflow = !movesOut ? 0 : churner ? assets3m * (1 - ratio) * r.Uniform(0.2, 0.8) : assets3m * r.Uniform(0.1, 0.6);
        row.Set(_interbankCount, interbank);
        row.Set(_interbankAmount, Math.Round(interbank * 20_000 * r.LogNormal(0, 0.6) * (1 + sizeFactor / 4) + outflow, 2));
        int counter = r.Poisson(4 * sizeFactor * activity + (churner ? 2 : 0));
        row.Set(_counterCount, counter);
        row.Set(_counterAmount, Math.Round(counter * 15_000 * r.LogNormal(0, 0.6), 2));

        // Quirks: an unknown or zero three-month average leaves the row without a label.
        double quirk = r.NextDouble();
        if (quirk < 0.005)
        {
            row.Set(_assets, assets);
        }
        else if (quirk < 0.015)
        {
            row.Set(_assets3m, 0);
            row.Set(_assets, assets);
        }
        else
        {
            row.Set(_assets3m, assets3m);
            row.Set(_assets, assets);
        }
        writer.Write(row);
    }
}
