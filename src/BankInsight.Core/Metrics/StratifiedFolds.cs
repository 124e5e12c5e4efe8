using BankInsight.Common;

namespace BankInsight.Metrics;

/// <summary>
/// Stratified k-fold assignment: each class is shuffled with the seed and dealt round-robin,
/// so every fold has the same share of positives (±1 row) and the folds depend only on the
/// labels and the seed.
/// </summary>
public static class StratifiedFolds
{
    /// <summary>The fold (0..k-1) of every row.</summary>
    public static int[] Assign(ReadOnlySpan<bool> labels, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "needs at least 2 folds");
        var assignment = new int[labels.Length];
        var random = new SeededRandom(unchecked((ulong)seed));
        foreach (bool cls in new[] { false, true })
        {
            var rows = new List<int>();
            for (int i = 0; i < labels.Length; i++) if (labels[i] == cls) rows.Add(i);
            var shuffled = rows.ToArray();
            random.Shuffle(shuffled.AsSpan());
            for (int k = 0; k < shuffled.Length; k++) assignment[shuffled[k]] = k % folds;
        }
        return assignment;
    }

    /// <summary>
    /// A stratified hold-out: <paramref name="fraction"/> of each class (rounded) goes to the
    /// held-out set, chosen by <paramref name="seed"/>; both sets are returned in row order.
    /// </summary>
    public static (int[] Train, int[] HeldOut) HoldOut(ReadOnlySpan<bool> labels, double fraction, int seed) =>
        HoldOut(labels, fraction, SeededRandom.ForStream(unchecked((ulong)seed), 0x401D, 0));

    internal static (int[] Train, int[] HeldOut) HoldOut(ReadOnlySpan<bool> labels, double fraction, SeededRandom random)
    {
        var held = new bool[labels.Length];
        foreach (bool cls in new[] { false, true })
        {
            var rows = new List<int>();
            for (int i = 0; i < labels.Length; i++) if (labels[i] == cls) rows.Add(i);
            var shuffled = rows.ToArray();
            random.Shuffle(shuffled.AsSpan());
            int take = (int)Math.Round(shuffled.Length * fraction);
            for (int i = 0; i < take; i++) held[shuffled[i]] = true;
        }
        var train = new List<int>(labels.Length);
        var heldOut = new List<int>();
        for (int i = 0; i < labels.Length; i++) (held[i] ? heldOut : train).Add(i);
        return (train.ToArray(), heldOut.ToArray());
    }

    /// <summary>The rows of fold <paramref name="fold"/> (test) and the rest (train), in row order.</summary>
    public static (int[] Train, int[] Test) Split(int[] assignment, int fold)
    {
        var train = new List<int>(assignment.Length);
        var test = new List<int>(assignment.Length / 2);
        for (int i = 0; i < assignment.Length; i++) (assignment[i] == fold ? test : train).Add(i);
        return (train.ToArray(), test.ToArray());
    }
}
