namespace BankInsight.Serialization;

/// <summary>
/// The hard limits a model file is read under. A model file is untrusted input (it may come from
/// a share, a mail, a colleague's laptop), and its checksum only catches accidents; so every count
/// read from it is bounded by what the file actually holds, and these few limits bound what a
/// well-formed but hostile file could still make the reader or a job allocate. Training keeps to
/// the same limits, so a model BankInsight writes is always one it reads.
/// </summary>
internal static class ModelLimits
{
    /// <summary>
    /// Largest model file read: 256 MiB. The shipped models weigh 5 KB to 392 KiB (the churn model:
    /// 173 trees of 31 leaves, about 75 bytes per tree node); 10,000 trees of 255 leaves come to about
    /// 190 MB. Reading needs a few times the file's size in memory (bytes, text, values), so the
    /// limit is also what keeps a load from exhausting memory; a larger file is refused unread.
    /// </summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Most features in a model, and most coordinates in a segmentation: 10,000, over a hundred
    /// times the widest built-in schema (81 features). Scoring allocates per feature and row.
    /// </summary>
    public const int MaxFeatures = 10_000;

    /// <summary>
    /// Deepest tree: 256 levels. Default leaf-wise trees have 31 leaves, so at most 30 levels;
    /// explaining a tree needs memory quadratic in its depth and recursion as deep as it.
    /// </summary>
    public const int MaxTreeDepth = 256;

    /// <summary>
    /// Most centre coordinates (clusters × dimensions) in a segmentation: 1,000,000, e.g. 1,000
    /// segments over 1,000 columns (the shipped model has 6 × 28 = 168). Assigning customers
    /// keeps about 44 bytes per coordinate in its kernel.
    /// </summary>
    public const int MaxCentreValues = 1_000_000;

    /// <summary>
    /// Largest magnitude of a centre coordinate, in standard deviations: 46,341 (√2³¹). A centre
    /// is a mean of z-scores, and one z-score among n values cannot exceed √(n − 1) in magnitude,
    /// so no centre trained on at most 2³¹ customers lies further out.
    /// </summary>
    public const double MaxCentreCoordinate = 46_341;

    /// <summary>Largest magnitude of a column mean: no data value is larger (the loader refuses them).</summary>
    public const double MaxMean = Data.Reading.FieldParsers.LargestNumber;

    /// <summary>Smallest column scale (standard deviation) kept at training; a smaller one is treated as a constant column (scale 1).</summary>
    public const double MinScale = 1e-12;

    /// <summary>Largest column scale: a standard deviation of values within ±10¹⁵.</summary>
    public const double MaxScale = Data.Reading.FieldParsers.LargestNumber;

    /// <summary>
    /// Largest magnitude of a base score or intercept, in log-odds: 100 (a probability within
    /// 10⁻⁴³ of 0 or 1). Training starts from the log-odds of the share of positives, never near it;
    /// a larger one would flag everybody or nobody whatever the data.
    /// </summary>
    public const double MaxLogOdds = 100;

    /// <summary>Largest magnitude of a tree leaf value or a logistic weight: 10⁶, far above anything training makes.</summary>
    public const double MaxLeafOrWeight = 1e6;

    /// <summary>A column scale a model may hold.</summary>
    public static bool IsScale(double v) => v is >= MinScale and <= MaxScale;

    /// <summary>A column mean a model may hold.</summary>
    public static bool IsMean(double v) => Math.Abs(v) <= MaxMean;
}
