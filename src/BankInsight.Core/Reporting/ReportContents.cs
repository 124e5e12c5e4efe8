using BankInsight.Results;

namespace BankInsight.Reporting;

/// <summary>
/// The results a report is drawn from, sorted by kind as they arrive: whatever a month's
/// scripts produced, piped in any order. <see cref="Add"/> says whether it knew the object.
/// </summary>
public sealed class ReportContents
{
    /// <summary>Churn scores (with -IncludeAll the histogram covers every customer, not only the warned).</summary>
    public List<ChurnPrediction> ChurnPredictions { get; } = [];

    /// <summary>Evaluations with labels: a model's hold-out (New-ChurnModel) or a later month (Test-ChurnModel).</summary>
    public List<ClassifierEvaluation> Evaluations { get; } = [];

    /// <summary>Drift checks (Test-ChurnModelDrift).</summary>
    public List<ModelDriftReport> Drift { get; } = [];

    /// <summary>Drift rows one per feature (Test-ChurnModelDrift -PerFeature).</summary>
    public List<FeatureDrift> DriftFeatures { get; } = [];

    /// <summary>Prospects and their related parties (Find-Prospect).</summary>
    public List<ProspectResult> Prospects { get; } = [];

    /// <summary>Segment profiles (Get-CustomerCluster -Profile).</summary>
    public List<ClusterProfile> Segments { get; } = [];

    /// <summary>Cross-selling rules (Get-CrossSellRule).</summary>
    public List<CrossSellRule> Rules { get; } = [];

    /// <summary>Offers (Get-CrossSellRecommendation).</summary>
    public List<CrossSellRecommendation> Offers { get; } = [];

    /// <summary>Product opportunities (Find-ProductOpportunity).</summary>
    public List<ProductOpportunity> Opportunities { get; } = [];

    /// <summary>Takes one result; false for an object the report has no place for.</summary>
    public bool Add(object item)
    {
        switch (item)
        {
            case ChurnPrediction p: ChurnPredictions.Add(p); return true;
            case ClassifierEvaluation e: Evaluations.Add(e); return true;
            case ModelTrainingResult t: Evaluations.Add(t.Evaluation); return true;
            case ModelDriftReport d: Drift.Add(d); return true;
            case FeatureDrift f: DriftFeatures.Add(f); return true;
            case ProspectResult p: Prospects.Add(p); return true;
            case ClusterProfile c: Segments.Add(c); return true;
            case CrossSellRule r: Rules.Add(r); return true;
            case CrossSellRecommendation r: Offers.Add(r); return true;
            case ProductOpportunity o: Opportunities.Add(o); return true;
            default: return false;
        }
    }

    /// <summary>Whether nothing has been added.</summary>
    public bool IsEmpty => ChurnPredictions.Count + Evaluations.Count + Drift.Count + DriftFeatures.Count + Prospects.Count + Segments.Count + Rules.Count + Offers.Count + Opportunities.Count == 0;
}
