namespace BankInsight.Tests.Cli;

/// <summary>The benchmarks left the shipped runner for bench/ (dotnet out/bench/bankinsight-bench.dll).</summary>
public sealed class BenchMovedTests
{
    [Theory]
    [InlineData("bench")]
    [InlineData("bench", "learners")]
    [InlineData("bench", "retail", "--rows", "10")]
    public void TheRunnerHasNoBenchCommand(params string[] args)
    {
        var (exit, _, error) = Runner.Run(args);
        Assert.Equal(BankInsight.Cli.ExitCodes.UnusableInput, exit);
        Assert.Contains("bankinsight: ", error);
        Assert.Contains("'bench'", error);
    }
}
