using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of the cmdlets that train a model (New-ChurnModel, New-ProspectModel,
/// New-CustomerClusterModel): -OutFile with the writers' rule (-NoClobber, -Force, -WhatIf),
/// checked before any training, so a missing folder or a file that may not be replaced is
/// reported at once rather than after the work.
/// </summary>
public abstract class TrainingCmdlet : DataJobCmdlet
{
    private OutputFile? _target;
    private string? _trainedOn;

    /// <summary>Where to save the model (the folder must exist).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>Do not replace an existing model file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get => NoClobberFlag; set => NoClobberFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool NoClobberFlag { get; set; }

    /// <summary>Replace the model file even if it is read-only (it stays read-only).</summary>
    [Parameter]
    public SwitchParameter Force { get => ForceFlag; set => ForceFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool ForceFlag { get; set; }

    /// <summary>What ShouldProcess calls the save ("Write churn model").</summary>
    internal abstract string SaveAction { get; }

    /// <inheritdoc />
    internal override void Begin(ICommandHost host)
    {
        base.Begin(host);
        if (OutFile is not null) _target = OutputFiles.Prepare(host, OutFile, NoClobberFlag, ForceFlag, SaveAction);
    }

    /// <summary>
    /// The file the model trained on <paramref name="data"/> is saved to, or null (no -OutFile, or
    /// -WhatIf). One -OutFile holds one model: a second data set would silently replace the first
    /// model, so it is refused.
    /// </summary>
    internal OutputFile? ModelFile(CustomerDataSet data)
    {
        if (OutFile is not null && _trainedOn is not null)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"-OutFile holds one model, already trained on {_trainedOn}; {data.Source} would replace it. Train one data set per command, or leave out -OutFile.", data.Source);
        _trainedOn = data.Source;
        if (File.Exists(data.Source)) RequireNotTheModelFile("the data file", data.Source); // a data set piped in, read elsewhere
        return _target;
    }

    /// <inheritdoc />
    internal override void BeforeReading(string file) => RequireNotTheModelFile("the data file", file);

    /// <summary>Refuses an input that is the -OutFile (after links and '..'): saving would destroy it.</summary>
    internal void RequireNotTheModelFile(string what, string path)
    {
        if (_target is { } target)
            FileIdentity.RequireDistinct([(what, path, false), ("-OutFile", target.Path, true)]);
    }
}
