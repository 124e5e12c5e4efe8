using BankInsight.Data.Reading;
using BankInsight.Jobs.Retail;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// A file a job streams rather than loads (see <see cref="DataJobCmdlet.StreamsFiles"/>): where it is, how
/// to read it, and the check the first pass must pass before the job emits anything (the rejected share).
/// Compared by reference: each file named is one run.
/// </summary>
internal sealed class StreamedFile(string path, DataLoadOptions options, Action<LoadSummary> check)
{
    public string Path { get; } = path;

    public DataLoadOptions Options { get; } = options;

    public Action<LoadSummary> Check { get; } = check;

    /// <summary>The file as the retail jobs read it (with customer names: the objects carry them).</summary>
    public RetailFile Retail() => new(Path, Options) { WithNames = true, Checked = Check };
}
