using BankInsight.Results;

namespace BankInsight.Monitoring;

/// <summary>
/// The population stability index (PSI), as banks compute it for scorecards:
/// PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ) over the bins of a variable, with e the expected shares (the
/// training month) and a the actual shares (the new month). It is a symmetric Kullback–Leibler
/// divergence: 0 for identical shares, growing with every share that moves, whichever way.
/// </summary>
/// <remarks>
/// An empty bin would make a term infinite, so each share is raised to <see cref="Floor"/>
/// (10⁻⁴, one customer in 10,000) before the sum; shares are not renormalised afterwards, as is
/// usual. With the floor, one bin that held 0.01% of training and now holds all customers adds
/// about 9.2, so the index of a column emptied this month is large but finite. O(bins); exact and
/// deterministic (terms summed in bin order).
/// </remarks>
public static class PopulationStability
{
    /// <summary>Smallest share a bin counts with: 10⁻⁴.</summary>
    public const double Floor = 1e-4;

    /// <summary>PSI from which a shift is moderate: 0.1.</summary>
    public const double ModerateFrom = 0.1;

    /// <summary>PSI from which a shift is major: 0.25.</summary>
    public const double MajorFrom = 0.25;

    /// <summary>The index of <paramref name="actual"/> shares against <paramref name="expected"/> ones (same bins, same order).</summary>
    public static double Index(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length)
            throw new ArgumentException($"{expected.Length} expected shares but {actual.Length} actual ones: the bins must be the same.", nameof(actual));
        double psi = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = Math.Max(expected[i], Floor), a = Math.Max(actual[i], Floor);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    /// <summary>None below 0.1, Moderate from 0.1, Major from 0.25 (NaN counts as Major: something is badly wrong).</summary>
    public static DriftShift Classify(double psi) => psi switch
    {
        < ModerateFrom => DriftShift.None,
        < MajorFrom => DriftShift.Moderate,
        _ => DriftShift.Major,
    };

    /// <summary>Counts per bin as shares of <paramref name="total"/> (all zeros when there are no rows).</summary>
    public static double[] Shares(ReadOnlySpan<int> counts, int total)
    {
        var shares = new double[counts.Length];
        if (total == 0) return shares;
        for (int i = 0; i < counts.Length; i++) shares[i] = (double)counts[i] / total;
        return shares;
    }
}
