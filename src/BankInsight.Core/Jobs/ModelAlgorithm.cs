using BankInsight.Common;

namespace BankInsight.Jobs;

/// <summary>Which learner a job trains.</summary>
public enum ModelAlgorithm
{
    /// <summary>Gradient-boosted trees (default).</summary>
    Gbdt,
    /// <summary>Logistic regression (the old delivery's choice).</summary>
    LogisticRegression,
}

/// <summary>Runner spellings of <see cref="ModelAlgorithm"/>.</summary>
public static class ModelAlgorithms
{
    /// <summary>gbdt | logistic (also the enum names).</summary>
    public static ModelAlgorithm Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "gbdt" => ModelAlgorithm.Gbdt,
        "logistic" or "logisticregression" => ModelAlgorithm.LogisticRegression,
        _ => throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"Unknown algorithm '{text}'; use gbdt or logistic.", text),
    };
}
