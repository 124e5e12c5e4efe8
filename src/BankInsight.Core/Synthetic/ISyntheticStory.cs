using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>
/// How one kind of synthetic customer comes to be. Each customer is drawn from its own
/// random stream (seed, story, index), so customer <c>i</c> is the same whatever the thread
/// count or chunking, and a story can recompute any customer it needs (relations do).
/// </summary>
internal interface ISyntheticStory
{
    BankSchema Schema { get; }

    /// <summary>Writes the line(s) of customer <paramref name="index"/>: one for most stories, zero or more for relations.</summary>
    void WriteCustomer(int index, SyntheticRow row, DelRowWriter writer);
}
