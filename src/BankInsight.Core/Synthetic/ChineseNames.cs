using BankInsight.Common;

namespace BankInsight.Synthetic;

/// <summary>
/// Plausible (and plainly made-up) Chinese person names, company names and addresses, so
/// synthetic files exercise the same text paths as real ones: multi-byte characters, varied
/// lengths, the 广东 region filter.
/// </summary>
internal static class ChineseNames
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private const string GivenChars = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国志新海波宇浩凯健俊帆帅旭宁琳欣佳怡雪梅林峰晨阳斌丹蕾颖婷倩嘉豪文博思源子轩梓涵诗雨晓东永康春生";
    private const string CompanyCore = "鸿泰华盛兴隆宏达永安恒通裕丰鑫源金辉瑞祥德信中联广汇新星天诚嘉禾顺发立信汇丰富源长城东方南粤明珠远航腾飞";
    private static readonly string[] Industries = ["科技", "贸易", "电子", "五金", "塑胶", "服装", "家具", "食品", "建材", "物流", "印刷", "模具", "机械", "纺织", "化工", "包装", "餐饮", "建筑", "商贸", "实业"];
    private static readonly string[] CompanySuffixes = ["有限公司", "有限公司", "有限公司", "股份有限公司", "厂", "商行", "经营部"];

    /// <summary>Cities with their province; 广东 cities first and most frequent, as for a Dongguan bank.</summary>
    private static readonly (string Province, string City, string[] Districts)[] Cities =
    [
        ("广东省", "东莞市", ["南城街道", "东城街道", "莞城街道", "万江街道", "长安镇", "虎门镇", "厚街镇", "常平镇", "塘厦镇", "松山湖"]),
        ("广东省", "广州市", ["天河区", "越秀区", "海珠区", "白云区", "番禺区"]),
        ("广东省", "深圳市", ["南山区", "福田区", "宝安区", "龙岗区"]),
        ("广东省", "佛山市", ["禅城区", "南海区", "顺德区"]),
        ("广东省", "惠州市", ["惠城区", "惠阳区"]),
        ("广西壮族自治区", "南宁市", ["青秀区", "兴宁区"]),
        ("湖南省", "长沙市", ["岳麓区", "芙蓉区"]),
        ("江西省", "赣州市", ["章贡区"]),
        ("福建省", "厦门市", ["思明区", "湖里区"]),
        ("浙江省", "杭州市", ["西湖区", "滨江区"]),
    ];

    private static readonly double[] CityWeights = [0.45, 0.08, 0.08, 0.05, 0.04, 0.08, 0.06, 0.05, 0.05, 0.06];
    private static readonly string[] Roads = ["鸿福路", "东纵大道", "莞太路", "环城路", "建设路", "人民路", "解放路", "中山路", "新华路", "胜利路", "工业大道", "科技路"];

    public static string Person(SeededRandom r)
    {
        string name = Surnames[r.NextInt(Surnames.Length)].ToString() + GivenChars[r.NextInt(GivenChars.Length)];
        return r.Bernoulli(0.7) ? name + GivenChars[r.NextInt(GivenChars.Length)] : name;
    }

    public static string Company(SeededRandom r, string? city = null)
    {
        city ??= Cities[r.Choose(CityWeights)].City;
        string prefix = city.TrimEnd('市');
        string core = $"{CompanyCore[r.NextInt(CompanyCore.Length)]}{CompanyCore[r.NextInt(CompanyCore.Length)]}";
        return prefix + core + Industries[r.NextInt(Industries.Length)] + CompanySuffixes[r.NextInt(CompanySuffixes.Length)];
    }

    /// <summary>A full address; <paramref name="cityIndex"/> picks the city (see <see cref="PickCity"/>).</summary>
    public static string Address(SeededRandom r, int cityIndex)
    {
        var (province, city, districts) = Cities[cityIndex];
        return $"{province}{city}{districts[r.NextInt(districts.Length)]}{Roads[r.NextInt(Roads.Length)]}{r.NextInt(1, 399)}号";
    }

    /// <summary>A city index, 广东 about 70% of the time.</summary>
    public static int PickCity(SeededRandom r) => r.Choose(CityWeights);

    public static string CityName(int cityIndex) => Cities[cityIndex].City;
}
