using BankInsight.Features;

namespace BankInsight.Learners.Trees;

/// <summary>The best split found for a leaf.</summary>
internal sealed class SplitCandidate
{
    public double Gain = double.NegativeInfinity;
    public int Feature = -1;
    /// <summary>Numeric: the last bin that goes left (value bins 1..Bin).</summary>
    public int Bin;
    /// <summary>Categorical: which bins go left.</summary>
    public bool[]? LeftBins;
    /// <summary>Where missing values (bin 0) go.</summary>
    public bool DefaultLeft;
    public double LeftGradient, LeftHessian, RightGradient, RightHessian;
    public int LeftCount, RightCount;

    public bool IsValid => Feature >= 0 && Gain > 0;
}

/// <summary>
/// Finds a leaf's best split from its histogram with the second-order gain
/// G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), respecting min-samples and min-child-weight.
/// Missing values are tried on both sides and the better side becomes the split's default
/// direction (XGBoost's sparsity-aware split); with no missing values in the leaf they default
/// to the larger child. Categorical features: categories are ordered by G/(H + smoothing)
/// and every prefix of that order is tried as the left set (Fisher's trick as LightGBM uses it).
/// Ties keep the first candidate found (lowest feature, lowest bin), so results are deterministic.
/// </summary>
internal sealed class SplitFinder(GbdtOptions options)
{
    private readonly double _lambda = options.L2;
    private readonly int _minCount = options.MinSamplesLeaf;
    private readonly double _minHessian = options.MinChildWeight;
    private readonly double _smoothing = options.CategorySmoothing;

    public void FindBest(Histogram histogram, BinnedFeatures data, int[] features, double g, double h, int n, SplitCandidate best)
    {
        best.Gain = double.NegativeInfinity;
        best.Feature = -1;
        double parentScore = g * g / (h + _lambda);
        foreach (int f in features)
        {
            if (data.Mappers[f].Kind == FeatureKind.Numeric) Numeric(histogram, data, f, g, h, n, parentScore, best);
            else Categorical(histogram, data, f, g, h, n, parentScore, best);
        }
        if (best.Gain <= options.MinSplitGain) best.Feature = -1;
    }

    private void Numeric(Histogram hist, BinnedFeatures data, int f, double g, double h, int n, double parentScore, SplitCandidate best)
    {
        int offset = data.Offsets[f];
        int bins = data.Offsets[f + 1] - offset;
        // Value bins in order; the last one can never go left (nothing would be right of it).
        Span<int> order = stackalloc int[Math.Max(0, bins - 2)];
        for (int i = 0; i < order.Length; i++) order[i] = i + 1;
        Scan(hist, offset, bins, order, categorical: false, f, g, h, n, parentScore, best);
    }

    private void Categorical(Histogram hist, BinnedFeatures data, int f, double g, double h, int n, double parentScore, SplitCandidate best)
    {
        int offset = data.Offsets[f];
        int bins = data.Offsets[f + 1] - offset;
        Span<int> present = stackalloc int[bins];
        int k = 0;
        for (int b = 1; b < bins; b++) if (hist.Counts[offset + b] > 0) present[k++] = b;
        if (k < 2 && hist.Counts[offset] == 0) return;
        var order = present[..k].ToArray();
        var ratio = new double[bins];
        foreach (int b in order) ratio[b] = hist.Gradients[offset + b] / (hist.Hessians[offset + b] + _smoothing);
        Array.Sort(order, (a, c) => ratio[a] != ratio[c] ? ratio[a].CompareTo(ratio[c]) : a.CompareTo(c));
        Scan(hist, offset, bins, order, categorical: true, f, g, h, n, parentScore, best);
    }

    /// <summary>
    /// Tries every prefix of <paramref name="order"/> as the left child — with missing values right,
    /// then (when there are any) left — and keeps the best in <paramref name="best"/>. Numeric
    /// features pass their bins in value order, categorical ones sorted by gradient ratio.
    /// </summary>
    private void Scan(Histogram hist, int offset, int bins, ReadOnlySpan<int> order, bool categorical,
        int f, double g, double h, int n, double parentScore, SplitCandidate best)
    {
        double gm = hist.Gradients[offset], hm = hist.Hessians[offset];
        int nm = hist.Counts[offset];
        for (int pass = 0; pass < (nm > 0 ? 2 : 1); pass++)
        {
            bool missingLeft = pass == 1;
            double gl = missingLeft ? gm : 0, hl = missingLeft ? hm : 0;
            int nl = missingLeft ? nm : 0;
            for (int i = 0; i < order.Length; i++)
            {
                int b = order[i];
                gl += hist.Gradients[offset + b];
                hl += hist.Hessians[offset + b];
                nl += hist.Counts[offset + b];
                int nr = n - nl;
                if (nl < _minCount) continue;
                if (nr < _minCount) break;
                double hr = h - hl;
                if (hl < _minHessian || hr < _minHessian) continue;
                double gr = g - gl;
                double gain = gl * gl / (hl + _lambda) + gr * gr / (hr + _lambda) - parentScore;
                if (gain > best.Gain)
                {
                    best.Gain = gain;
                    best.Feature = f;
                    if (categorical)
                    {
                        best.Bin = -1;
                        var left = new bool[bins];
                        for (int j = 0; j <= i; j++) left[order[j]] = true;
                        best.LeftBins = left;
                    }
                    else
                    {
                        best.Bin = b;
                        best.LeftBins = null;
                    }
                    best.DefaultLeft = nm > 0 ? missingLeft : nl >= nr;
                    best.LeftGradient = gl; best.LeftHessian = hl; best.LeftCount = nl;
                    best.RightGradient = gr; best.RightHessian = hr; best.RightCount = nr;
                }
            }
        }
    }
}
