using System.Text.Json.Serialization;
using BankInsight.Jobs.Retail;

namespace BankInsight.Results;

/// <summary>
/// What New-CustomerClusterModel returns: the segmentation model (pipe it into
/// Get-CustomerCluster's -Model), where it was saved, how k was chosen, and how well the
/// segments separate.
/// </summary>
public sealed class SegmentationResult
{
    /// <summary>Number of segments.</summary>
    public int ClusterCount { get; init; }

    /// <summary>"Given" when the user set k; "Silhouette" when it was chosen automatically.</summary>
    public required string ClusterCountChoice { get; init; }

    /// <summary>Customers trained on.</summary>
    public int Customers { get; init; }

    /// <summary>Columns segmented on.</summary>
    public int Features { get; init; }

    /// <summary>Customers per segment, "1: 2,300; 2: 1,850; …".</summary>
    public required string Sizes { get; init; }

    /// <summary>Mean silhouette on a sample (−1 … 1; higher is better separated).</summary>
    public double Silhouette { get; init; }

    /// <summary>Sum of squared distances to the centres, in standardized units.</summary>
    public double Inertia { get; init; }

    /// <summary>Lloyd iterations of the best initialisation.</summary>
    public int Iterations { get; init; }

    /// <summary>Silhouette of every candidate k when k was chosen automatically, "2: 0.21; 3: 0.25; …".</summary>
    public string? Search { get; init; }

    /// <summary>The model file written, or null.</summary>
    public string? Path { get; init; }

    /// <summary>The model itself.</summary>
    [JsonIgnore]
    public SegmentationModel Model { get; init; } = null!;
}
