namespace BankInsight.Bench.Tests;

/// <summary>
/// Microsoft.ML is a benchmark peer, never a dependency: the built module (out/BankInsight) and
/// runner (out/cli) hold none of its files, and the runner has no bench command; the benchmark
/// program is built into out/bench with its peers.
/// </summary>
public sealed class ShippedOutputTests
{
#if DEBUG
    private const string OutFolder = "out/debug";
#else
    private const string OutFolder = "out";
#endif

    private static string Out(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BankInsight.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, OutFolder, name);
    }

    [Theory]
    [InlineData("cli", "bankinsight.dll")]
    [InlineData("BankInsight", "BankInsight.PowerShell.dll")]
    public void ShippedFoldersHoldNoMicrosoftMl(string folder, string mainAssembly)
    {
        string root = Out(folder);
        Assert.True(File.Exists(Path.Combine(root, mainAssembly)), $"{root} is not built (no {mainAssembly})");
        var peers = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith("Microsoft.ML", StringComparison.OrdinalIgnoreCase)
                || name.Contains("lightgbm", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("bankinsight-bench", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Empty(peers);
    }

    [Fact]
    public void TheBenchmarkProgramIsBuiltWithItsPeers()
    {
        string root = Out("bench");
        foreach (var file in new[] { "bankinsight-bench.dll", "bankinsight-bench.runtimeconfig.json", "Microsoft.ML.Data.dll", "Microsoft.ML.LightGbm.dll", "Microsoft.ML.FastTree.dll" })
            Assert.True(File.Exists(Path.Combine(root, file)), $"{file} missing from {root}");
        Assert.True(File.Exists(Path.Combine(root, "runtimes", "linux-x64", "native", "lib_lightgbm.so")));
    }
}
