using System.Management.Automation;
using BankInsight.Clustering;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Retail;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Segments retail customers with k-means and returns the segmentation model.</para>
/// <para type="description">Clusters customers on the Retail schema's 28 segmentation columns, each scaled so that none dominates by its units. Segments are numbered by size. Without -ClusterCount the number of segments is chosen by the silhouette on a sample.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "CustomerClusterModel", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
[OutputType(typeof(SegmentationResult))]
public sealed class NewCustomerClusterModelCommand : TrainingCmdlet
{
    /// <inheritdoc />
    internal override string SaveAction => "Write segmentation model";

    /// <summary>Number of segments (default: chosen by silhouette between MinClusterCount and MaxClusterCount).</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int? ClusterCount { get; set; }

    /// <summary>Smallest number of segments tried automatically.</summary>
    [Parameter]
    [ValidateRange(2, 100)]
    public int MinClusterCount { get; set; } = 2;

    /// <summary>Largest number of segments tried automatically.</summary>
    [Parameter]
    [ValidateRange(2, 100)]
    public int MaxClusterCount { get; set; } = 10;

    /// <summary>k-means++ initialisations; the best is kept.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int InitCount { get; set; } = 10;

    /// <summary>Lloyd iterations per initialisation.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int MaxIterations { get; set; } = 300;

    /// <summary>Seed of the initialisations.</summary>
    [Parameter]
    public int Seed { get; set; } = 42;

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.Retail;

    internal SegmentationRequest BuildRequest(CustomerDataSet data, Common.OutputFile? outFile) => new(data)
    {
        ClusterCount = ClusterCount,
        MinClusterCount = MinClusterCount,
        MaxClusterCount = MaxClusterCount,
        KMeans = new KMeansOptions { InitCount = InitCount, MaxIterations = MaxIterations, Seed = Seed },
        OutFile = outFile,
    };

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        var target = ModelFile(data);
        host.WriteObject(SegmentationJob.Train(BuildRequest(data, target), new HostSink(host), host.Cancellation));
    }
}
