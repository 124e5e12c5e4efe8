using System.Management.Automation;
using BankInsight.Common;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.ResultFiles;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes pipeline objects as the bank's .txt result file.</para>
/// <para type="description">Each object's line in the bank's layout — one per object, and for a cross-sell recommendation of several products one "客户编号","代码" line per product as the old delivery wrote them (-JoinProductCodes writes "客户编号","3,4" instead) — or the -Property values: text quoted, numbers bare, nulls empty, UTF-8 without BOM unless -Encoding says otherwise. The file replaces the old one only when every object was written; otherwise — a bad object, a failure upstream, Ctrl+C — the old file stays and no temporary file is left.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "BankResult", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportBankResultCommand : WriterCmdlet
{
    private BankResultWriter? _writer;
    private string? _layout;
    private int _failed;
    private string? _firstFailure;
    private string? _checkedSource;

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

    /// <summary>utf8 (default, no byte order mark), utf8BOM, gb18030, or an Encoding object.</summary>
    [Parameter]
    [EncodingTransformation(forReading: false)]
    [ArgumentCompleter(typeof(WriteEncodingCompleter))]
    public System.Text.Encoding? Encoding { get; set; }

    /// <summary>Give text that a spreadsheet would read as a formula (starting with = + - @) a leading apostrophe. Off by default: the bank's systems need ids exactly.</summary>
    [Parameter]
    public SwitchParameter SpreadsheetSafe { get => SpreadsheetSafeFlag; set => SpreadsheetSafeFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool SpreadsheetSafeFlag { get; set; }

    /// <summary>Let no objects replace a file that holds lines (refused by default: an empty list where last month's had names is more often a wrong filter than the truth).</summary>
    [Parameter]
    public SwitchParameter AllowEmpty { get => AllowEmptyFlag; set => AllowEmptyFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool AllowEmptyFlag { get; set; }

    /// <summary>Write a cross-sell recommendation of several products as one "客户编号","3,4" line rather than the old delivery's line per product.</summary>
    [Parameter]
    public SwitchParameter JoinProductCodes { get => JoinProductCodesFlag; set => JoinProductCodesFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool JoinProductCodesFlag { get; set; }

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
        if (OutputFiles.Prepare(host, Path, NoClobberFlag, ForceFlag, "Write bank result file") is not { } target)
            return; // -WhatIf: consume the input, write nothing
        OutputPaths.RequireNotAModel("-Path", target.Path);
        _writer = Own(new BankResultWriter(target, Encoding) { SpreadsheetSafe = SpreadsheetSafeFlag, AllowEmpty = AllowEmptyFlag });
    }

    internal void Add(ICommandHost host, object? value, Func<string, (bool Found, object? Value)> getProperty)
    {
        if (_writer is null) return;
        RequireNotTheSource(getProperty);
        try
        {
            var lines = ResultLines.AllFromObject(value, Property, getProperty, JoinProductCodesFlag);
            if (Property is not { Length: > 0 })
            {
                string layout = ResultLines.Layout(value);
                _layout ??= layout;
                if (layout != _layout)
                    throw new BankInsightException(ErrorIds.ResultValueInvalid, ErrorKind.InvalidData,
                        $"This file holds {_layout} lines; a {layout} does not belong in it. Write each kind of result to its own file.", value);
            }
            foreach (var line in lines) _writer.WriteLine(line);
        }
        catch (BankInsightException e) when (e.ErrorId != ErrorIds.OutputWriteFailed) // a full disk stops the command; a bad object does not
        {
            _failed++;
            _firstFailure ??= e.Message;
            host.WriteError(ErrorMapping.FromException(e));
        }
    }

    // Results name the file they came from (File). Writing them over that file would replace the
    // month's data with its own warning list: refused, as the runner refuses output = input.
    private void RequireNotTheSource(Func<string, (bool Found, object? Value)> getProperty)
    {
        if (getProperty("File") is not (true, string source) || source == _checkedSource) return;
        _checkedSource = source;
        if (File.Exists(source))
            FileIdentity.RequireDistinct([("The data file these results came from", source, false), ("-Path", _writer!.Path, true)]);
    }

    internal void End(ICommandHost host)
    {
        if (_writer is null) return;
        // The writer is owned: whatever happens here, disposal drops an uncommitted temporary file.
        if (_failed > 0)
            host.ThrowTerminatingError(new ErrorSpec(ErrorIds.ResultValueInvalid, ErrorCategory.InvalidData,
                $"{_failed} object(s) could not be written, so '{_writer.Path}' was not replaced. The first: {_firstFailure}", _writer.Path));
        _writer.Commit();
        host.WriteVerbose($"Wrote {_writer.LinesWritten:N0} lines to {_writer.Path}.");
        if (PassThruFlag) host.WriteObject(host.GetFile(_writer.Path));
    }

    private static Func<string, (bool, object?)> PropertyReader(PSObject? value) => name =>
    {
        var property = value?.Properties[name];
        if (property is null) return (false, null);
        object? raw = property.Value;
        return (true, raw is PSObject wrapped ? wrapped.BaseObject : raw);
    };
}
