using System.Management.Automation;
using System.Text;
using BankInsight.Common;
using BankInsight.Data.Reading;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Lets an -Encoding parameter take a name or an <see cref="Encoding"/> object, as Out-File's
/// does, within what BankInsight handles. Reading: Auto, utf8 or gb18030 (gbk, gb2312, 936), or a
/// UTF-8 or GB18030/GBK Encoding object — taken strictly, so a byte the encoding does not allow
/// rejects its row instead of becoming '?'. Writing: utf8 (no BOM), utf8NoBOM, utf8BOM, gb18030,
/// or any Encoding object (a character it cannot represent is refused). Anything else fails at
/// binding, naming the choices.
/// </summary>
/// <param name="forReading">True for a parameter that reads files (Auto allowed, only the two encodings the bank's systems write).</param>
public sealed class EncodingTransformationAttribute(bool forReading) : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        try
        {
            return value switch
            {
                null => null,
                Encoding encoding when forReading => encoding.CodePage switch
                {
                    65001 => encoding.GetPreamble().Length > 0 ? TextEncodings.Utf8Bom : TextEncodings.Utf8,
                    54936 or 936 => TextEncodings.Gb18030,
                    _ => throw new ArgumentTransformationMetadataException(
                        $"BankInsight reads UTF-8 and GB18030 (GBK) files; {encoding.WebName} is neither. Use -Encoding utf8, gb18030 or Auto."),
                },
                Encoding encoding => encoding,
                _ => Named(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
            };
        }
        catch (BankInsightException e)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }

    private Encoding? Named(string? name)
    {
        var encoding = TextEncodings.Resolve(name);
        if (encoding is null && !forReading)
            throw new ArgumentTransformationMetadataException("Auto is for reading: name the encoding to write (utf8, utf8BOM or gb18030).");
        return encoding;
    }
}
