using System.Diagnostics;
using BankInsight.Bench.Measuring;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Jobs.Churn;
using BankInsight.ResultFiles;
using BankInsight.Results;
using BankInsight.Serialization;

namespace BankInsight.Bench.Corporate;

/// <summary>What one stage's child process measured.</summary>
/// <param name="Stage">load, train or predict.</param>
/// <param name="Rows">Customers loaded.</param>
/// <param name="LoadSeconds">Loading the file in this process (the load stage's own time; before the clock of the others).</param>
/// <param name="Seconds">The stage's own time.</param>
/// <param name="PeakMemoryMb">This process's peak working set: the loaded data plus the stage.</param>
/// <param name="Features">train: features the model uses.</param>
/// <param name="Trees">train: trees kept after early stopping.</param>
/// <param name="HeldOutRocAuc">train: ROC-AUC on the job's own stratified hold-out.</param>
/// <param name="Flagged">predict: customers at or above the threshold, each written with its drivers.</param>
internal sealed record StageRun(string Stage, int Rows, double LoadSeconds, double Seconds, double PeakMemoryMb,
    int Features = 0, int Trees = 0, double HeldOutRocAuc = double.NaN, long Flagged = 0);

/// <summary>
/// The corporate churn run's stages, each meant to run in its own process: load the CorporateChurn
/// file; train the churn job's model (GBDT defaults, the old delivery's labels) and write it; score
/// every customer and write each flagged one with three drivers (TreeSHAP), the cmdlet's default — streamed, as the runner scores.
/// </summary>
internal static class CorporateStages
{
    public const string Load = "load", Train = "train", Predict = "predict";
    public const int Drivers = 3;

    public static StageRun Run(string stage, string file, string model, string output, CancellationToken cancel)
    {
        var sink = NullSink.Instance;
        var clock = Stopwatch.StartNew();
        if (stage == Predict)
        {
            // Scoring streams the month (as the runner's churn predict does): a pass for the dates and
            // row checks, then chunk by chunk; the load time is the first pass's share of the total.
            long flagged;
            int rows;
            double firstPass = 0;
            using (var warnings = new BankResultWriter(output))
            {
                rows = ChurnFilePrediction.Predict(new ChurnFileRequest(file, new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn)), TrainedModel.Load(model, ChurnJob.Purpose))
                {
                    Drivers = Drivers,
                    Checked = _ => firstPass = clock.Elapsed.TotalSeconds,
                }, p => warnings.WriteLine(ResultField.FromText(p.CustomerId), ResultField.FromNumber(p.Probability, 6), ResultField.FromText(p.Drivers)), sink, cancel);
                warnings.Commit();
                flagged = warnings.LinesWritten;
            }
            return new StageRun(stage, rows, firstPass, clock.Elapsed.TotalSeconds - firstPass, ChildProcess.PeakMemoryMb(), Flagged: flagged);
        }
        var data = CustomerDataLoader.Load(file, new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn)), sink, cancel);
        double load = clock.Elapsed.TotalSeconds;
        switch (stage)
        {
            case Load:
                return new StageRun(stage, data.RowCount, load, load, ChildProcess.PeakMemoryMb());
            case Train:
            {
                clock.Restart();
                var result = ChurnJob.Train(new ChurnTrainingRequest(data) { OutFile = model }, sink, cancel);
                return new StageRun(stage, data.RowCount, load, clock.Elapsed.TotalSeconds, ChildProcess.PeakMemoryMb(),
                    Features: result.Features, Trees: result.Iterations, HeldOutRocAuc: result.RocAuc);
            }
            default:
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"--stage must be {Load}, {Train} or {Predict} (got '{stage}').", stage);
        }
    }
}
