using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;
using Xunit.Abstractions;
using static BankInsight.Tests.Synthetic.MonthSequence;

namespace BankInsight.Tests.Synthetic;

/// <summary>The monthly churn story (ChurnMonthsStory): the same companies month after month, its rules held to the files.</summary>
public class MonthlyChurnTests(ITestOutputHelper output)
{
    [Fact]
    public void Same_request_gives_identical_files_and_another_seed_does_not()
    {
        var a = Make(2000, 3);
        Assert.Equal(a.Bytes, Make(2000, 3).Bytes);
        Assert.NotEqual(a.Bytes[2], Make(2000, 3, seed: 7).Bytes[2]);
    }

    [Fact]
    public void Files_do_not_depend_on_how_the_work_is_split()
    {
        // 5,000 customers and their joiners are three chunks: one at a time or all at once.
        Assert.Equal(Make(5000, 3, batchChunks: 1).Bytes, Make(5000, 3, batchChunks: 7).Bytes);
    }

    [Fact]
    public void A_longer_sequence_begins_with_the_same_files()
    {
        var short_ = Make(1500, 2, asOf: new DateOnly(2026, 9, 30));
        var long_ = Make(1500, 3);
        Assert.Equal(short_.Bytes, long_.Bytes[..2]);
    }

    [Fact]
    public void Every_file_loads_without_a_rejection_and_the_first_holds_the_count_asked_for()
    {
        var s = Make(3000, 3);
        Assert.Equal(3000, s.Months[0].RowCount);
        foreach (var month in s.Months)
        {
            Assert.Equal(0, month.RowsRejected);
            Assert.Empty(month.DroppedColumns);
            Assert.InRange(month.RowCount, 2850, 3150); // joiners make up for leavers
        }
        Assert.Equal(s.Oracle.Select(o => o.CustomerIds), s.Months.Select(m => (IReadOnlyList<string>)m.Ids!.Values.Select(v => v!).ToList()));
    }

    [Fact]
    public void The_same_companies_carry_over_less_the_leavers_plus_the_joiners()
    {
        const int n = 4000;
        var s = Make(n, 3);
        int joiners = (int)Math.Round(n * ChurnMonthsStory.JoinShare);
        int leavers = 0, closedAtOnce = 0, present = 0;
        for (int t = 0; t < 2; t++)
        {
            var before = s.Months[t].Ids!.Values.ToHashSet();
            var after = s.Months[t + 1].Ids!.Values.ToList();
            // Every id of t+1 was in t, or is new; the new ones are numbered after all earlier ones.
            var fresh = after.Where(id => !before.Contains(id)).ToList();
            Assert.Equal(joiners, fresh.Count);
            long highest = before.Max(id => long.Parse(id![4..]));
            Assert.All(fresh, id => Assert.True(long.Parse(id![4..]) > highest));
            // Leavers: what the story decided for companies not already over the line.
            var oracle = s.Oracle[t];
            for (int i = 0; i < oracle.CustomerIds.Count; i++)
            {
                if (oracle.Probabilities[i] == 1) continue; // over the line this month: gone next month
                present++;
                if (oracle.Outcomes[i] is NextMonth.Closes or NextMonth.CrossesLine) leavers++;
                if (oracle.Outcomes[i] == NextMonth.Closes) closedAtOnce++;
            }
            // Those over the line in t are all gone in t+1.
            var afterSet = after.ToHashSet();
            for (int i = 0; i < oracle.CustomerIds.Count; i++)
                if (oracle.Probabilities[i] == 1) Assert.DoesNotContain(oracle.CustomerIds[i], afterSet);
        }
        output.WriteLine($"4,000 customers, 2 transitions: {leavers} of {present} not yet churned left ({(double)leavers / present:P2}), {closedAtOnce} closed at once ({(double)closedAtOnce / leavers:P1}), {joiners} joiners a month");
        // Documented: about 6% of companies not yet churned churn each month, 30% of them closing at once.
        Assert.InRange((double)leavers / present, 0.05, 0.07);
        Assert.InRange((double)closedAtOnce / leavers, 0.24, 0.36);
    }

    [Fact]
    public void Three_month_averages_are_the_mean_of_the_months_the_files_show()
    {
        var s = Make(2000, 4);
        int checkedRows = 0, joinersChecked = 0;
        for (int t = 1; t < 4; t++)
        {
            var now = s.Months[t];
            double[] assets = Column(now, Assets), last3 = Column(now, ThreeMonths);
            var previous = RowsById(s.Months[t - 1]);
            double[] previousAssets = Column(s.Months[t - 1], Assets);
            var earlier = t >= 2 ? RowsById(s.Months[t - 2]) : null;
            double[]? earlierAssets = t >= 2 ? Column(s.Months[t - 2], Assets) : null;
            for (int i = 0; i < now.RowCount; i++)
            {
                if (double.IsNaN(last3[i]) || last3[i] == 0) continue; // the file's quirks
                string id = now.Ids![i]!;
                bool wasThere = previous.TryGetValue(id, out int p);
                bool wasThereBefore = earlier is not null && earlier.TryGetValue(id, out _);
                if (!wasThere)
                {
                    Assert.Equal(assets[i], last3[i]); // joined this month: one month known
                    joinersChecked++;
                }
                else if (earlier is not null && wasThereBefore)
                {
                    double mean = (assets[i] + previousAssets[p] + earlierAssets![earlier[id]]) / 3;
                    Assert.True(Math.Abs(last3[i] - mean) <= 0.006, $"{id} month {t}: {last3[i]} against {mean}");
                    checkedRows++;
                }
                else if (earlier is not null)
                {
                    // Joined last month: the two months it has had.
                    Assert.True(Math.Abs(last3[i] - (assets[i] + previousAssets[p]) / 2) <= 0.006, $"{id} month {t}");
                    joinersChecked++;
                }
            }
        }
        output.WriteLine($"{checkedRows} three-month averages of three files checked, {joinersChecked} of joiners");
        Assert.True(checkedRows > 3000, $"{checkedRows} rows checked");
        Assert.True(joinersChecked > 200, $"{joinersChecked} joiners checked");
    }

    [Fact]
    public void The_label_made_from_next_month_is_what_the_story_decided()
    {
        var s = Make(4000, 3);
        int labelled = 0, unlabelled = 0;
        for (int t = 0; t < 2; t++)
        {
            var labels = s.NextMonthLabels(t);
            var oracle = s.Oracle[t];
            for (int i = 0; i < labels.Length; i++)
            {
                var decided = oracle.Outcomes[i];
                Assert.NotEqual(NextMonth.Unknown, decided);
                if (labels[i] is not { } label)
                {
                    unlabelled++;
                    Assert.NotEqual(NextMonth.Closes, decided); // an absent customer always has a label
                    continue;
                }
                labelled++;
                Assert.Equal(decided is NextMonth.Closes or NextMonth.CrossesLine, label);
            }
        }
        output.WriteLine($"{labelled} labels made from the next file agree with the story; {unlabelled} rows without a label");
        Assert.InRange((double)unlabelled / (labelled + unlabelled), 0.005, 0.03); // zero or missing three-month averages
        Assert.All(s.Oracle[2].Outcomes, o => Assert.Equal(NextMonth.Unknown, o));
    }

    [Fact]
    public void Next_months_churners_show_it_this_month()
    {
        var s = Make(6000, 3);
        var churn = new Moments();
        var stay = new Moments();
        foreach (int t in new[] { 1 }) // month 1 has a month before and a month after
        {
            var now = s.Months[t];
            var before = RowsById(s.Months[t - 1]);
            var labels = s.NextMonthLabels(t);
            double[] assets = Column(now, Assets), last3 = Column(now, ThreeMonths), logins = Column(now, "企业网银交易笔数"),
                interbank = Column(now, "对公银银转账交易金额"), previousAssets = Column(s.Months[t - 1], Assets);
            for (int i = 0; i < now.RowCount; i++)
            {
                // Companies already over the line this month are not the warning's business.
                if (labels[i] is not { } label || double.IsNaN(last3[i]) || last3[i] == 0 || assets[i] / last3[i] < 0.5) continue;
                if (!before.TryGetValue(now.Ids![i]!, out int p)) continue;
                var target = label ? churn : stay;
                target.Count++;
                target.Logins += logins[i];
                target.AssetTrend += Math.Log(assets[i] / previousAssets[p]);
                target.Outflow += interbank[i] / (assets[i] + interbank[i]);
                target.Cancelled += SignedCount(s.Months[t - 1], p) - SignedCount(now, i);
            }
        }
        output.WriteLine($"month 1 of 6,000: {churn.Count} next-month churners against {stay.Count} stayers; logins {churn.Mean(m => m.Logins):F1} vs {stay.Mean(m => m.Logins):F1}, " +
            $"log asset change {churn.Mean(m => m.AssetTrend):F3} vs {stay.Mean(m => m.AssetTrend):F3}, services cancelled {churn.Mean(m => m.Cancelled):F2} vs {stay.Mean(m => m.Cancelled):F2}, outflow share {churn.Mean(m => m.Outflow):F3} vs {stay.Mean(m => m.Outflow):F3}");
        Assert.True(churn.Count > 150, $"{churn.Count} churners");
        // Fewer transactions, balances drifting down, services cancelled, money moving out: all in month t.
        Assert.True(churn.Mean(m => m.Logins) < 0.75 * stay.Mean(m => m.Logins), $"logins {churn.Mean(m => m.Logins)} vs {stay.Mean(m => m.Logins)}");
        Assert.True(churn.Mean(m => m.AssetTrend) < stay.Mean(m => m.AssetTrend) - 0.05, $"asset trend {churn.Mean(m => m.AssetTrend)} vs {stay.Mean(m => m.AssetTrend)}");
        Assert.True(churn.Mean(m => m.Cancelled) > 2 * stay.Mean(m => m.Cancelled) + 0.05, $"services cancelled {churn.Mean(m => m.Cancelled)} vs {stay.Mean(m => m.Cancelled)}");
        Assert.True(churn.Mean(m => m.Outflow) > 1.3 * stay.Mean(m => m.Outflow), $"outflow {churn.Mean(m => m.Outflow)} vs {stay.Mean(m => m.Outflow)}");
    }

    private static int SignedCount(Data.CustomerDataSet data, int row) =>
        data.Columns.OfType<DateColumn>().Count(c => c[row] is not null);

    private sealed class Moments
    {
        public int Count;
        public double Logins, AssetTrend, Outflow, Cancelled;

        public double Mean(Func<Moments, double> value) => value(this) / Count;
    }

    [Fact]
    public void Months_are_for_CorporateChurn_only_and_1_to_120()
    {
        var e = Assert.Throws<BankInsightException>(() => new SyntheticDataRequest("Retail", 10) { Months = 3 }.Validate());
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
        Assert.Contains("only for CorporateChurn", e.Message);
        foreach (int months in new[] { 0, -1, 121 })
            Assert.Equal(ErrorIds.ParameterInvalid, Assert.Throws<BankInsightException>(() => new SyntheticDataRequest("CorporateChurn", 10) { Months = months }.Validate()).ErrorId);
        new SyntheticDataRequest("CorporateChurn", 10) { Months = 120 }.Validate();
    }

    [Fact]
    public void A_request_with_months_is_never_written_as_one_file()
    {
        var request = new SyntheticDataRequest("CorporateChurn", 10) { Months = 2 };
        Assert.Throws<BankInsightException>(() => SyntheticDataGenerator.Generate(request, new MemoryStream(), new CollectingSink()));
        Assert.Throws<BankInsightException>(() => SyntheticDataGenerator.GenerateDataSet(request, new CollectingSink()));
    }

    [Fact]
    public void One_month_is_a_sequence_of_one_file_with_no_oracle_file()
    {
        var request = new SyntheticDataRequest("CorporateChurn", 100) { Months = 1 };
        var plan = SyntheticMonthFile.Plan(request, "churn.del", oracle: true);
        var file = Assert.Single(plan);
        Assert.Equal(("churn-2026-10.del", SyntheticMonthFileKind.Data), (file.Target.Path, file.Kind));
        Assert.Equal(Make(100, 3).Bytes[0], Make(100, 1, asOf: new DateOnly(2026, 8, 31)).Bytes[0]);
    }
}
