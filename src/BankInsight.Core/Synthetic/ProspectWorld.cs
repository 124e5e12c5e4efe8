using BankInsight.Common;

namespace BankInsight.Synthetic;

/// <summary>
/// The shared population behind the two prospect files (CorporateProspect and
/// ProspectRelation): customer <c>i</c>'s activity and related parties are drawn from stream
/// (seed, i), so the two files agree whenever they are made with the same seed and count.
/// </summary>
/// <remarks>
/// The story, per company:
/// <list type="number">
/// <item>A latent business activity <c>A ~ N(0,1)</c>.</item>
/// <item>Related parties: <c>Poisson(2.2·e^{0.25A})</c> of them, each a person (relation codes
/// 03xx: directors, key people) or a company (investors, counterparties). A related party
/// banks with us with probability sigmoid(-0.4 + 0.9A); has a loan with us with 20% (35%
/// if ours). Companies that are ours point at other customers of the same population.</item>
/// <item>Monthly transaction rate <c>λ = exp(-0.1 + 0.5A + 0.22·ours + 0.15·loans + 0.3u)</c>
/// and ticket size log-normal around ¥150k, rising with A. The windows (1 month, 3 months,
/// 1 year) are Poisson draws around λ with their own noise; the monthly averages that define
/// the label are λ and λ·ticket measured with noise. Prospects (avg count &gt; 3 or avg
/// amount &gt; 3,000,000) are about 15%, driven by activity and by relations with our customers.</item>
/// <item>Registered address in 广东 about 70% of the time; the business address is elsewhere
/// for one company in five.</item>
/// </list>
/// </remarks>
internal sealed class ProspectWorld
{
    private const ulong StreamId = 0x9905;
    internal static readonly string[] RelationCodes =
        ["0301", "0201", "0303", "0100", "5100", "5201", "0305", "0302", "5105", "1003", "6000", "5501", "1002", "5102", "0102", "0106", "5101", "5103", "7000", "8000"];
    private static readonly double[] RelationWeights =
        [0.55, 0.08, 0.06, 0.05, 0.05, 0.04, 0.02, 0.02, 0.015, 0.015, 0.015, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.005, 0.005];
    private static readonly Dictionary<string, string> RelationContent = new(StringComparer.Ordinal)
    {
        ["0301"] = "法定代表人", ["0302"] = "董事", ["0303"] = "高级管理人员", ["0305"] = "实际控制人",
        ["0201"] = "投资关系", ["0100"] = "股权关系", ["5100"] = "交易对手",
    };

    private readonly ulong _seed;

    public ProspectWorld(ulong seed, int customers)
    {
        _seed = seed;
        Customers = customers;
    }

    /// <summary>Size of the population (the row count of the prospect file).</summary>
    public int Customers { get; }

    public static string CustomerId(int index, SeededRandom r) => $"21{r.NextInt(100):D2}{index + 1:D11}";

    public Company Draw(int index)
    {
        var r = SeededRandom.ForStream(_seed, StreamId, (ulong)index);
        string id = CustomerId(index, r);
        double activity = r.Normal();
        int relationCount = r.Poisson(2.2 * Math.Exp(0.25 * activity));
        var relations = new Relation[relationCount];
        int ours = 0, loans = 0;
        for (int k = 0; k < relationCount; k++)
        {
            string code = RelationCodes[r.Choose(RelationWeights)];
            bool person = code.StartsWith("03", StringComparison.Ordinal);
            bool isOurs = r.Bernoulli(1 / (1 + Math.Exp(-(-0.4 + 0.9 * activity))));
            bool hasLoan = r.Bernoulli(isOurs ? 0.35 : 0.2);
            string relatedId;
            string relatedName;
            if (isOurs && !person && Customers > 1)
            {
                int other = r.NextInt(Customers - 1);
                if (other >= index) other++;
                relatedId = CustomerId(other, SeededRandom.ForStream(_seed, StreamId, (ulong)other));
                relatedName = ChineseNames.Company(r);
            }
            else
            {
                relatedId = person ? $"11{r.NextInt(100):D2}{r.NextInt(1_000_000_000):D11}" : $"31{r.NextInt(100):D2}{r.NextInt(1_000_000_000):D11}";
                relatedName = person ? ChineseNames.Person(r) : ChineseNames.Company(r);
            }
            string? license = person ? null : $"9144{r.NextInt(10000):D4}MA{r.NextInt(100_000_000):D8}";
            relations[k] = new Relation(code, relatedId, relatedName, isOurs, hasLoan, RelationContent.GetValueOrDefault(code), license);
            if (isOurs) ours++;
            if (hasLoan) loans++;
        }

        double rate = Math.Exp(-0.1 + 0.5 * activity + 0.22 * ours + 0.15 * loans + 0.3 * r.Normal());
        double ticket = r.LogNormal(Math.Log(150_000) + 0.6 * activity, 0.7);
        int registeredCity = ChineseNames.PickCity(r);
        int businessCity = r.Bernoulli(0.8) ? registeredCity : ChineseNames.PickCity(r);
        return new Company(index, id, activity, rate, ticket, relations, registeredCity, businessCity, r);
    }

    /// <summary>One company of the population, with the random stream positioned after its draw.</summary>
    internal sealed record Company(int Index, string Id, double Activity, double MonthlyRate, double Ticket,
        Relation[] Relations, int RegisteredCity, int BusinessCity, SeededRandom Random);

    internal sealed record Relation(string Code, string RelatedId, string RelatedName, bool IsOurCustomer, bool HasLoan, string? Content, string? License);
}
