namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// File-level problems of a command's inputs (a missing file, a wildcard matching nothing, a file
/// that cannot be read). Once some input has been read they are non-terminating errors, as in
/// Get-Content; until then they are held, so that a command that can read none of its inputs stops
/// with a terminating error instead of ending quietly with no output — which would let an
/// Export-BankResult further down replace last month's result with an empty file.
/// </summary>
internal sealed class InputProblems
{
    private readonly List<ErrorSpec> _held = [];
    private bool _readSome;

    /// <summary>Reports a problem: written now if some input was read, else held.</summary>
    public void Add(ICommandHost host, ErrorSpec problem)
    {
        if (_readSome) host.WriteError(problem);
        else _held.Add(problem);
    }

    /// <summary>Notes that an input was read; the problems held so far are written.</summary>
    public void Read(ICommandHost host)
    {
        if (_readSome) return;
        _readSome = true;
        foreach (var problem in _held) host.WriteError(problem);
        _held.Clear();
    }

    /// <summary>At the end of the command: when nothing was read, the last problem stops it (the others are written first).</summary>
    public void Finish(ICommandHost host)
    {
        if (_held.Count == 0) return;
        for (int i = 0; i < _held.Count - 1; i++) host.WriteError(_held[i]);
        var last = _held[^1];
        _held.Clear();
        host.ThrowTerminatingError(last with { Message = last.Message + " Nothing could be read, so nothing was produced." });
    }
}
