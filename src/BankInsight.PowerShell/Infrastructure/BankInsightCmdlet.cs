using System.Management.Automation;
using BankInsight.Common;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of every BankInsight cmdlet: owns the cancellation token that Ctrl+C
/// (<see cref="StopProcessing"/>) cancels, supplies the host the adapters write through, and
/// maps exceptions: a <see cref="BankInsightException"/> becomes a terminating error with
/// its stable id; cancellation ends quietly.
/// </summary>
public abstract class BankInsightCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private ICommandHost? _host;

    /// <summary>The host the adapter writes through; tests set a fake one.</summary>
    internal ICommandHost CommandHost
    {
        get => _host ??= new CmdletHost(this, _stop.Token);
        set => _host = value;
    }

    /// <summary>Runs <paramref name="step"/> with the error contract.</summary>
    internal void Guarded(Action step)
    {
        try
        {
            step();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell is already stopping the pipeline.
        }
        catch (BankInsightException e)
        {
            CommandHost.ThrowTerminatingError(ErrorMapping.FromException(e));
        }
        catch (ItemNotFoundException e)
        {
            CommandHost.ThrowTerminatingError(new ErrorSpec(ErrorIds.FileNotFound, ErrorCategory.ObjectNotFound, e.Message, null, e));
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>Releases the cancellation source.</summary>
    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
