using System.Management.Automation;
using BankInsight.PowerShell.Infrastructure;
using BankInsight.ResultFiles;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Keeps text from being read as a formula when objects go into a spreadsheet.</para>
/// <para type="description">For every object piped in, emits a copy in which every text that starts with =, +, -, @, a tab or a carriage return has a leading apostrophe — OWASP's advice against CSV (formula) injection; Excel and LibreOffice show it as plain text. Numbers, dates and every value that is not text are unchanged, and so are the property names and their order; the copy keeps the object's type name, so its view still applies. Put it before Export-Csv or Export-Excel when the data holds text people typed (names, addresses).</para>
/// </summary>
[Cmdlet(VerbsSecurity.Protect, "SpreadsheetText")]
[OutputType(typeof(PSObject))]
public sealed class ProtectSpreadsheetTextCommand : BankInsightCmdlet
{
    /// <summary>The objects to protect: job results, data rows, any object.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Process(CommandHost, InputObject));

    internal static void Process(ICommandHost host, object? value)
    {
        if (value is null) return;
        var protectedProperties = host.ReadProperties(value)
            .Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is string text ? SpreadsheetText.Neutralize(text) : p.Value))
            .ToList();
        string? typeName = value is PSObject wrapped ? wrapped.TypeNames.FirstOrDefault() : value.GetType().FullName;
        host.WriteObject(host.CreateRecord(protectedProperties, typeName));
    }
}
