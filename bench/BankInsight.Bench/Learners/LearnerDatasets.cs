using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Features;

namespace BankInsight.Bench.Learners;

/// <summary>
/// The public classification data sets of ../shared/datasets, read through the same loader as
/// the bank's files with a schema inferred from the header, and the peer figures measured on
/// this machine type (PERFORMANCE.md, "Classification": scikit-learn 1.2.1, XGBoost 1.7.4).
/// </summary>
internal static class LearnerDatasets
{
    /// <summary>A data set: file, delimiter, target column and its positive value, columns to drop.</summary>
    public sealed record Definition(string Name, string RelativePath, char Delimiter, string Target, string Positive, string[] Drop, Peer Peer);

    /// <summary>Peer figures: best ROC-AUC of any peer, XGBoost's and HistGradientBoosting's fit seconds per fold, logistic regression's AUC.</summary>
    public sealed record Peer(double BestRocAuc, string BestModel, double XgboostFit, double HistGbFit, double LogisticRocAuc, double LogisticPrAuc, double LogisticFit);

    public static readonly Definition[] All =
    [
        new("bank-full", "bank-marketing/bank-full.csv", ';', "y", "yes", [],
            new Peer(0.9360, "HistGradientBoosting", 1.28, 1.20, 0.9065, 0.552, 0.24)),
        new("churn-modelling", "churn-modelling/Churn_Modelling.csv", ',', "Exited", "1", ["RowNumber", "CustomerId", "Surname"],
            new Peer(0.8628, "HistGradientBoosting", 0.34, 0.39, 0.7661, 0.472, 0.02)),
        // The two Naive_Bayes columns are a model's output trained on the target: they leak it.
        new("bankchurners", "bankchurners/BankChurners.csv", ',', "Attrition_Flag", "Attrited Customer",
            ["CLIENTNUM", "Naive_Bayes_Classifier_Attrition_Flag_Card_Category_Contacts_Count_12_mon_Dependent_count_Education_Level_Months_Inactive_12_mon_1",
             "Naive_Bayes_Classifier_Attrition_Flag_Card_Category_Contacts_Count_12_mon_Dependent_count_Education_Level_Months_Inactive_12_mon_2"],
            new Peer(0.9935, "HistGradientBoosting", 0.47, 0.54, 0.9243, 0.756, 0.06)),
    ];

    /// <summary>Where the data set's file is under <paramref name="folder"/>.</summary>
    public static string PathOf(Definition definition, string folder) => Path.Combine(folder, definition.RelativePath);

    /// <summary>Loads a data set into features and labels.</summary>
    public static (FeatureMatrix Features, bool[] Labels, CustomerDataSet Data) Load(Definition definition, string folder, IOperationSink sink)
    {
        string path = PathOf(definition, folder);
        if (!File.Exists(path))
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound,
                $"Benchmark data '{path}' does not exist; pass --datasets with the folder of the public data sets.", path);
        var schema = SchemaInference.Infer(path, definition.Name, definition.Delimiter);
        var data = CustomerDataLoader.Load(path, new DataLoadOptions(schema) { Delimiter = definition.Delimiter, Header = HeaderMode.Present }, sink);
        if (data.Summary.RowsRejected > 0)
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData, $"{path}: {data.Summary.RowsRejected} rows were rejected; the benchmark needs every row.", path);
        var target = data[definition.Target];
        var labels = new bool[data.RowCount];
        for (int i = 0; i < labels.Length; i++)
            labels[i] = target switch
            {
                NumericColumn n => n[i].ToString(System.Globalization.CultureInfo.InvariantCulture) == definition.Positive,
                CategoricalColumn c => c[i] == definition.Positive,
                TextColumn t => t[i] == definition.Positive,
                _ => false,
            };
        var plan = FeaturePlan.FromData(data, definition.Drop.Append(definition.Target));
        return (plan.Apply(data, sink), labels, data);
    }
}
