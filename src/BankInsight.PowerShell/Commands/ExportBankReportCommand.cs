using System.Management.Automation;
using BankInsight.Common;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Reporting;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes a month's results as one self-contained HTML page of charts and tables.</para>
/// <para type="description">Takes the objects the jobs emit, mixed and in any order, and writes one HTML file that needs nothing else to open (styles and SVG charts inline, no script, nothing fetched): churn score distribution with the threshold, gains, lift and ROC and the top features when an evaluation is given, the 50 warnings with the most assets at risk; PSI per feature from a drift check; prospects by step and relation family; segment sizes, profile heat map, holding rates, top rules by lift and the product × product lift matrix, offers by product; opportunities by product. Labels are Chinese and English; numbers are culture-invariant and the same results give the same bytes. The file is replaced only once complete.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "BankReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportBankReportCommand : ReportCmdlet
{
    private OutputFile? _target;

    /// <summary>The HTML file to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Emit the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get => PassThruFlag; set => PassThruFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool PassThruFlag { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing() => Guarded(() => _target = OutputFiles.Prepare(CommandHost, Path, NoClobberFlag, ForceFlag, "Write the monthly report"));

    /// <inheritdoc />
    protected override void EndProcessing() => Guarded(() => End(CommandHost));

    internal void End(ICommandHost host)
    {
        if (_target is not { } target) return; // -WhatIf
        string page = HtmlPage.Render(Build());
        WriteText(target, page);
        host.WriteVerbose($"Wrote the report ({page.Length:N0} characters) to {target.Path}.");
        if (PassThruFlag) host.WriteObject(host.GetFile(target.Path));
    }
}
