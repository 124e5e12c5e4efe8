namespace BankInsight.Common;

/// <summary>
/// Checks a file to write can be written there before any work starts: a folder in its place or
/// a missing folder would otherwise fail only at the end, after the data was read and scored.
/// </summary>
public static class OutputPaths
{
    /// <summary>Throws ParameterInvalid, naming <paramref name="parameter"/>, when <paramref name="path"/> is a folder or its folder does not exist.</summary>
    public static void RequireWritable(string parameter, string? path)
    {
        if (string.IsNullOrEmpty(path)) return;
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"{parameter} '{path}' is a folder; name the file to write in it.", path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"The folder of {parameter} '{path}' does not exist ('{folder}'); create it first.", path);
    }

    /// <summary>
    /// Throws ParameterInvalid when <paramref name="path"/> holds a BankInsight model: a result
    /// written there would destroy it (the shipped model too, which a job uses when no model is named).
    /// </summary>
    public static void RequireNotAModel(string parameter, string? path)
    {
        if (!string.IsNullOrEmpty(path) && File.Exists(path) && Serialization.ModelFile.LooksLikeModel(path))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"{parameter} '{path}' is a BankInsight model; a result never replaces a model. Name another file.", path);
    }
}
