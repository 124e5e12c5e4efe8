using System.Management.Automation;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of the cmdlets that write files from the pipeline (Export-BankResult, Export-BankReport,
/// Save-BankChart): the file rule's two switches, declared once, as Out-File and Export-Csv name them.
/// </summary>
public abstract class WriterCmdlet : BankInsightCmdlet
{
    /// <summary>Do not replace an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get => NoClobberFlag; set => NoClobberFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool NoClobberFlag { get; set; }

    /// <summary>Replace the file even if it is read-only (it stays read-only).</summary>
    [Parameter]
    public SwitchParameter Force { get => ForceFlag; set => ForceFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool ForceFlag { get; set; }
}
