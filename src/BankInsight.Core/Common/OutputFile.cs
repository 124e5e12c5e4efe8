namespace BankInsight.Common;

/// <summary>
/// A file to write, and whether a read-only file there may be replaced (PowerShell's -Force). A
/// plain path converts to one that may not: BankInsight never replaces a read-only file unasked.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="ReplaceReadOnly">True to replace a read-only file, which then stays read-only.</param>
public readonly record struct OutputFile(string Path, bool ReplaceReadOnly = false)
{
    /// <summary>A path whose read-only file, if any, stays as it is.</summary>
    public static implicit operator OutputFile(string path) => new(path ?? throw new ArgumentNullException(nameof(path)));

    /// <summary>The file for an optional path: null when there is none (a plain conversion would not allow null).</summary>
    public static OutputFile? Optional(string? path) => path is null ? null : new(path);

    /// <inheritdoc />
    public override string ToString() => Path;
}
