using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Features;
using BankInsight.Results;

namespace BankInsight.Monitoring;

/// <summary>
/// A new month against a model's training profile: per feature the PSI over the training bins and
/// the missing shares, and the PSI of the scores. Any classifier model with a profile can be
/// compared; the churn job (ChurnMonitorJob) adds what churn warnings realised.
/// </summary>
/// <remarks>O(rows × features) to bin the month; deterministic, rows sorted by PSI (ties in plan order).</remarks>
public static class ModelDrift
{
    /// <summary>
    /// Per feature of <paramref name="plan"/>, the month's <paramref name="features"/> (made by the
    /// model's plan) against <paramref name="profile"/>, highest PSI first.
    /// </summary>
    public static List<FeatureDrift> Features(FeaturePlan plan, TrainingProfile profile, CustomerDataSet data, FeatureMatrix features)
    {
        var rows = new List<FeatureDrift>(plan.Features.Count);
        for (int f = 0; f < plan.Features.Count; f++)
        {
            var spec = plan.Features[f];
            var trained = profile.Features[f];
            var raw = spec.Transform == FeatureTransform.Category ? data.Find(spec.Column) as CategoricalColumn : null;
            var counts = trained.CountIn(features.Columns[f], raw);
            var expected = trained.Shares();
            var actual = FeatureProfile.Share(counts);
            double psi = PopulationStability.Index(expected, actual);
            rows.Add(new FeatureDrift
            {
                Feature = spec.Name,
                Psi = psi,
                Shift = PopulationStability.Classify(psi),
                TrainingMissingShare = expected[^1],
                MissingShare = actual[^1],
                MissingShareChange = actual[^1] - expected[^1],
                UnseenShare = trained.Kind == FeatureKind.Categorical ? actual[^2] : null,
                Kind = trained.Kind,
                Bins = counts.Length,
                Data = data.Source,
            });
        }
        // Stable: equal indexes keep the plan's order, so the table is the same every run.
        return [.. rows.OrderByDescending(r => r.Psi)];
    }

    /// <summary>The PSI of the month's <paramref name="probabilities"/> against the held-out scores of training.</summary>
    public static double Score(TrainingProfile profile, ReadOnlySpan<double> probabilities)
    {
        var edges = profile.ScoreEdges.ToArray();
        var counts = new int[edges.Length + 1];
        foreach (double p in probabilities) counts[DecileBins.Of(p, edges)]++;
        return PopulationStability.Index(FeatureProfile.Share(profile.ScoreCounts), FeatureProfile.Share(counts));
    }
}
