using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Synthetic;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Makes synthetic customer data with planted, learnable signal.</para>
/// <para type="description">Deterministic by seed. With -Path writes a .del file (atomically, replacing an existing file unless -NoClobber); with -Months, one CorporateChurn file a month of the same companies (and with -Oracle, each month's true next-month churn probabilities); without -Path returns the data set.</para>
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

    /// <summary>
    /// CorporateChurn only: write this many monthly files of the same companies, the last one the
    /// month of -AsOf, named after -Path (churn.del: churn-2026-08.del, churn-2026-09.del, …).
    /// </summary>
    [Parameter(ParameterSetName = FileSet)]
    [ValidateRange(1, SyntheticDataRequest.MaxMonths)]
    public int? Months { get; set; }

    /// <summary>With -Months: beside each month's file but the last, write its oracle (churn-2026-08.oracle.txt), each customer's true probability of having churned by the next month.</summary>
    [Parameter(ParameterSetName = FileSet)]
    public SwitchParameter Oracle { get => OracleFlag; set => OracleFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool OracleFlag { get; set; }

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
        Months = Months,
    };

    internal void Process(ICommandHost host)
    {
        var request = BuildRequest();
        if (OracleFlag && Months is null)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                "-Oracle needs -Months: the oracle is each customer's probability of churning by the next month of a sequence.", "Oracle");
        request.Validate();
        var sink = new HostSink(host);
        if (string.IsNullOrEmpty(Path))
        {
            host.WriteObject(SyntheticDataGenerator.GenerateDataSet(request, sink, host.Cancellation));
            return;
        }
        if (request.Months is not null)
        {
            WriteMonths(host, request, sink);
            return;
        }
        if (OutputFiles.Prepare(host, Path, NoClobberFlag, ForceFlag, $"Write {request.Customers:N0} synthetic {request.Schema} customers") is not { } target)
            return;
        SyntheticDataGenerator.GenerateFile(request, target, sink, host.Cancellation);
        host.WriteObject(host.GetFile(target.Path));
    }

    // Every file of the sequence is checked before any is confirmed or written: an existing file
    // under -NoClobber, or a read-only one without -Force, in the third month stops the command
    // with nothing written. Then each file is confirmed on its own (-WhatIf lists them all).
    private void WriteMonths(ICommandHost host, SyntheticDataRequest request, HostSink sink)
    {
        var plan = SyntheticMonthFile.Plan(request, host.ResolveOutputPath(Path), OracleFlag);
        foreach (var file in plan)
        {
            string target = OutputFiles.Prepare(host, file.Target.Path, NoClobberFlag, force: true, action: null)!.Value.Path;
            if (!ForceFlag && File.Exists(target) && File.GetAttributes(target).HasFlag(FileAttributes.ReadOnly))
                throw new BankInsightException(ErrorIds.OutputExists, ErrorKind.ResourceExists, $"'{target}' is read-only; use -Force to replace it.", target);
        }
        var chosen = plan
            .Where(f => host.ShouldProcess(f.Target.Path, f.Kind == SyntheticMonthFileKind.Data
                ? $"Write {f.Month:yyyy-MM} of {request.Months} synthetic months of {request.Customers:N0} {request.Schema} customers"
                : $"Write the churn oracle of {f.Month:yyyy-MM}"))
            .Select(f => f with { Target = new OutputFile(f.Target.Path, ReplaceReadOnly: ForceFlag) })
            .ToList();
        if (chosen.Count == 0) return;
        foreach (string path in SyntheticMonths.GenerateFiles(request, chosen, sink, host.Cancellation))
            host.WriteObject(host.GetFile(path));
    }
}
