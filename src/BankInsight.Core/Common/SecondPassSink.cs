namespace BankInsight.Common;

/// <summary>
/// What a later pass over a file already read may say: progress only (the first pass said the rest,
/// rejections included); the first row error is kept, since a row the first pass loaded and this pass
/// rejects means the file changed in between.
/// </summary>
internal sealed class SecondPassSink(IOperationSink inner) : IOperationSink
{
    public BankInsightError? FirstError { get; private set; }

    public void Progress(OperationProgress progress) => inner.Progress(progress);

    public void Warning(string message) { }

    public void Verbose(string message) { }

    public void Error(BankInsightError error) => FirstError ??= error;
}
