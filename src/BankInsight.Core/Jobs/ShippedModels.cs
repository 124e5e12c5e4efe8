using BankInsight.Common;

namespace BankInsight.Jobs;

/// <summary>
/// Where the default models that ship with BankInsight are: a "models" folder next to the
/// BankInsight assemblies (the module folder and the runner folder both have one), or
/// BANKINSIGHT_MODELS when set; when running from a source checkout, the repository's models/.
/// </summary>
public static class ShippedModels
{
    /// <summary>The churn model's file name.</summary>
    public const string Churn = "customer_losing";

    /// <summary>The next-month churn model's file name: trained on two consecutive synthetic months, no earlier months needed to score.</summary>
    public const string NextMonthChurn = "customer_losing_next_month";

    /// <summary>The prospect model's file name.</summary>
    public const string Prospect = "customer_potential";

    /// <summary>The retail segmentation model's file name.</summary>
    public const string Retail = "retail_customer";

    /// <summary>The full path of shipped model <paramref name="name"/>; a clear error when it is nowhere to be found.</summary>
    public static string Locate(string name)
    {
        var tried = new List<string>();
        foreach (var folder in Candidates())
        {
            string path = Path.Combine(folder, name);
            if (File.Exists(path)) return path;
            tried.Add(folder);
        }
        throw new BankInsightException(ErrorIds.ModelNotFound, ErrorKind.ObjectNotFound,
            $"No model was given and the shipped model '{name}' was not found (looked in {string.Join(", ", tried)}). Pass a model file, or rebuild the shipped models (bankinsight models --output models).",
            name);
    }

    /// <summary>
    /// The shipped model a bare name stands for, when <paramref name="path"/> names no file
    /// (<paramref name="resolved"/>, where the host resolved it) but is one of the shipped names:
    /// "-Model customer_losing_next_month" then needs no folder. A file of that name in the current
    /// folder still wins; anything else comes back as given, for the loader's file-not-found error.
    /// </summary>
    public static string Resolve(string path, string resolved) =>
        !File.Exists(resolved) && Array.IndexOf(Names, path) >= 0 ? Locate(path) : resolved;

    /// <summary>Every shipped model's file name.</summary>
    public static readonly string[] Names = [Churn, NextMonthChurn, Prospect, Retail];

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("BANKINSIGHT_MODELS") is { Length: > 0 } configured) yield return configured;
        string? here = Path.GetDirectoryName(typeof(ShippedModels).Assembly.Location);
        if (string.IsNullOrEmpty(here)) yield break;
        yield return Path.Combine(here, "models");
        // A source checkout: bin/<configuration>/<framework>/ under a project under the repository.
        var dir = new DirectoryInfo(here);
        for (int up = 0; up < 6 && dir is not null; up++, dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BankInsight.sln"))) { yield return Path.Combine(dir.FullName, "models"); yield break; }
    }
}
