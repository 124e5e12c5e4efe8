using BankInsight.Common;

namespace BankInsight.Synthetic;

/// <summary>
/// One company of the monthly churn story (<see cref="ChurnMonthsStory"/>): its fixed traits and
/// its state from month to month — drift away from the bank, services signed, financial assets of
/// the last three months. All randomness comes from the company's own stream, drawn in month order,
/// so month <c>m</c> is the same however many months follow.
/// </summary>
internal sealed class ChurnCompany
{
    // The drift (latent disengagement) is an AR(1) with occasional jumps: a jump is the moment a
    // company starts moving its business to another bank, and it fades over a few months.
    private const double DriftPersistence = 0.75, DriftNoise = 0.5, JumpChance = 0.03, JumpSize = 1.8;
    // Log assets revert to the company's own level; drift pulls them down.
    private const double LevelPersistence = 0.6, LevelNoise = 0.2, LevelPull = 0.15;
    // Above this ratio of this month's assets to the three-month average a company that does not
    // churn always stays (the label's line is 0.5; the margin survives rounding to cents).
    internal const double StayerFloor = 0.54;

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required int SizeIndex { get; init; }
    public required string Nature { get; init; }
    public double? Employees { get; init; }
    public int NameChanges { get; init; }
    public int ScopeChanges { get; init; }
    public int AddressChanges { get; init; }

    /// <summary>Long-run engagement with the bank (larger and older companies higher).</summary>
    public double Engagement { get; init; }

    /// <summary>Churn-prone character the files never show (management, competitors' offers).</summary>
    public double Unobserved { get; init; }

    /// <summary>Transaction volume scale, √(employees / 10).</summary>
    public double SizeFactor { get; init; }

    /// <summary>The financial assets the company keeps with us in a usual month.</summary>
    public double AssetLevel { get; set; }

    /// <summary>How busy the company is, ×0.7–1.3.</summary>
    public double Activity { get; init; }

    public double Loans { get; set; }
    public bool Discounts { get; set; }
    public bool Bills { get; set; }
    public bool BillPlatform { get; set; }
    public bool Etc { get; set; }
    public double DepositShare { get; set; }
    public double CurrentShare { get; set; }

    /// <summary>Months with the bank; 开户年限 is its whole years.</summary>
    public int TenureMonths { get; set; }

    /// <summary>Latent disengagement this month: 0 is a usual month, 2 a company on its way out.</summary>
    public double Drift { get; set; }

    /// <summary>Log of this month's assets against <see cref="AssetLevel"/>.</summary>
    public double Level { get; set; }

    /// <summary>Signing date of each service (<see cref="ChurnStory.Services"/>), null when not signed.</summary>
    public DateOnly?[] Signed { get; } = new DateOnly?[ChurnStory.Services.Length];

    /// <summary>This month's, last month's and the month before's financial assets (月日均), to the cent.</summary>
    public double Assets { get; private set; }
    public double PreviousAssets { get; private set; }
    public double EarlierAssets { get; private set; }

    /// <summary>Months of assets known, at most 3: a company that joined this month has one.</summary>
    public int MonthsKnown { get; private set; }

    public bool Micro => ChurnStory.SizeCodes[SizeIndex] is "4" or "9";

    public int TenureYears => TenureMonths / 12;

    /// <summary>近三个月金融资产月日均: the mean of the months known (the company's months with us, up to three).</summary>
    public double ThreeMonthAverage => Math.Round((Assets + (MonthsKnown > 1 ? PreviousAssets : 0) + (MonthsKnown > 2 ? EarlierAssets : 0)) / MonthsKnown, 2);

    /// <summary>
    /// The company's standing as a churn log-odds term: low engagement, name/scope/address changes,
    /// short tenure, micro size, and the character no file shows.
    /// </summary>
    public double StandingRisk => -0.8 * (Engagement - 0.6) + 0.35 * (NameChanges + ScopeChanges + AddressChanges) - 0.05 * TenureYears + (Micro ? 0.45 : 0) + 0.6 * Unobserved;

    /// <summary>Engagement this month: the long-run level less the drift.</summary>
    public double EngagementNow => Engagement - 0.7 * Drift;

    /// <summary>
    /// The company in customer slot <paramref name="number"/> as of the month before the first file
    /// (<paramref name="firstMonthEnd"/>): the slot lives <see cref="HiddenMonths"/> months first, and
    /// whenever its company churns a new one takes its place, so the first file is the same settled
    /// mix of long-standing customers and recent joiners as any later one (its churn rate too).
    /// </summary>
    public static ChurnCompany Existing(SeededRandom r, long number, DateOnly firstMonthEnd, Func<ChurnCompany, double> hazard)
    {
        var start = firstMonthEnd.AddMonths(-HiddenMonths);
        var c = Draw(r, number, joining: false);
        int tenureDays = Math.Max(1, c.TenureMonths * 30);
        for (int s = 0; s < c.Signed.Length; s++)
            if (r.Bernoulli(Sigmoid(ChurnStory.Services[s].Logit + 0.9 * c.Engagement)))
                c.Signed[s] = start.AddDays(-r.NextInt(tenureDays));
        c.SetScale(r);
        // The drift and level settle to their long-run spread before anything is recorded.
        for (int i = 0; i < 12; i++)
        {
            c.StepDrift(r);
            c.StepLevel(r);
        }
        c.Record(c.AssetLevel * Math.Exp(c.Level), floor: false);
        for (int i = HiddenMonths - 1; i >= 1; i--)
        {
            var monthEnd = MonthEnd(firstMonthEnd, -i);
            if (r.Bernoulli(hazard(c))) c = Joining(r, number, monthEnd);
            else c.Stay(r, monthEnd);
        }
        return c;
    }

    /// <summary>Months a customer slot lives before the first file.</summary>
    internal const int HiddenMonths = 36;

    private static DateOnly MonthEnd(DateOnly monthEnd, int shift)
    {
        var first = new DateOnly(monthEnd.Year, monthEnd.Month, 1).AddMonths(shift);
        return first.AddMonths(1).AddDays(-1);
    }

    /// <summary>A company that opens its accounts in the month ending <paramref name="monthEnd"/>: new signings that month, one month of assets.</summary>
    public static ChurnCompany Joining(SeededRandom r, long number, DateOnly monthEnd)
    {
        var c = Draw(r, number, joining: true);
        for (int s = 0; s < c.Signed.Length; s++)
            if (r.Bernoulli(Sigmoid(ChurnStory.Services[s].Logit + 0.9 * c.Engagement - 0.5)))
                c.Signed[s] = monthEnd.AddDays(-r.NextInt(monthEnd.Day));
        c.SetScale(r);
        c.Drift = 0.4 * r.Normal();
        c.Level = 0.2 * r.Normal();
        c.Record(c.AssetLevel * Math.Exp(c.Level), floor: false);
        return c;
    }

    private static ChurnCompany Draw(SeededRandom r, long number, bool joining)
    {
        string id = $"21{r.NextInt(100):D2}{number:D11}";
        string name = ChineseNames.Company(r);
        int size = r.Choose(ChurnStory.SizeWeights);
        double employees = Math.Max(1, Math.Round(r.LogNormal(Math.Log(ChurnStory.SizeEmployees[size]), 0.5)));
        bool known = !r.Bernoulli(0.03);
        string nature = ChurnStory.NatureCodes[r.Choose(ChurnStory.NatureWeights)];
        int years = joining ? 0 : Math.Min(30, 1 + r.Poisson(3 + 2.0 * (4 - Math.Min(size, 4))));
        int tenure = joining ? 0 : 12 * years + r.NextInt(12);
        return new ChurnCompany
        {
            Id = id,
            Name = name,
            SizeIndex = size,
            Employees = known ? employees : null,
            Nature = nature,
            TenureMonths = tenure,
            NameChanges = r.Poisson(0.15),
            ScopeChanges = r.Poisson(0.3),
            AddressChanges = r.Poisson(0.25),
            Engagement = r.Normal() + 0.25 * (3 - Math.Min(size, 3)) + 0.03 * years,
            Unobserved = r.Normal(),
            SizeFactor = Math.Sqrt(employees / 10.0),
            Activity = r.Uniform(0.7, 1.3),
        };
    }

    // Scale and habits, after the services (their count raises the assets kept with us).
    private void SetScale(SeededRandom r)
    {
        int signed = Signed.Count(d => d is not null);
        AssetLevel = ChurnStory.SizeAssets[SizeIndex] * r.LogNormal(0, 0.8) * (1 + 0.1 * signed);
        Loans = r.Bernoulli(0.4) ? AssetLevel * r.LogNormal(0, 0.9) : 0;
        Discounts = r.Bernoulli(0.15);
        Bills = r.Bernoulli(0.2);
        BillPlatform = r.Bernoulli(0.1 + 0.05 * signed / 4.0);
        Etc = r.Bernoulli(0.3);
        DepositShare = r.Uniform(0.35, 0.95);
        CurrentShare = r.Uniform(0.45, 0.8);
    }

    /// <summary>
    /// An ordinary month (<paramref name="monthEnd"/>) for a company that stays: the drift moves,
    /// a drifting company cancels services (the signing date disappears) and an engaged one signs
    /// new ones, and assets follow the level — never below the line of <see cref="StayerFloor"/>.
    /// </summary>
    public void Stay(SeededRandom r, DateOnly monthEnd)
    {
        TenureMonths++;
        StepDrift(r);
        double engagement = EngagementNow;
        for (int s = 0; s < Signed.Length; s++)
        {
            if (Signed[s] is not null)
            {
                if (r.Bernoulli(Sigmoid(-5.0 + 1.4 * Drift))) Signed[s] = null;
            }
            else if (r.Bernoulli(Sigmoid(ChurnStory.Services[s].Logit + 0.9 * engagement - 4.0)))
            {
                Signed[s] = monthEnd.AddDays(-r.NextInt(monthEnd.Day));
            }
        }
        StepLevel(r);
        Record(AssetLevel * Math.Exp(Level), floor: true);
    }

    /// <summary>
    /// The month the company's money leaves: most services are cancelled and this month's assets fall
    /// to a ratio of 0.10–0.49 of the three-month average (below the label's line of 0.5).
    /// </summary>
    public void CrossLine(SeededRandom r)
    {
        TenureMonths++;
        for (int s = 0; s < Signed.Length; s++)
            if (Signed[s] is not null && r.Bernoulli(0.6)) Signed[s] = null;
        double ratio = r.Uniform(0.10, 0.49);
        Shift();
        // ratio = n·a / (a + earlier months) solved for a.
        double earlier = PreviousAssets + (MonthsKnown > 2 ? EarlierAssets : 0);
        Assets = Math.Round(ratio * earlier / (MonthsKnown - ratio), 2);
    }

    private void StepDrift(SeededRandom r) =>
        Drift = DriftPersistence * Drift + DriftNoise * r.Normal() + (r.Bernoulli(JumpChance) ? JumpSize : 0);

    private void StepLevel(SeededRandom r) =>
        Level = LevelPersistence * Level + LevelNoise * r.Normal() - LevelPull * Math.Max(0, Drift);

    private void Record(double assets, bool floor)
    {
        Shift();
        if (floor && MonthsKnown > 1)
        {
            double earlier = PreviousAssets + (MonthsKnown > 2 ? EarlierAssets : 0);
            assets = Math.Max(assets, StayerFloor * earlier / (MonthsKnown - StayerFloor));
        }
        Assets = Math.Round(assets, 2);
    }

    private void Shift()
    {
        EarlierAssets = PreviousAssets;
        PreviousAssets = Assets;
        MonthsKnown = Math.Min(3, MonthsKnown + 1);
    }

    internal static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
