using System.Globalization;
using BankInsight.Common;
using BankInsight.Data;

namespace BankInsight.Jobs;

/// <summary>
/// Whether a loaded file may carry a result. A job builds nothing on a file with no usable row,
/// or with more than a share of its rows rejected (half by default): such a file is a wrong or
/// broken export, and its result — a list of nearly nobody — would replace last month's.
/// </summary>
public static class InputCheck
{
    /// <summary>The share of rejected rows a job accepts unless told otherwise.</summary>
    public const double DefaultMaxRejectedShare = 0.5;

    /// <summary>Throws (NoRows, TooManyRowsRejected) when <paramref name="data"/> may not carry a result.</summary>
    /// <param name="data">The loaded file.</param>
    /// <param name="maxRejectedShare">Largest share of rejected rows accepted, in [0, 1].</param>
    /// <param name="raiseLimit">How the host calls the setting, for the message ("-MaxRejectedShare").</param>
    public static void Usable(CustomerDataSet data, double maxRejectedShare, string raiseLimit) => Usable(data.Summary, maxRejectedShare, raiseLimit);

    /// <summary>The same check on what a pass over a file found (a job that reads its file in chunks).</summary>
    public static void Usable(Data.Reading.LoadSummary summary, double maxRejectedShare, string raiseLimit)
    {
        if (!(maxRejectedShare is >= 0 and <= 1))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"{raiseLimit} must be a share between 0 and 1 (got {maxRejectedShare.ToString(CultureInfo.InvariantCulture)}).", maxRejectedShare);
        const string unchanged = "nothing was produced, and earlier results stay as they were";
        if (summary.RowsLoaded == 0)
            throw new BankInsightException(ErrorIds.NoRows, ErrorKind.InvalidData, summary.RecordsRead == 0
                ? $"{summary.Source} has no data rows{(summary.BlankLines > 0 ? $" ({summary.BlankLines:N0} blank lines)" : "")}: {unchanged}."
                : $"No row of {summary.Source} could be used: all {summary.RecordsRead:N0} were rejected; {unchanged}.", summary.Source);
        double share = summary.RecordsRead == 0 ? 0 : (double)summary.RowsRejected / summary.RecordsRead;
        if (share > maxRejectedShare)
            throw new BankInsightException(ErrorIds.TooManyRowsRejected, ErrorKind.InvalidData, string.Create(CultureInfo.InvariantCulture,
                $"{summary.RowsRejected:N0} of {summary.RecordsRead:N0} rows of {summary.Source} were rejected ({share * 100:0.#}%), more than the {maxRejectedShare * 100:0.#}% a job accepts: {unchanged}. Is it the right file? (Fix the export, or raise {raiseLimit}.)"),
                summary.Source);
    }
}
