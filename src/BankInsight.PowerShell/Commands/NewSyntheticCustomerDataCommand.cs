using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Synthetic;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Makes synthetic customer data with planted, learnable signal.</para>
/// <para type="description">Deterministic by seed. With -Path writes a .del file (atomically); without it returns the data set.</para>
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

    /// <summary>utf-8 (default) or gb18030.</summary>
    [Parameter(ParameterSetName = FileSet)]
    [ArgumentCompleter(typeof(EncodingCompleter))]
    public string Encoding { get; set; } = "utf-8";

    /// <summary>Last day of the month the data describes (default 2026-10-31).</summary>
    [Parameter]
    public DateTime? AsOf { get; set; }

    /// <summary>Replace an existing file.</summary>
    [Parameter(ParameterSetName = FileSet)]
    public SwitchParameter Force { get => ForceFlag; set => ForceFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool ForceFlag { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing() => Guarded(() => Process(CommandHost));

    internal SyntheticDataRequest BuildRequest() => new(Schema, Count)
    {
        Seed = Seed,
        Encoding = TextEncodings.Resolve(Encoding) ?? TextEncodings.Utf8,
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
        string target = host.ResolveOutputPath(Path);
        if (File.Exists(target) && !ForceFlag)
            host.ThrowTerminatingError(new ErrorSpec(ErrorIds.OutputWriteFailed, ErrorCategory.ResourceExists,
                $"'{target}' already exists; use -Force to replace it.", target));
        if (!host.ShouldProcess(target, $"Write {request.Customers:N0} synthetic {request.Schema} customers"))
            return;
        SyntheticDataGenerator.GenerateFile(request, target, sink, host.Cancellation);
        host.WriteObject(new FileInfo(target));
    }
}
