namespace BankInsight.Learners;

/// <summary>
/// Logistic regression hyper-parameters (the old delivery's model, kept as an option).
/// Objective: mean log-loss + ||w||² / (2·C·n), intercept unpenalised — the same minimiser as
/// scikit-learn's LogisticRegression(C) with the lbfgs solver.
/// </summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>Inverse regularisation strength (larger = weaker L2).</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Optimizer iterations at most.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Convergence: largest gradient component of the mean objective.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Worker threads (0 = all cores). Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Throws naming the first parameter out of range.</summary>
    public void Validate()
    {
        GbdtOptions.Check(C > 0, nameof(C), C, "greater than 0");
        GbdtOptions.Check(MaxIterations >= 1, nameof(MaxIterations), MaxIterations, "at least 1");
        GbdtOptions.Check(Tolerance > 0, nameof(Tolerance), Tolerance, "greater than 0");
        GbdtOptions.Check(Threads >= 0, nameof(Threads), Threads, "0 (all cores) or more");
    }
}
