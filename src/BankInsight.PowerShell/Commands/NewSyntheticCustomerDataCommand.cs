using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Synthetic;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Makes synthetic customer data with planted, learnable signal.</para>
/// <para type="description">Deterministic by seed. With -Path writes a .del file (atomically, replacing an existing file unless -NoClobber); without it returns the data set.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "SyntheticCustomerData", DefaultParameterSetName = DataSetSet, SupportsShouldProcess = true)]
[OutputType(typeof(CustomerDataSet), ParameterSetName = [DataSetSet])]
[OutputType(typeof(FileInfo), ParameterSetName = [FileSet])]
public sealed class NewSyntheticCustomerDataCommand : BankInsightCmdlet
{
    private const string DataSetSet = "DataSet";
    private const string FileSet = "File";

    /// <summary>Built-in schema: CorporateChurn, CorporateProspect, ProspectRelation or Retail.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    public string Schema { get; set; } = "";

    /// <summary>Number of customers (for ProspectRelation: companies whose related parties are listed).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Rows", "Customers")]
    [ValidateRange(0, int.MaxValue)]
    public int Count { get; set; }

    /// <summary>Random seed; the same seed and count give byte-identical files.</summary>
    [Parameter]
    public int Seed { get; set; } = SyntheticDataRequest.DefaultSeed;

    /// <summary>File to write. Without it the data set is returned.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FileSet)]
    public string Path { get; set; } = "";

    /// <summary>utf8 (default), utf8BOM or gb18030 (as the bank's Chinese core systems write), or an Encoding object.</summary>
    [Parameter(ParameterSetName = FileSet)]
    [EncodingTransformation(forReading: true)] // only what BankInsight itself reads back: UTF-8 (with or without BOM) and GB18030
    [ArgumentCompleter(typeof(WriteEncodingCompleter))]
    public System.Text.Encoding? Encoding { get; set; }

    /// <summary>Last day of the month the data describes (default 2026-10-31).</summary>
    [Parameter]
    public DateTime? AsOf { get; set; }

    /// <summary>Do not replace an existing file.</summary>
    [Parameter(ParameterSetName = FileSet)]
    public SwitchParameter NoClobber { get => NoClobberFlag; set => NoClobberFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool NoClobberFlag { get; set; }

    /// <summary>Replace the file even if it is read-only (it stays read-only).</summary>
    [Parameter(ParameterSetName = FileSet)]
    public SwitchParameter Force { get => ForceFlag; set => ForceFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool ForceFlag { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing() => Guarded(() => Process(CommandHost));

    internal SyntheticDataRequest BuildRequest() => new(Schema, Count)
    {
        Seed = Seed,
        Encoding = Encoding ?? TextEncodings.Utf8,
        AsOf = AsOf is { } date ? DateOnly.FromDateTime(date) : SyntheticDataRequest.DefaultAsOf,
    };

    internal void Process(ICommandHost host)
    {
        var request = BuildRequest();
        request.Validate();
        var sink = new HostSink(host);
        if (string.IsNullOrEmpty(Path))
        {
            host.WriteObject(SyntheticDataGenerator.GenerateDataSet(request, sink, host.Cancellation));
            return;
        }
        if (OutputFiles.Prepare(host, Path, NoClobberFlag, ForceFlag, $"Write {request.Customers:N0} synthetic {request.Schema} customers") is not { } target)
            return;
        SyntheticDataGenerator.GenerateFile(request, target, sink, host.Cancellation);
        host.WriteObject(host.GetFile(target.Path));
    }
}
