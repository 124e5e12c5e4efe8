namespace BankInsight.Common;

/// <summary>
/// Stable error ids (<c>BankInsight.&lt;Subject&gt;&lt;Problem&gt;</c>). They are public API:
/// scripts match on them with <c>FullyQualifiedErrorId</c>, so never rename one.
/// </summary>
public static class ErrorIds
{
    /// <summary>A data row was rejected and skipped (see the reason on the target).</summary>
    public const string RowRejected = "BankInsight.RowRejected";
    /// <summary>An input file does not exist.</summary>
    public const string FileNotFound = "BankInsight.FileNotFound";
    /// <summary>An input file exists but could not be read.</summary>
    public const string FileUnreadable = "BankInsight.FileUnreadable";
    /// <summary>A file's layout cannot be used at all (no key column in the header, binary content, …).</summary>
    public const string FileLayoutInvalid = "BankInsight.FileLayoutInvalid";
    /// <summary>The file's encoding is not supported or the requested encoding is unknown.</summary>
    public const string EncodingUnsupported = "BankInsight.EncodingUnsupported";
    /// <summary>A file had no usable rows: empty, only blank lines, or every row rejected.</summary>
    public const string NoRows = "BankInsight.NoRows";
    /// <summary>More of a file's rows were rejected than a job accepts (half, unless raised); the job produced nothing.</summary>
    public const string TooManyRowsRejected = "BankInsight.TooManyRowsRejected";
    /// <summary>No built-in schema has the given name.</summary>
    public const string SchemaNotFound = "BankInsight.SchemaNotFound";
    /// <summary>A schema has no column with the given name.</summary>
    public const string ColumnNotFound = "BankInsight.ColumnNotFound";
    /// <summary>A schema JSON file is malformed or inconsistent.</summary>
    public const string SchemaInvalid = "BankInsight.SchemaInvalid";
    /// <summary>The schema could not be guessed from the file; pass one explicitly.</summary>
    public const string SchemaAmbiguous = "BankInsight.SchemaAmbiguous";
    /// <summary>A result or output file could not be written.</summary>
    public const string OutputWriteFailed = "BankInsight.OutputWriteFailed";
    /// <summary>An output file exists and may not be replaced (-NoClobber, or read-only without -Force).</summary>
    public const string OutputExists = "BankInsight.OutputExists";
    /// <summary>A parameter value is out of range or contradicts another.</summary>
    public const string ParameterInvalid = "BankInsight.ParameterInvalid";
    /// <summary>An object on the pipeline cannot be written as a bank result line.</summary>
    public const string ResultValueInvalid = "BankInsight.ResultValueInvalid";
    /// <summary>A result would be empty where the previous one was not; the previous one stays (allow it: --allow_empty, -AllowEmpty).</summary>
    public const string ResultEmpty = "BankInsight.ResultEmpty";
    /// <summary>A model file does not exist.</summary>
    public const string ModelNotFound = "BankInsight.ModelNotFound";
    /// <summary>
    /// A model file cannot be used: truncated, not a model, its checksum does not match, larger than
    /// 256 MiB, or a value in it out of range (the message names the [section], key and value).
    /// </summary>
    public const string ModelDamaged = "BankInsight.ModelDamaged";
    /// <summary>A model file was written by a newer BankInsight (format version too new).</summary>
    public const string ModelVersionUnsupported = "BankInsight.ModelVersionUnsupported";
    /// <summary>A model was trained on data of another schema (fingerprints differ).</summary>
    public const string ModelSchemaMismatch = "BankInsight.ModelSchemaMismatch";
    /// <summary>A model is of another kind than the job needs (e.g. a segmentation model for churn).</summary>
    public const string ModelKindMismatch = "BankInsight.ModelKindMismatch";
    /// <summary>Training cannot proceed with this data (one class only, too few rows).</summary>
    public const string TrainingDataInvalid = "BankInsight.TrainingDataInvalid";
    /// <summary>The operation was cancelled (Ctrl+C).</summary>
    public const string OperationStopped = "BankInsight.OperationStopped";
}
