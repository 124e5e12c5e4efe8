using BankInsight.Bench.Measuring;

namespace BankInsight.Bench.Tests;

public sealed class TimingTests
{
    [Fact]
    public void BestIsTheSmallestAndMedianTheMiddleRun()
    {
        var odd = Timing.Of([0.30, 0.10, 0.20]);
        Assert.Equal(0.10, odd.Best);
        Assert.Equal(0.20, odd.Median);
        Assert.Equal([0.30, 0.10, 0.20], odd.Runs);
        var even = Timing.Of([0.4, 0.1, 0.3, 0.2]);
        Assert.Equal(0.1, even.Best);
        Assert.Equal(0.25, even.Median, 12);
        Assert.Throws<ArgumentException>(() => Timing.Of([]));
    }

    [Fact]
    public void RepeatsRunOnceToWarmUpAndThenTheGivenNumberOfTimes()
    {
        var seen = new List<double>();
        double next = 5;
        var timing = Repeats.Measure(3, () => { seen.Add(next); return next--; });
        Assert.Equal([5.0, 4.0, 3.0, 2.0], seen);
        Assert.Equal([4.0, 3.0, 2.0], timing.Runs);
        Assert.Equal(2.0, timing.Best);
        Assert.Equal(3.0, timing.Median);
        Assert.True(timing.Best <= timing.Median);
    }

    [Fact]
    public void LoadAverageIsThreeNumbersOrNotAvailable()
    {
        string dir = Directory.CreateTempSubdirectory("bench-load-").FullName;
        try
        {
            string file = Path.Combine(dir, "loadavg");
            File.WriteAllText(file, "0.52 1.61 2.70 1/80 12186\n");
            Assert.Equal("0.52 1.61 2.70", LoadAverage.Read(file));
            File.WriteAllText(file, "garbage\n");
            Assert.Equal("n/a", LoadAverage.Read(file));
            Assert.Equal("n/a", LoadAverage.Read(Path.Combine(dir, "absent")));
            if (File.Exists("/proc/loadavg")) Assert.Matches(@"^\d+\.\d+ \d+\.\d+ \d+\.\d+$", LoadAverage.Read());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
