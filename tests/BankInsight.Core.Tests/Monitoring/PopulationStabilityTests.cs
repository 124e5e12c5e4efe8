using BankInsight.Common;
using BankInsight.Data.Columns;
using BankInsight.Features;
using BankInsight.Monitoring;
using BankInsight.Results;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Monitoring;

/// <summary>The index and its bins on cases small enough to compute by hand.</summary>
public class PopulationStabilityTests
{
    [Fact]
    public void The_index_matches_a_hand_computed_table()
    {
        // bin  e     a     a − e   ln(a/e)              term
        //  1   0.5   0.4   −0.1    ln 0.8  = −0.223144  0.0223144
        //  2   0.3   0.4   +0.1    ln 4/3  = +0.287682  0.0287682
        //  3   0.2   0.2    0      0                    0
        //                                         PSI = 0.0510826
        Assert.Equal(0.0510826, PopulationStability.Index([0.5, 0.3, 0.2], [0.4, 0.4, 0.2]), 6);
        // The index is symmetric in e and a, and 0 for identical shares.
        Assert.Equal(0.0510826, PopulationStability.Index([0.4, 0.4, 0.2], [0.5, 0.3, 0.2]), 6);
        Assert.Equal(0, PopulationStability.Index([0.25, 0.75], [0.25, 0.75]));
    }

    [Fact]
    public void An_empty_bin_counts_as_one_in_ten_thousand()
    {
        // bin  e       a      term
        //  1   0.5     0.5    0
        //  2   0.5     0.4    (−0.1)·ln 0.8 = 0.0223144
        //  3   0→1e−4  0.1    (0.1 − 0.0001)·ln(0.1 / 0.0001) = 0.0999 · 6.9077553 = 0.6900848
        //                                                     PSI = 0.7123991
        Assert.Equal(0.7123991, PopulationStability.Index([0.5, 0.5, 0], [0.5, 0.4, 0.1]), 6);
        // A column emptied this month: the missing bin goes from 0 to everything.
        // (1 − 1e−4)·ln(1 / 1e−4) + 2 · (1e−4 − 0.5)·ln(1e−4 / 0.5) = 9.2094 + 8.5155 = 17.7249
        Assert.Equal(17.7249, PopulationStability.Index([0.5, 0.5, 0], [0, 0, 1]), 4);
        Assert.Equal(1e-4, PopulationStability.Floor);
    }

    [Fact]
    public void Bins_must_match()
    {
        Assert.Throws<ArgumentException>(() => PopulationStability.Index([0.5, 0.5], [1.0]));
    }

    [Theory]
    [InlineData(0.0, DriftShift.None)]
    [InlineData(0.0999, DriftShift.None)]
    [InlineData(0.1, DriftShift.Moderate)]
    [InlineData(0.2499, DriftShift.Moderate)]
    [InlineData(0.25, DriftShift.Major)]
    [InlineData(17.7, DriftShift.Major)]
    [InlineData(double.NaN, DriftShift.Major)]
    public void Shifts_are_flagged_from_0_1_moderate_and_0_25_major(double psi, DriftShift expected) =>
        Assert.Equal(expected, PopulationStability.Classify(psi));

    [Fact]
    public void Decile_edges_of_one_to_ten_are_one_to_nine()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], DecileBins.Edges([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
        // 1..20: the k-th edge is the 2k-th value; missing values take no part.
        Assert.Equal([2, 4, 6, 8, 10, 12, 14, 16, 18], DecileBins.Edges([.. Enumerable.Range(1, 20).Select(i => (double)i), double.NaN, double.NaN]));
    }

    [Fact]
    public void Tied_values_collapse_their_edges()
    {
        // 7 zeros, then 1, 2, 3: deciles 0 0 0 0 0 0 0 1 2 → edges 0, 1, 2 (3 is the maximum, no edge).
        Assert.Equal([0, 1, 2], DecileBins.Edges([0, 0, 0, 0, 0, 0, 0, 1, 2, 3]));
        // A flag that is 1 for 40%: one edge at 0; the edge at 1, the maximum, is dropped.
        Assert.Equal([0], DecileBins.Edges([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]));
        Assert.Empty(DecileBins.Edges([5, 5, 5]));
        Assert.Empty(DecileBins.Edges([double.NaN, double.NaN]));
        Assert.Empty(DecileBins.Edges([]));
    }

    [Fact]
    public void Bins_are_closed_on_the_right()
    {
        double[] edges = [0, 1, 2];
        Assert.Equal(0, DecileBins.Of(-5, edges));
        Assert.Equal(0, DecileBins.Of(0, edges));      // (−∞, 0]
        Assert.Equal(1, DecileBins.Of(0.5, edges));    // (0, 1]
        Assert.Equal(1, DecileBins.Of(1, edges));
        Assert.Equal(3, DecileBins.Of(2.01, edges));   // (2, +∞)
        Assert.Equal(3, DecileBins.Of(1e15, edges));
        Assert.Equal(0, DecileBins.Of(7, []));        // no edges: one bin
    }

    [Fact]
    public void A_numeric_profile_counts_deciles_and_the_missing_bin()
    {
        // 0 ×7, 1, 2, 3 and two missing: edges 0, 1, 2; bins (−∞,0] (0,1] (1,2] (2,∞) missing.
        var column = FeatureColumn.Numeric("x", [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, double.NaN, double.NaN]);
        var spec = new FeatureSpec("x", "x", FeatureTransform.Number, []);
        var profile = FeatureProfile.Train(spec, column, null!);
        Assert.Equal([0, 1, 2], profile.Edges);
        Assert.Equal([7, 1, 1, 1, 2], profile.Counts);
        Assert.Equal(2 / 12.0, profile.MissingShare);
        // A new month in the same bins: values beyond training fall in the end bins.
        Assert.Equal([2, 0, 1, 2, 1], profile.CountIn(FeatureColumn.Numeric("x", [-1, 0, 1.5, 2.5, 99, double.NaN]), null));
    }

    [Fact]
    public void A_category_profile_tells_an_unseen_category_from_a_missing_one()
    {
        // Training: open = a, a, b, (empty) → bins a, b, unseen, missing = 2, 1, 0, 1.
        var training = TestFiles.LoadText("\"c1\",,1,1,1,\"1\",\"a\",\n\"c2\",,1,1,1,\"1\",\"a\",\n\"c3\",,1,1,1,\"1\",\"b\",\n\"c4\",,1,1,1,\"1\",,\n", TestSchemas.Small, new CollectingSink());
        var plan = FeaturePlan.FromData(training, []);
        int open = plan.Names.ToList().IndexOf("open");
        var profile = FeatureProfile.Train(plan.Features[open], plan.Apply(training, NullSink.Instance).Columns[open], training);
        Assert.Equal(FeatureKind.Categorical, profile.Kind);
        Assert.Equal([2, 1, 0, 1], profile.Counts);

        // A new month: a, c, c, (empty), b. Scoring reads c as missing; the month's own column says it is unseen.
        var month = TestFiles.LoadText("\"d1\",,1,1,1,\"1\",\"a\",\n\"d2\",,1,1,1,\"1\",\"c\",\n\"d3\",,1,1,1,\"1\",\"c\",\n\"d4\",,1,1,1,\"1\",,\n\"d5\",,1,1,1,\"1\",\"b\",\n", TestSchemas.Small, new CollectingSink());
        var sink = new CollectingSink();
        var features = plan.Apply(month, sink);
        Assert.Contains(sink.Warnings, w => w.Contains("never saw"));
        Assert.Equal([1, 1, 2, 1], profile.CountIn(features.Columns[open], (CategoricalColumn)month["open"]));
    }
}
