using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>The prospect file (schema CorporateProspect): one line per company of the <see cref="ProspectWorld"/>.</summary>
internal sealed class ProspectStory : ISyntheticStory
{
    private readonly ProspectWorld _world;
    private readonly int _id, _amount1m, _amount3m, _amount1y, _avgAmount, _totalCount, _count1m, _count3m, _count1y, _avgCount, _registered, _business;

    public ProspectStory(ProspectWorld world)
    {
        _world = world;
        Schema = BuiltInSchemas.Get(BuiltInSchemas.CorporateProspect);
        int P(string name) => Schema.Get(name).Position;
        _id = P("客户编号"); _amount1m = P("近1个月交易金额"); _amount3m = P("近3个月交易金额"); _amount1y = P("近1年交易金额");
        _avgAmount = P("月均交易金额"); _totalCount = P("交易笔数"); _count1m = P("近1个月交易笔数"); _count3m = P("近3个月交易笔数");
        _count1y = P("近1年交易笔数"); _avgCount = P("月均交易笔数"); _registered = P("注册地址"); _business = P("经营地址");
    }

    public BankSchema Schema { get; }

    public void WriteCustomer(int index, SyntheticRow row, DelRowWriter writer)
    {
        var c = _world.Draw(index);
        var r = c.Random;
        row.Clear();
        row.SetText(_id, c.Id);
        double lambda = c.MonthlyRate;
        int count1m = r.Poisson(lambda * r.LogNormal(0, 0.35));
        int count3m = r.Poisson(3 * lambda * r.LogNormal(0, 0.2));
        int count1y = r.Poisson(12 * lambda * r.LogNormal(0, 0.3));
        row.Set(_count1m, count1m);
        row.Set(_count3m, count3m);
        row.Set(_count1y, count1y);
        row.Set(_totalCount, r.Poisson(lambda * r.NextInt(6, 120)));
        row.Set(_amount1m, Math.Round(count1m * c.Ticket * r.LogNormal(0, 0.3), 2));
        row.Set(_amount3m, Math.Round(count3m * c.Ticket * r.LogNormal(0, 0.2), 2));
        row.Set(_amount1y, Math.Round(count1y * c.Ticket * r.LogNormal(0, 0.1), 2));
        row.Set(_avgCount, Math.Round(lambda * r.LogNormal(0, 0.25), 2));
        row.Set(_avgAmount, Math.Round(lambda * c.Ticket * r.LogNormal(0, 0.25), 2));
        row.SetText(_registered, ChineseNames.Address(r, c.RegisteredCity));
        row.SetText(_business, ChineseNames.Address(r, c.BusinessCity));
        writer.Write(row);
    }
}

/// <summary>The relation file (schema ProspectRelation): one line per related party of each company.</summary>
internal sealed class ProspectRelationStory : ISyntheticStory
{
    private readonly ProspectWorld _world;
    private readonly int _bank, _id, _parentType, _type, _relatedId, _relatedName, _value, _isOurs, _content, _hasLoan, _value2, _license;

    public ProspectRelationStory(ProspectWorld world)
    {
        _world = world;
        Schema = BuiltInSchemas.Get(BuiltInSchemas.ProspectRelation);
        int P(string name) => Schema.Get(name).Position;
        _bank = P("法人行号"); _id = P("客户编号"); _parentType = P("上级关系类型"); _type = P("关系类型");
        _relatedId = P("关联人客户编号"); _relatedName = P("关联人客户名称"); _value = P("关联值"); _isOurs = P("是否我行客户");
        _content = P("关系内容"); _hasLoan = P("是否贷款客户"); _value2 = P("关联值2"); _license = P("营业执照");
    }

    public BankSchema Schema { get; }

    public void WriteCustomer(int index, SyntheticRow row, DelRowWriter writer)
    {
        var c = _world.Draw(index);
        foreach (var rel in c.Relations)
        {
            row.Clear();
            row.SetText(_bank, "1000");
            row.SetText(_id, c.Id);
            row.SetText(_parentType, rel.Code[..2] + "00");
            row.SetText(_type, rel.Code);
            row.SetText(_relatedId, rel.RelatedId);
            row.SetText(_relatedName, rel.RelatedName);
            row.Set(_value, 0);
            row.Set(_isOurs, rel.IsOurCustomer ? 1 : 0);
            row.SetText(_content, rel.Content);
            row.Set(_hasLoan, rel.HasLoan ? 1 : 0);
            row.Set(_value2, 0);
            row.SetText(_license, rel.License);
            writer.Write(row);
        }
    }
}
