using System.Text.Json.Serialization;
using BankInsight.Serialization;

namespace BankInsight.Results;

/// <summary>
/// What New-ChurnModel / New-ProspectModel return: the trained model (pipe it into the
/// prediction cmdlets' -Model), where it was saved, and its held-out quality.
/// </summary>
public sealed class ModelTrainingResult
{
    /// <summary>"churn" or "prospect".</summary>
    public required string Job { get; init; }

    /// <summary>"gbdt" or "logistic".</summary>
    public required string Algorithm { get; init; }

    /// <summary>The model file written, or null when the model was not saved.</summary>
    public string? Path { get; init; }

    /// <summary>Rows with a label.</summary>
    public int LabelledRows { get; init; }

    /// <summary>Rows left out because no label could be made.</summary>
    public int UnlabelledRows { get; init; }

    /// <summary>Rows the model was fitted on.</summary>
    public int TrainingRows { get; init; }

    /// <summary>Rows held out to measure it.</summary>
    public int HeldOutRows { get; init; }

    /// <summary>Share of positives among the labelled rows.</summary>
    public double PositiveRate { get; init; }

    /// <summary>Held-out ROC-AUC.</summary>
    public double RocAuc { get; init; }

    /// <summary>Held-out average precision.</summary>
    public double PrAuc { get; init; }

    /// <summary>Decision threshold chosen on the held-out rows (maximum F1).</summary>
    public double Threshold { get; init; }

    /// <summary>Held-out precision at the threshold.</summary>
    public double Precision { get; init; }

    /// <summary>Held-out recall at the threshold.</summary>
    public double Recall { get; init; }

    /// <summary>Held-out F1 at the threshold.</summary>
    public double F1 { get; init; }

    /// <summary>Trees kept, or optimizer iterations.</summary>
    public int Iterations { get; init; }

    /// <summary>Number of features the model uses.</summary>
    public int Features { get; init; }

    /// <summary>The five most important features, most important first (joined with "; ").</summary>
    public required string TopFeatures { get; init; }

    /// <summary>Full held-out metrics.</summary>
    public required ClassifierEvaluation Evaluation { get; init; }

    /// <summary>The model itself (not part of JSON output: it is saved as its own file).</summary>
    [JsonIgnore]
    public TrainedModel Model { get; init; } = null!;
}
