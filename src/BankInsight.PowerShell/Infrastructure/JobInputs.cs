using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs;
using BankInsight.Jobs.Retail;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// How job cmdlets get their files and models (what the pipeline brings is sorted out by
/// <see cref="DataJobCmdlet"/>): a file read with the job's schema; a model given as a path, a
/// loaded model, a training result, or — when omitted — the model that ships with the module.
/// </summary>
internal static class JobInputs
{
    /// <summary>
    /// The relations: a data set given with -Relation (already loaded, e.g. by Import-CustomerData
    /// with -RejectPath), or the file named by -RelationPath (exactly one), or null without either.
    /// </summary>
    public static CustomerDataSet? Relations(ICommandHost host, string? relationPath, CustomerDataSet? relations, double maxRejectedShare)
    {
        if (relations is not null)
        {
            if (relationPath is not null)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, "Give the relations once: -Relation (a data set) or -RelationPath (a file), not both.", relationPath);
            if (relations.Schema.Find(Jobs.Prospects.ProspectColumns.RelatedId) is null)
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                    $"-Relation takes the relation file's data set (schema ProspectRelation); {relations.Source}, read with schema {relations.Schema.Name}, has no '{Jobs.Prospects.ProspectColumns.RelatedId}' column.", relations.Source);
            InputCheck.Usable(relations, maxRejectedShare, "-MaxRejectedShare");
            return relations;
        }
        if (relationPath is null) return null;
        string file = InputFiles.Single(host, relationPath, "RelationPath");
        var loaded = CustomerDataLoader.Load(file, new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.ProspectRelation)), new HostSink(host), host.Cancellation);
        InputCheck.Usable(loaded, maxRejectedShare, "-MaxRejectedShare"); // e.g. the prospect file given as the relation file
        return loaded;
    }

    /// <summary>
    /// Another month's file of a churn job (-NextMonthPath, -HistoryPath), read with the same
    /// schema as the job's data, refused like the data when it has no usable rows.
    /// </summary>
    public static CustomerDataSet MonthFile(ICommandHost host, string path, string parameter, Data.Schemas.BankSchema schema, double maxRejectedShare)
    {
        string file = InputFiles.Single(host, path, parameter);
        var loaded = CustomerDataLoader.Load(file, new DataLoadOptions(schema), new HostSink(host), host.Cancellation);
        InputCheck.Usable(loaded, maxRejectedShare, "-MaxRejectedShare");
        return loaded;
    }

    /// <summary>
    /// The model to use: a path (resolved against the current location), a <see cref="TrainedModel"/>,
    /// a <see cref="ModelTrainingResult"/> (New-ChurnModel's output), or null for the shipped model.
    /// </summary>
    public static TrainedModel Model(ICommandHost host, object? model, string shippedName, string purpose)
    {
        object? value = Unwrap(model);
        TrainedModel trained = value switch
        {
            null => TrainedModel.Load(ShippedModels.Locate(shippedName), purpose),
            string path => TrainedModel.Load(ShippedModels.Resolve(path, host.ResolveInputPaths(path, literal: true)[0]), purpose),
            FileInfo file => TrainedModel.Load(file.FullName, purpose),
            TrainedModel t => t,
            ModelTrainingResult r => r.Model,
            _ => throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"-Model takes a model file path, a model, or the output of New-ChurnModel/New-ProspectModel; got {value.GetType().Name}.", value),
        };
        if (trained.Purpose != purpose)
            throw new BankInsightException(ErrorIds.ModelKindMismatch, ErrorKind.InvalidArgument,
                $"The model is a {trained.Purpose} model; this command needs a {purpose} model.", model);
        host.WriteVerbose($"Using the {trained.Purpose} model {trained.Source ?? "(in memory)"} ({trained.Classifier.Kind}, trained on {trained.SchemaName}).");
        return trained;
    }

    /// <summary>
    /// The segmentation model to use: a path, a <see cref="SegmentationModel"/>, New-CustomerClusterModel's
    /// <see cref="SegmentationResult"/>, or null for the shipped retail_customer.
    /// </summary>
    public static SegmentationModel Segmentation(ICommandHost host, object? model)
    {
        object? value = Unwrap(model);
        var segmentation = value switch
        {
            null => SegmentationModel.Load(ShippedModels.Locate(ShippedModels.Retail)),
            string path => SegmentationModel.Load(ShippedModels.Resolve(path, host.ResolveInputPaths(path, literal: true)[0])),
            FileInfo file => SegmentationModel.Load(file.FullName),
            SegmentationModel m => m,
            SegmentationResult r => r.Model,
            _ => throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"-Model takes a segmentation model file path, a model, or the output of New-CustomerClusterModel; got {value.GetType().Name}.", value),
        };
        host.WriteVerbose($"Using the segmentation model {segmentation}.");
        return segmentation;
    }

    /// <summary>
    /// What a pipeline-wrapped value holds. A PSObject without a BaseObject stays itself rather than
    /// becoming null: a null model would silently mean the shipped one (PowerShellStandard's stub
    /// PSObject, which the tests run against, has no BaseObject).
    /// </summary>
    public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject ?? wrapped : value;

    /// <summary>A DateTime parameter as the data month (its month).</summary>
    public static DateOnly? Month(DateTime? value) => value is { } d ? new DateOnly(d.Year, d.Month, 1) : null;
}
