using System.Management.Automation;
using BankInsight.Common;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.Reporting;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Saves the report's charts one by one as SVG files, for slides and documents.</para>
/// <para type="description">Draws the same charts as Export-BankReport from the objects the jobs emit and writes each as name.svg into the folder given (e.g. churn-score-histogram.svg, drift-psi.svg), or only those whose names match -Name. SVG keeps text as text and scales without blurring; PowerPoint, Word and browsers open it. Emits each file written.</para>
/// </summary>
[Cmdlet(VerbsData.Save, "BankChart", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class SaveBankChartCommand : ReportCmdlet
{
    /// <summary>The folder to write the .svg files into (it must exist).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Only the charts whose names match (wildcards), e.g. churn-*.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = ["*"];

    /// <inheritdoc />
    protected override void EndProcessing() => Guarded(() => End(CommandHost));

    internal void End(ICommandHost host)
    {
        string folder = host.ResolveOutputPath(Path);
        if (!Directory.Exists(folder))
            throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.InvalidArgument,
                $"'{folder}' is not a folder. Save-BankChart writes one .svg file per chart into a folder; create it first (New-Item -ItemType Directory '{folder}').", folder);
        var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        var all = Build().Charts.ToList();
        var charts = all.Where(c => patterns.Any(p => p.IsMatch(c.Name))).ToList();
        if (charts.Count == 0)
            host.WriteWarning($"No chart matches -Name {string.Join(", ", Name)}; the report has: {string.Join(", ", all.Select(c => c.Name))}.");
        foreach (var chart in charts)
        {
            if (OutputFiles.Prepare(host, System.IO.Path.Combine(folder, chart.Name + ".svg"), NoClobberFlag, ForceFlag, "Save chart") is not { } target) continue;
            WriteText(target, chart.Svg);
            host.WriteObject(host.GetFile(target.Path));
        }
    }
}
