using BankInsight.Learners;

namespace BankInsight.Clustering;

/// <summary>
/// k-means hyper-parameters, with scikit-learn's defaults (KMeans 1.2: k-means++ seeding with
/// 2 + ⌊ln k⌋ local trials, Lloyd iterations) except the seed, which is fixed so a bank can
/// reproduce last month's segments. Immutable; checked by <see cref="Validate"/> at the start of
/// a fit, naming the parameter at fault.
/// </summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters k.</summary>
    public int ClusterCount { get; init; } = 8;

    /// <summary>Independent k-means++ initialisations; the one with the lowest inertia is kept (scikit-learn's n_init).</summary>
    public int InitCount { get; init; } = 10;

    /// <summary>Maximum Lloyd iterations per initialisation.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// Convergence tolerance, relative to the data: an initialisation stops when the squared
    /// centre shift summed over centres is at most Tolerance × the mean per-dimension variance
    /// (or when no point changes cluster).
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Seed of the k-means++ draws.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads (0 = all cores). Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Throws naming the first parameter out of range.</summary>
    public void Validate()
    {
        GbdtOptions.Check(ClusterCount >= 1, nameof(ClusterCount), ClusterCount, "at least 1");
        GbdtOptions.Check(InitCount >= 1, nameof(InitCount), InitCount, "at least 1");
        GbdtOptions.Check(MaxIterations >= 1, nameof(MaxIterations), MaxIterations, "at least 1");
        GbdtOptions.Check(Tolerance >= 0 && double.IsFinite(Tolerance), nameof(Tolerance), Tolerance, "0 or more");
        GbdtOptions.Check(Threads >= 0, nameof(Threads), Threads, "0 (all cores) or more");
    }
}
