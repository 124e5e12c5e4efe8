using System.Collections;
using System.Management.Automation;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Keeps -Path for paths. A data set given by position (<c>Invoke-ChurnPrediction $data</c>) would
/// otherwise become its text ("Retail: 1,500 rows …") and be looked up as a file; this says where a
/// data set goes instead. Strings and files pass through (a file as its full path).
/// </summary>
public sealed class FilePathsOnlyAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is IEnumerable items and not string)
            return items.Cast<object?>().Select(Path).ToArray();
        return Path(value);
    }

    private static string? Path(object? item) => (item is PSObject wrapped ? wrapped.BaseObject : item) switch
    {
        null => null,
        string text => text,
        FileSystemInfo file => file.FullName,
        PathInfo resolved => resolved.ProviderPath,
        var other => throw new ArgumentTransformationMetadataException(
            $"-Path takes file paths, not a {other.GetType().Name}. Pipe a data set or rows to the command ($data | <command>), or give them with -InputObject."),
    };
}
