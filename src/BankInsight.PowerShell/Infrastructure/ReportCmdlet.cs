using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Reporting;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of the cmdlets that draw a month's results (Export-BankReport, Save-BankChart): they take
/// whatever the jobs emitted, in any order and mixed, and draw once the pipeline has brought it all.
/// An object the report has no place for is a non-terminating error, as Export-Csv would never be
/// asked to skip one silently.
/// </summary>
public abstract class ReportCmdlet : WriterCmdlet
{
    private readonly ReportContents _contents = new();

    /// <summary>Results of the month's jobs: churn predictions and evaluations, drift checks, prospects, segment profiles, rules, offers, opportunities.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The report's title (default "BankInsight 月度报告 Monthly report").</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "BankInsight 月度报告 Monthly report";

    /// <summary>Writes <paramref name="text"/> to <paramref name="target"/> as UTF-8, replacing the file only once it is complete.</summary>
    internal static void WriteText(OutputFile target, string text)
    {
        using var writer = new AtomicFileWriter(target);
        writer.Stream.Write(new System.Text.UTF8Encoding(false).GetBytes(text));
        writer.Commit();
    }

    /// <summary>What has been collected so far.</summary>
    internal ReportContents Contents => _contents;

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Add(CommandHost, InputObject));

    internal void Add(ICommandHost host, PSObject? item)
    {
        if (item is null) return;
        object value = ProfileRecords.Find(item) ?? (object)(ProfileRecords.Find(item.BaseObject) ?? item.BaseObject);
        if (_contents.Add(value)) return;
        host.WriteError(ErrorMapping.FromException(new BankInsightException(ErrorIds.ResultValueInvalid, ErrorKind.InvalidData,
            $"A {Describe(item)} has no place in the report: give it the objects the jobs emit (Invoke-ChurnPrediction, Test-ChurnModel, New-ChurnModel, Test-ChurnModelDrift, Find-Prospect, Get-CustomerCluster -Profile, Get-CrossSellRule, Get-CrossSellRecommendation, Find-ProductOpportunity).", item)));
    }

    /// <summary>The report of everything collected; refuses an empty one.</summary>
    internal MonthReport Build()
    {
        if (_contents.IsEmpty)
            throw new BankInsightException(ErrorIds.ResultEmpty, ErrorKind.InvalidData,
                "No results reached the command, so there is nothing to draw and nothing was written. Pipe the jobs' results to it.", null);
        return ReportBuilder.Build(_contents, Title);
    }

    private static string Describe(PSObject item) => item.TypeNames.Count > 0 ? item.TypeNames[0] : item.BaseObject.GetType().Name;
}
