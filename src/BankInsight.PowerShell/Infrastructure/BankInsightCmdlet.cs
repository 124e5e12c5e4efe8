using System.Management.Automation;
using BankInsight.Common;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// Base of every BankInsight cmdlet: owns the cancellation token that Ctrl+C
/// (<see cref="StopProcessing"/>) cancels, supplies the host the adapters write through, and
/// maps exceptions: a <see cref="BankInsightException"/> becomes a terminating error with
/// its stable id; cancellation ends quietly. Resources a command holds across pipeline steps
/// (a result file being written) are owned here and disposed when PowerShell disposes the command,
/// which it does however the pipeline ends: so a failure upstream or Ctrl+C leaves no temporary
/// file behind and the previous result in place.
/// </summary>
public abstract class BankInsightCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IDisposable> _owned = [];
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
    }

    /// <summary>Keeps <paramref name="resource"/> until the command is disposed; returns it.</summary>
    internal T Own<T>(T resource) where T : IDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>Releases what the command owns (last taken, first released) and the cancellation source.</summary>
    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
