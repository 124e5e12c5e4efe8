using BankInsight.Common;
using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>
/// Writes one month of a <see cref="ChurnCompany"/> into the 69 CorporateChurn columns: what the
/// bank's file shows of the company's state (balances, services, activity, transfers out).
/// </summary>
internal sealed class ChurnMonthRow
{
    private readonly int[] _serviceDate, _serviceCount, _serviceAmount;
    private readonly int _id, _name, _employees, _size, _nature, _tenure, _nameChanges, _scopeChanges, _addressChanges;
    private readonly int _deposits, _current, _loans, _wealthGuaranteed, _wealthFloating, _discount, _bills, _billPlatform;
    private readonly int _etcCount, _etcAmount, _interbankCount, _interbankAmount, _counterCount, _counterAmount;
    private readonly int _assets, _assets3m;
    private readonly int[] _depositParts;

    public ChurnMonthRow(BankSchema schema)
    {
        int P(string name) => schema.Get(name).Position;
        _id = P("客户编号"); _name = P("客户名称"); _employees = P("员工人数"); _size = P("企业规模"); _nature = P("企业性质");
        _tenure = P("开户年限"); _nameChanges = P("企业名称变更次数"); _scopeChanges = P("经营范围变更次数"); _addressChanges = P("经营地址变更次数");
        _deposits = P("本月日均存款余额"); _current = P("活期存款月日均");
        _depositParts = [P("通知存款月日均"), P("协议存款月日均"), P("保证金存款月日均"), P("“定享通”定期存款月日均"), P("大额存单月日均"), P("结构性存款月日均")];
        _loans = P("本月日均贷款余额"); _wealthGuaranteed = P("本月日均保本理财余额"); _wealthFloating = P("本月日均非保本理财余额");
        _discount = P("本月日均贴现余额"); _bills = P("本月日均开票余额"); _billPlatform = P("开通财票通");
        _etcCount = P("对公ETC交易次数"); _etcAmount = P("对公ETC交易金额");
        _interbankCount = P("对公银银转账交易次数"); _interbankAmount = P("对公银银转账交易金额");
        _counterCount = P("柜面交易笔数"); _counterAmount = P("柜面交易金额");
        _assets = P("金融资产月日均"); _assets3m = P("近三个月金融资产月日均");
        var services = ChurnStory.Services;
        _serviceDate = services.Select(s => P(s.DateColumn)).ToArray();
        _serviceCount = services.Select(s => s.Count is null ? -1 : P(s.Count)).ToArray();
        _serviceAmount = services.Select(s => s.Amount is null ? -1 : P(s.Amount)).ToArray();
    }

    /// <summary>
    /// Fills <paramref name="row"/> with company <paramref name="c"/> as it is this month;
    /// <paramref name="crossing"/>: the month its money leaves.
    /// </summary>
    public void Fill(SyntheticRow row, SeededRandom r, ChurnCompany c, bool crossing)
    {
        row.Clear();
        row.SetText(_id, c.Id);
        row.SetText(_name, c.Name);
        if (c.Employees is { } employees) row.Set(_employees, employees);
        row.SetText(_size, ChurnStory.SizeCodes[c.SizeIndex]);
        row.SetText(_nature, c.Nature);
        row.Set(_tenure, c.TenureYears);
        row.Set(_nameChanges, c.NameChanges);
        row.Set(_scopeChanges, c.ScopeChanges);
        row.Set(_addressChanges, c.AddressChanges);

        // Drift shows as fewer transactions on every channel; the month the money leaves, hardly any.
        double activity = crossing ? c.Activity * r.Uniform(0.05, 0.3) : c.Activity * Math.Exp(-0.45 * c.Drift) * r.LogNormal(0, 0.15);
        var services = ChurnStory.Services;
        for (int s = 0; s < services.Length; s++)
        {
            bool has = c.Signed[s] is not null;
            row.SetDate(_serviceDate[s], c.Signed[s]);
            if (_serviceCount[s] < 0) continue;
            int count = has ? r.Poisson(services[s].Rate * c.SizeFactor * activity) : 0;
            row.Set(_serviceCount[s], count);
            row.Set(_serviceAmount[s], count == 0 ? 0 : Math.Round(count * services[s].Ticket * r.LogNormal(0, 0.5), 2));
        }
        row.Set(_billPlatform, c.BillPlatform ? 1 : 0);

        // This month's assets split into deposits (by kind) and wealth products; the shares wander a little.
        double assets = c.Assets;
        double deposits = assets * Math.Clamp(c.DepositShare + 0.03 * r.Normal(), 0.3, 0.97);
        double currentShare = Math.Clamp(c.CurrentShare + 0.03 * r.Normal(), 0.4, 0.85);
        row.Set(_deposits, Math.Round(deposits, 2));
        row.Set(_current, Math.Round(deposits * currentShare, 2));
        double rest = deposits * (1 - currentShare);
        Span<double> parts = stackalloc double[_depositParts.Length];
        double partSum = 0;
        for (int k = 0; k < parts.Length; k++) partSum += parts[k] = r.NextDouble();
        for (int k = 0; k < parts.Length; k++) row.Set(_depositParts[k], Math.Round(rest * parts[k] / partSum, 2));
        double wealth = assets - deposits;
        double guaranteed = wealth * r.NextDouble();
        row.Set(_wealthGuaranteed, Math.Round(guaranteed, 2));
        row.Set(_wealthFloating, Math.Round(wealth - guaranteed, 2));
        // Loans and bills do not move with churn: they anchor the company's scale for a model.
        row.Set(_loans, c.Loans == 0 ? 0 : Math.Round(c.Loans * r.LogNormal(0, 0.05), 2));
        row.Set(_discount, c.Discounts ? Math.Round(c.AssetLevel * r.Uniform(0.05, 0.4), 2) : 0);
        row.Set(_bills, c.Bills ? Math.Round(c.AssetLevel * r.Uniform(0.05, 0.5), 2) : 0);

        int etc = c.Etc ? r.Poisson(10 * c.SizeFactor * activity) : 0;
        row.Set(_etcCount, etc);
        row.Set(_etcAmount, Math.Round(etc * r.LogNormal(Math.Log(300), 0.4), 2));
        // A drifting company starts moving money to other banks; the month it leaves, most of what
        // it had goes out that way. Healthy companies sometimes pay large sums out too.
        bool movesOut = crossing || r.Bernoulli(ChurnCompany.Sigmoid(-2.3 + 1.3 * c.Drift));
        double outflow = !movesOut ? 0
            : crossing ? Math.Max(0, c.PreviousAssets - assets) * r.Uniform(0.5, 1.0)
            : assets * r.Uniform(0.1, 0.6);
        int interbank = r.Poisson(2 * c.SizeFactor) + (movesOut ? 1 + r.Poisson(2) : 0);
        row.Set(_interbankCount, interbank);
        row.Set(_interbankAmount, Math.Round(interbank * 20_000 * r.LogNormal(0, 0.6) * (1 + c.SizeFactor / 4) + outflow, 2));
        // Leaving takes visits to the counter.
        int counter = r.Poisson(4 * c.SizeFactor * activity + (crossing ? 2 : Math.Max(0, c.Drift)));
        row.Set(_counterCount, counter);
        row.Set(_counterAmount, Math.Round(counter * 15_000 * r.LogNormal(0, 0.6), 2));

        // Quirks of a bank file, month by month: an unknown or zero three-month average.
        double quirk = r.NextDouble();
        row.Set(_assets, assets);
        if (quirk >= 0.015) row.Set(_assets3m, c.ThreeMonthAverage);
        else if (quirk >= 0.005) row.Set(_assets3m, 0);
    }
}
