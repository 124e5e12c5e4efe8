using System.Management.Automation;
using BankInsight.Common;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.ResultFiles;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes pipeline objects as the bank's .txt result file.</para>
/// <para type="description">One line per object: text quoted, numbers bare, nulls empty, UTF-8. The file replaces the old one only when every object was written; otherwise the old file stays.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "BankResult", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportBankResultCommand : BankInsightCmdlet
{
    private BankResultWriter? _writer;
    private int _failed;

    /// <summary>Objects to write: job results (which know their line), or any object with -Property.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The result file to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Properties to write, in order (e.g. CustomerId, Probability). Job results need none.</summary>
    [Parameter(Position = 1)]
    public string[]? Property { get; set; }

    /// <summary>Start the file with a UTF-8 byte order mark (the bank's format has none).</summary>
    [Parameter]
    public SwitchParameter ByteOrderMark { get => ByteOrderMarkFlag; set => ByteOrderMarkFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool ByteOrderMarkFlag { get; set; }

    /// <summary>Emit the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get => PassThruFlag; set => PassThruFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool PassThruFlag { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing() => Guarded(() => Begin(CommandHost));

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Add(CommandHost, InputObject?.BaseObject, PropertyReader(InputObject)));

    /// <inheritdoc />
    protected override void EndProcessing() => Guarded(() => End(CommandHost));

    internal void Begin(ICommandHost host)
    {
        string target = host.ResolveOutputPath(Path);
        if (host.ShouldProcess(target, "Write bank result file"))
            _writer = new BankResultWriter(target, ByteOrderMarkFlag);
    }

    internal void Add(ICommandHost host, object? value, Func<string, (bool Found, object? Value)> getProperty)
    {
        if (_writer is null) return; // -WhatIf: consume the input, write nothing
        try
        {
            _writer.WriteLine(ResultLines.FromObject(value, Property, getProperty));
        }
        catch (BankInsightException e)
        {
            _failed++;
            host.WriteError(ErrorMapping.FromException(e));
        }
    }

    internal void End(ICommandHost host)
    {
        if (_writer is null) return;
        using var writer = _writer;
        _writer = null;
        if (_failed > 0)
            host.ThrowTerminatingError(new ErrorSpec(ErrorIds.ResultValueInvalid, ErrorCategory.InvalidData,
                $"{_failed} object(s) could not be written, so '{writer.Path}' was not replaced.", writer.Path));
        writer.Commit();
        host.WriteVerbose($"Wrote {writer.LinesWritten:N0} lines to {writer.Path}.");
        if (PassThruFlag) host.WriteObject(new FileInfo(writer.Path));
    }

    /// <inheritdoc />
    protected override void StopProcessing()
    {
        base.StopProcessing();
        _writer?.Dispose(); // Ctrl+C: drop the temporary file, keep the old result
    }

    private static Func<string, (bool, object?)> PropertyReader(PSObject? value) => name =>
    {
        var property = value?.Properties[name];
        if (property is null) return (false, null);
        object? raw = property.Value;
        return (true, raw is PSObject wrapped ? wrapped.BaseObject : raw);
    };
}
