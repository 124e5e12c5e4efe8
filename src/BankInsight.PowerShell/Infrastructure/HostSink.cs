using BankInsight.Common;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// The core's <see cref="IOperationSink"/> on top of a cmdlet host: row problems become
/// non-terminating errors, warnings and verbose text pass through, progress is throttled.
/// Must be used on the pipeline thread (the core calls sinks from its calling thread).
/// </summary>
internal sealed class HostSink(ICommandHost host, ProgressThrottle? throttle = null) : IOperationSink
{
    private readonly ProgressThrottle _throttle = throttle ?? new ProgressThrottle();
    private readonly Dictionary<string, int> _activityIds = new(StringComparer.Ordinal);

    public int ErrorCount { get; private set; }

    public void Progress(OperationProgress progress)
    {
        if (!_throttle.ShouldSend(progress.Activity, progress.Completed)) return;
        if (!_activityIds.TryGetValue(progress.Activity, out int id))
            _activityIds[progress.Activity] = id = _activityIds.Count + 1;
        host.WriteProgress(new ProgressSpec(id, progress.Activity, progress.Status, ProgressThrottle.Percent(progress.Fraction), progress.Completed));
    }

    public void Warning(string message) => host.WriteWarning(message);

    public void Verbose(string message) => host.WriteVerbose(message);

    public void Error(BankInsightError error)
    {
        ErrorCount++;
        host.WriteError(ErrorMapping.FromError(error));
    }
}
