using System.Management.Automation;
using System.Text;
using BankInsight.Common;
using BankInsight.Data.Reading;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Lets an -Encoding parameter take what Out-File's takes: a name (utf8, utf8NoBOM, utf8BOM,
/// gb18030, gbk, or Auto when reading) or an <see cref="Encoding"/> object. Unknown names fail at
/// binding, naming the choices.
/// </summary>
public sealed class EncodingTransformationAttribute : ArgumentTransformationAttribute
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
                Encoding encoding => encoding,
                int codePage => TextEncodings.Resolve(codePage.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => TextEncodings.Resolve(value.ToString()),
            };
        }
        catch (BankInsightException e)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }
}
