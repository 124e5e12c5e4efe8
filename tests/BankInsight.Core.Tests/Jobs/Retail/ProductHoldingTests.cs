using BankInsight.Common;
using BankInsight.Jobs.Retail;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Jobs.Retail;

public class ProductHoldingTests
{
    [Fact]
    public void Positive_balances_mark_holdings_and_history_never_counts()
    {
        var data = RetailRows.Load([
            RetailRows.Holding("存款余额", "理财余额"),
            new Dictionary<string, string> { ["历史存款余额"] = "5000", ["存款余额"] = "0" },   // gave deposits up: not held
            RetailRows.Holding("积利宝余额"),                                                  // 基金和积利宝 through its 2nd column
            new Dictionary<string, string> { ["信用卡分期余额"] = "1", ["贷款余额"] = "-3" },   // 贷款和信用卡 through either
            new Dictionary<string, string>(),                                                  // nothing (missing balances)
        ]);
        var sink = new CollectingSink();
        var holdings = ProductHoldings.FromData(data, sink);
        Assert.Equal(["存款", "保险", "基金和积利宝", "积存金", "理财", "国债", "代销资管产品", "贷款和信用卡"], holdings.ProductNames);
        Assert.Equal(["存款", "理财"], holdings.Names(holdings.Masks[0]));
        Assert.Equal("1,5", holdings.Codes(holdings.Masks[0]));
        Assert.Equal("存款;理财", holdings.Text(holdings.Masks[0]));
        Assert.Equal("", holdings.Text(0));
        Assert.Equal(0, holdings.Masks[1]);
        Assert.Equal(["基金和积利宝"], holdings.Names(holdings.Masks[2]));
        Assert.Equal(["贷款和信用卡"], holdings.Names(holdings.Masks[3]));
        Assert.Equal(0, holdings.Masks[4]);
        Assert.Equal(0.2, holdings.Shares()[0], 12);
        // Balance columns empty in every row were dropped at load: each is named in a warning.
        Assert.Contains(sink.Warnings, w => w.Contains("国债余额") && w.Contains("国债"));
    }

    [Fact]
    public void A_schema_without_products_is_refused_plainly()
    {
        var data = TestFiles.LoadText("\"a\",x,1,2,1,1,a,20260101\n", TestSchemas.Small, new CollectingSink());
        var e = Assert.Throws<BankInsightException>(() => ProductHoldings.FromData(data, NullSink.Instance));
        Assert.Contains("defines no products", e.Message);
    }

    [Theory]
    [InlineData("Deposit", 0)]
    [InlineData("deposit", 0)]
    [InlineData("存款", 0)]
    [InlineData("1", 0)]
    [InlineData("02", 1)]
    [InlineData("LoanAndCreditCard", 7)]
    public void Products_resolve_by_alias_name_or_code(string name, int index) =>
        Assert.Equal(index, ProductNames.Resolve(RetailRows.Schema.Products, name));

    [Fact]
    public void An_unknown_product_lists_the_choices()
    {
        var e = Assert.Throws<BankInsightException>(() => ProductNames.Resolve(RetailRows.Schema.Products, "Gold"));
        Assert.Contains("Deposit (存款, 1)", e.Message);
        Assert.Contains("GoldAccumulation", e.Message);
    }

    [Fact]
    public void Result_codes_are_two_digits() =>
        Assert.Equal(["01", "02", "03", "04", "05", "06", "07", "08"], RetailRows.Schema.Products.Select(p => p.ResultCode));

    [Fact]
    public void Each_product_names_the_columns_its_propensity_model_must_not_see()
    {
        var deposit = RetailRows.Schema.Products[0];
        Assert.Contains("存款月日均", deposit.RelatedColumns);
        Assert.Contains("历史大额存单余额", deposit.RelatedColumns);
        Assert.Contains("储蓄产品偏好", deposit.RelatedColumns);
        Assert.Contains("AUM余额", deposit.RelatedColumns);
        Assert.DoesNotContain("保险余额", deposit.RelatedColumns);
        var insurance = RetailRows.Schema.Products[1];
        Assert.Contains("持有保险产品个数", insurance.RelatedColumns);
        Assert.DoesNotContain("存款余额", insurance.RelatedColumns);
    }
}
