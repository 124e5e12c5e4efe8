using BankInsight.Common;
using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>
/// Corporate customers over consecutive months (schema CorporateChurn, one file a month), where
/// what a company does in month t raises its churn in month t+1.
/// </summary>
/// <remarks>
/// The story, per company and month (constants here and in <see cref="ChurnCompany"/>):
/// <list type="number">
/// <item>Traits as in the single-month <see cref="ChurnStory"/> (size, nature, employees, years with
/// the bank, name/scope/address changes), a long-run engagement <c>μ ~ N(0,1)</c>, higher for larger and
/// older companies, and a churn-prone character <c>u ~ N(0,1)</c> no file shows.</item>
/// <item>A latent drift away from the bank: <c>x(t) = 0.75 x(t−1) + 0.5 ε</c>, plus a jump of 1.8 in 3% of
/// months — the month a company starts taking its business elsewhere — which fades over a few months.</item>
/// <item>Month t shows the drift: transactions on every channel × exp(−0.45 x); each signed service
/// is cancelled with probability sigmoid(−5 + 1.4 x) (its signing date disappears) while engaged
/// companies sign new ones; log assets revert to the company's own level and are pulled down by
/// 0.15·max(0, x) a month; money goes to other banks (对公银银转账) with probability sigmoid(−2.3 + 1.3 x);
/// counter visits rise.</item>
/// <item>Churn by month t+1 has probability <c>p = sigmoid(−3.4 + s + x(t))</c>, where the standing risk
/// <c>s = −0.8(μ − 0.6) + 0.35·changes − 0.05·years + 0.45·micro + 0.6 u</c>. That <c>p</c> is the oracle:
/// it uses everything drawn up to month t, and nothing after. About 6% of the companies not yet
/// churned churn each month (a monthly hazard; 15% a month, the single-month file's share, would
/// empty the bank in a year).</item>
/// <item>A churning company closes its accounts at once in 30% of cases (absent from t+1 on); the
/// others are in t+1's file with assets at 10–49% of the three-month average (below the label's
/// line of 0.5), most services cancelled, hardly any transactions, and the money gone out through
/// interbank transfers — and close what is left in t+2. So a company over the line in month t is
/// gone in t+1: its oracle is 1.</item>
/// <item>A company that does not churn never crosses the line: its assets stay at or above 54% of its
/// three-month average. The label made from month t+1's file (ratio &lt; 0.5, or absent) is thus
/// exactly what the story decided, wherever t+1's row has a three-month average.</item>
/// <item>New companies join every month after the first: 6% of the first month's count, numbered after
/// everyone before them, so files keep about their size. 近三个月金融资产月日均 is the mean of this
/// month's and the two previous months' 金融资产月日均 — of the months a new company has had.</item>
/// <item>The first file is not a cold start: each of its companies' slots lived 36 hidden months,
/// a churner replaced at once by a new company, so the first month has the same mix of
/// long-standing customers and recent joiners, the same churn and full three-month histories.</item>
/// <item>Quirks, as in a bank file: 3% unknown employee counts; each month 1% zero and 0.5% missing
/// three-month averages (no label can be made from those rows).</item>
/// </list>
/// Every company draws its whole life, month by month, from its own random stream (the first
/// month's companies by position, joiners by month and position), so files do not depend on the
/// thread count, and a longer sequence with the same first month begins with the same files.
/// </remarks>
internal sealed class ChurnMonthsStory
{
    private const ulong ExistingStream = 0xC4013, JoiningStream = 0xC4014;

    /// <summary>Log-odds of churning next month for a company of average standing and no drift; sets the monthly rate.</summary>
    internal const double Intercept = -3.4;

    /// <summary>Weight of this month's drift in next month's churn log-odds.</summary>
    internal const double DriftWeight = 1.0;

    /// <summary>Share of leavers that close their accounts at once (absent from the next file on); the rest cross the line first.</summary>
    internal const double CloseShare = 0.3;

    /// <summary>New companies a month, as a share of the first month's count: about the share that leaves, so files keep their size.</summary>
    internal const double JoinShare = 0.06;

    private readonly ulong _seed;
    private readonly int _customers, _joiners;
    private readonly IReadOnlyList<DateOnly> _months;
    private readonly ChurnMonthRow _columns;

    public ChurnMonthsStory(ulong seed, int customers, IReadOnlyList<DateOnly> monthEnds)
    {
        Schema = BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn);
        _seed = seed;
        _customers = customers;
        _joiners = JoinersPerMonth(customers);
        _months = monthEnds;
        _columns = new ChurnMonthRow(Schema);
    }

    public BankSchema Schema { get; }

    /// <summary>Companies that join each month after the first.</summary>
    public static int JoinersPerMonth(int customers) => (int)Math.Round(customers * JoinShare, MidpointRounding.AwayFromZero);

    /// <summary>Every company of a sequence: the first month's, then each later month's joiners.</summary>
    public static long CompanyCount(int customers, int months) => customers + (long)(months - 1) * JoinersPerMonth(customers);

    /// <summary>Companies of the whole sequence, numbered in file order.</summary>
    public int Companies => (int)CompanyCount(_customers, _months.Count);

    /// <summary>
    /// Lives company <paramref name="k"/>'s months: its row in each month it is a customer, and its
    /// oracle entry for each of those months. Company k is customer number k + 1 (ids follow the
    /// order companies came to the bank); the first month's companies come first, then each
    /// month's joiners.
    /// </summary>
    public void Live(int k, SyntheticRow row, MonthBuffers output)
    {
        if (k < _customers)
        {
            var r = SeededRandom.ForStream(_seed, ExistingStream, (ulong)k);
            LiveFrom(0, r, ChurnCompany.Existing(r, k + 1L, _months[0], Hazard), row, output, listedBefore: true);
            return;
        }
        int start = 1 + (k - _customers) / _joiners;
        int j = (k - _customers) % _joiners;
        // A joiner's stream is named by its month and place among that month's joiners, not by k.
        var joiner = SeededRandom.ForStream(_seed, JoiningStream, ((ulong)start << 32) | (uint)j);
        LiveFrom(start, joiner, ChurnCompany.Joining(joiner, k + 1L, _months[start]), row, output, listedBefore: false);
    }

    private void LiveFrom(int start, SeededRandom r, ChurnCompany c, SyntheticRow row, MonthBuffers output, bool listedBefore)
    {
        int last = _months.Count - 1;
        if (listedBefore)
        {
            // A customer of the first file: it did not close last month (it would not be listed), so it
            // crosses the line now with the probability of doing so given it is still here.
            double before = Hazard(c);
            if (r.Bernoulli((1 - CloseShare) * before / (1 - CloseShare * before)))
            {
                c.CrossLine(r);
                Write(r, c, start, row, output, crossing: true);
                output.Oracle[start].Add(new(c.Id, 1, start < last ? NextMonth.Closes : NextMonth.Unknown));
                return;
            }
            c.Stay(r, _months[start]);
        }
        Write(r, c, start, row, output, crossing: false);
        double p = Hazard(c);
        for (int m = start + 1; m <= last; m++)
        {
            if (r.Bernoulli(p))
            {
                if (r.Bernoulli(CloseShare))
                {
                    output.Oracle[m - 1].Add(new(c.Id, p, NextMonth.Closes));
                    return;
                }
                output.Oracle[m - 1].Add(new(c.Id, p, NextMonth.CrossesLine));
                c.CrossLine(r);
                Write(r, c, m, row, output, crossing: true);
                // What is left goes the month after: certain, and so the oracle says 1.
                output.Oracle[m].Add(new(c.Id, 1, m < last ? NextMonth.Closes : NextMonth.Unknown));
                return;
            }
            output.Oracle[m - 1].Add(new(c.Id, p, NextMonth.Stays));
            c.Stay(r, _months[m]);
            Write(r, c, m, row, output, crossing: false);
            p = Hazard(c);
        }
        output.Oracle[last].Add(new(c.Id, p, NextMonth.Unknown));
    }

    /// <summary>True probability that a company listed this month has churned by next month.</summary>
    internal static double Hazard(ChurnCompany c) => ChurnCompany.Sigmoid(Intercept + c.StandingRisk + DriftWeight * c.Drift);

    private void Write(SeededRandom r, ChurnCompany c, int month, SyntheticRow row, MonthBuffers output, bool crossing)
    {
        _columns.Fill(row, r, c, crossing);
        output.Rows[month].Write(row);
    }
}
