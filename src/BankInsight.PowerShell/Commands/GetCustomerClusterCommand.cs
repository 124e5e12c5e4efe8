using System.Management.Automation;
using BankInsight.Data;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Retail;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Results;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Assigns retail customers to segments, or describes the segments.</para>
/// <para type="description">Emits each customer's segment and distance to the segment's centre, in file order. With -Profile, emits one row per segment instead: size, share holding each product, and the mean (or most common value) of each segmentation column, with the measures that set the segment apart.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "CustomerCluster", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ClusterAssignment), typeof(ClusterProfile))]
public sealed class GetCustomerClusterCommand : BankInsightCmdlet
{
    private const string PathSet = "Path";
    private const string InputObjectSet = "InputObject";

    /// <summary>The retail file(s); wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Data sets from Import-CustomerData.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public CustomerDataSet[]? InputObject { get; set; }

    /// <summary>The segmentation model: a file, a model, or New-CustomerClusterModel's output (default: the shipped retail_customer).</summary>
    [Parameter(Position = 1)]
    public object? Model { get; set; }

    /// <summary>Emit one profile row per segment instead of one row per customer.</summary>
    [Parameter]
    public SwitchParameter Profile { get => ProfileFlag; set => ProfileFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool ProfileFlag { get; set; }

    /// <summary>A schema name or JSON file for -Path (default Retail).</summary>
    [Parameter(ParameterSetName = PathSet)]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    public string? Schema { get; set; }

    private SegmentationModel? _model;

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Process(CommandHost));

    internal void Process(ICommandHost host)
    {
        _model ??= JobInputs.Segmentation(host, Model);
        var sink = new HostSink(host);
        foreach (var data in JobInputs.Data(host, InputObject, Path, BuiltInSchemas.Retail, Schema))
        {
            if (!ProfileFlag)
            {
                foreach (var assignment in SegmentationJob.Assign(data, _model, sink, host.Cancellation))
                    host.WriteObject(assignment);
                continue;
            }
            var (clusters, _) = _model.Assign(data, sink, 0, host.Cancellation);
            // One wide row per segment (a column per product and per segmentation column) so that
            // Export-Csv / Export-Excel give a sheet an analyst can read; typed so the view applies.
            foreach (var profile in SegmentationJob.Profiles(data, clusters, _model.ClusterCount, sink))
                host.WriteObject(host.CreateRecord(profile.Columns, typeof(ClusterProfile).FullName));
        }
    }
}
