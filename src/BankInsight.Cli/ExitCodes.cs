namespace BankInsight.Cli;

/// <summary>The runner's exit codes, the contract with schedulers.</summary>
internal static class ExitCodes
{
    /// <summary>Done; all input rows were good.</summary>
    public const int Success = 0;
    /// <summary>A bug in BankInsight (an unexpected exception); the message says what.</summary>
    public const int InternalError = 1;
    /// <summary>Unusable input or arguments: missing file, wrong schema, bad option value.</summary>
    public const int UnusableInput = 2;
    /// <summary>The job ran, but some input rows were rejected (see the messages or the reject file).</summary>
    public const int RowsRejected = 3;
    /// <summary>Stopped by Ctrl+C (SIGTERM gives 143, see Program).</summary>
    public const int Cancelled = 130;
}
