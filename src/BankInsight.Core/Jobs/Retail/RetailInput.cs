using BankInsight.Data;

namespace BankInsight.Jobs.Retail;

/// <summary>
/// What a retail job reads: a file already loaded (a data set), or a file it streams in chunks
/// (<see cref="RetailFile"/>). Either converts to it, so a request is built the same way for both.
/// </summary>
public readonly struct RetailInput
{
    private RetailInput(CustomerDataSet? data, RetailFile? file)
    {
        Data = data;
        File = file;
    }

    /// <summary>The loaded file, or null.</summary>
    public CustomerDataSet? Data { get; }

    /// <summary>The file read in chunks, or null.</summary>
    public RetailFile? File { get; }

    /// <summary>A loaded file.</summary>
    public static implicit operator RetailInput(CustomerDataSet data) => new(data, null);

    /// <summary>A file read in chunks.</summary>
    public static implicit operator RetailInput(RetailFile file) => new(null, file);

    /// <summary>The loaded file; an error for a request that streams its file.</summary>
    internal CustomerDataSet Loaded => Data ?? throw new InvalidOperationException("This request reads its file in chunks: see File.");
}
