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
[Cmdlet(VerbsCommon.Get, "CustomerCluster", DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(ClusterAssignment), typeof(ClusterProfile))]
public sealed class GetCustomerClusterCommand : DataJobCmdlet, IUsesModel
{
    /// <summary>The segmentation model: a file, a model, or New-CustomerClusterModel's output (default: the shipped retail_customer). Binds the Model property of a piped training result.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public object? Model { get; set; }

    /// <summary>Emit one profile row per segment instead of one row per customer.</summary>
    [Parameter]
    public SwitchParameter Profile { get => ProfileFlag; set => ProfileFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool ProfileFlag { get; set; }

    private SegmentationModel? _model;

    /// <inheritdoc />
    internal override string DefaultSchema => BuiltInSchemas.Retail;

    /// <inheritdoc />
    internal override IReadOnlySet<string>? ColumnsRead(ICommandHost host, Data.Schemas.BankSchema schema)
    {
        _model ??= JobInputs.Segmentation(host, Model);
        // Assignments show the products held too, so both need the balances.
        return RetailColumns.WithName(schema, RetailColumns.ForProfiles(schema, _model));
    }

    /// <inheritdoc />
    internal override bool StreamsFiles => !ProfileFlag;

    /// <inheritdoc />
    internal override void RunFile(ICommandHost host, StreamedFile input)
    {
        _model ??= JobInputs.Segmentation(host, Model);
        foreach (var assignment in SegmentationJob.Assign(input.Retail(), _model, new HostSink(host), host.Cancellation))
            host.WriteObject(assignment);
    }

    /// <inheritdoc />
    internal override void Run(ICommandHost host, CustomerDataSet data)
    {
        _model ??= JobInputs.Segmentation(host, Model);
        var sink = new HostSink(host);
        if (!ProfileFlag)
        {
            foreach (var assignment in SegmentationJob.Assign(data, _model, sink, host.Cancellation))
                host.WriteObject(assignment);
            return;
        }
        // One wide row per segment (a column per product and per segmentation column) so that
        // Export-Csv / Export-Excel give a sheet an analyst can read; typed so the view applies.
        foreach (var profile in SegmentationJob.Profiles(data, _model, sink, host.Cancellation))
        {
            var record = host.CreateRecord(profile.Columns, typeof(ClusterProfile).FullName);
            ProfileRecords.Remember(record, profile); // for Export-BankReport's heat map
            host.WriteObject(record);
        }
    }
}
