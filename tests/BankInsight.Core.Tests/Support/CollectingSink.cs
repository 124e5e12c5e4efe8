using BankInsight.Common;
using BankInsight.Data.Reading;

namespace BankInsight.Tests.Support;

/// <summary>An <see cref="IOperationSink"/> that records everything, for assertions.</summary>
public sealed class CollectingSink : IOperationSink
{
    public List<OperationProgress> ProgressReports { get; } = [];
    public List<string> Warnings { get; } = [];
    public List<string> VerboseMessages { get; } = [];
    public List<BankInsightError> Errors { get; } = [];

    public IEnumerable<RowRejection> Rejections => Errors.Select(e => e.Target).OfType<RowRejection>();

    public void Progress(OperationProgress progress) => ProgressReports.Add(progress);
    public void Warning(string message) => Warnings.Add(message);
    public void Verbose(string message) => VerboseMessages.Add(message);
    public void Error(BankInsightError error) => Errors.Add(error);
}
