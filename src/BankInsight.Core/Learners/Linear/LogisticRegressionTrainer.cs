using BankInsight.Common;
using BankInsight.Features;
using BankInsight.Learners.Linear;

namespace BankInsight.Learners;

/// <summary>
/// L2-regularised logistic regression fitted by L-BFGS on standardized numeric and one-hot
/// categorical features (see <see cref="LinearEncoding"/>). The objective and its gradient
/// are summed over fixed blocks of rows in parallel and the block sums added in block order,
/// so the fit does not depend on the thread count. Convergence is reported, never assumed.
/// </summary>
public sealed class LogisticRegressionTrainer(LogisticRegressionOptions? options = null) : IBinaryTrainer
{
    private const int Block = 8192;

    /// <summary>The hyper-parameters used.</summary>
    public LogisticRegressionOptions Options { get; } = options ?? new LogisticRegressionOptions();

    /// <inheritdoc />
    public string Kind => "logistic";

    /// <inheritdoc />
    public IBinaryModel Fit(FeatureMatrix features, bool[] labels, (FeatureMatrix Features, bool[] Labels)? validation, IOperationSink sink, CancellationToken cancellationToken = default) =>
        Train(features, labels, sink, cancellationToken);

    /// <summary>Trains; see the class summary.</summary>
    public LogisticRegressionModel Train(FeatureMatrix features, bool[] labels, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var o = Options;
        o.Validate();
        var (positives, _) = TrainingChecks.Labels(features, labels);
        var encoding = LinearEncoding.Fit(features);
        int n = features.RowCount, width = encoding.Width;
        double lambda = 1.0 / (o.C * n);
        var columns = features.Columns;
        int blocks = (n + Block - 1) / Block;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = o.Threads == 0 ? Environment.ProcessorCount : o.Threads };
        var partialLoss = new double[blocks];
        var partialGradient = new double[blocks][];
        for (int b = 0; b < blocks; b++) partialGradient[b] = new double[width + 1];
        sink.Verbose($"Training logistic regression on {n:N0} rows, {width} inputs (standardized numbers, one-hot categories), C = {o.C}.");

        // θ = [intercept, weights...]; objective = mean log-loss + λ/2 ||w||². Each block of rows
        // is scored and differentiated column by column; block sums are added in block order.
        var scratch = new double[n];
        int evaluations = 0;
        const string activity = "Training logistic regression";
        double Objective(double[] theta, double[] gradient)
        {
            // Called on this thread between the parallel blocks, so the sink may be used here.
            evaluations++;
            if ((evaluations & 7) == 0) sink.Progress(new OperationProgress(activity, $"{evaluations} evaluations", Math.Min(0.99, (double)evaluations / o.MaxIterations)));
            Parallel.For(0, blocks, parallel, b =>
            {
                var grad = partialGradient[b];
                Array.Clear(grad);
                int begin = b * Block, count = Math.Min(n, begin + Block) - begin;
                var z = scratch.AsSpan(begin, count);
                z.Fill(theta[0]);
                encoding.AddScores(columns, begin, z, theta, 1);
                double loss = 0, residualSum = 0;
                for (int i = 0; i < count; i++)
                {
                    double zi = z[i];
                    double y = labels[begin + i] ? 1 : 0;
                    // log(1 + e^z) − y·z, computed stably; z[i] then holds the residual σ(z) − y.
                    loss += (zi > 0 ? zi + Math.Log(1 + Math.Exp(-zi)) : Math.Log(1 + Math.Exp(zi))) - y * zi;
                    double residual = Logistic.Sigmoid(zi) - y;
                    z[i] = residual;
                    residualSum += residual;
                }
                grad[0] = residualSum;
                encoding.AddGradient(columns, begin, z, grad, 1);
                partialLoss[b] = loss;
            });
            double total = 0;
            Array.Clear(gradient);
            for (int b = 0; b < blocks; b++)
            {
                total += partialLoss[b];
                var grad = partialGradient[b];
                for (int j = 0; j <= width; j++) gradient[j] += grad[j];
            }
            double penalty = 0;
            for (int j = 0; j <= width; j++) gradient[j] /= n;
            for (int j = 1; j <= width; j++)
            {
                penalty += theta[j] * theta[j];
                gradient[j] += lambda * theta[j];
            }
            return total / n + lambda / 2 * penalty;
        }

        var start = new double[width + 1];
        start[0] = Logistic.Logit((double)positives / n);
        var result = Linear.Lbfgs.Minimize(Objective, start, o.MaxIterations, o.Tolerance, cancellationToken);
        sink.Progress(new OperationProgress(activity, $"{result.Iterations} iterations", 1, Completed: true));
        string note = result.Converged
            ? $"converged in {result.Iterations} L-BFGS iterations (largest gradient {result.GradientNorm:E1})"
            : $"did not converge in {result.Iterations} iterations (largest gradient {result.GradientNorm:E1} > tolerance {o.Tolerance:E1})";
        if (!result.Converged) sink.Warning($"Logistic regression {note}; the model is usable but may be improved with more iterations.");
        else sink.Verbose($"Logistic regression {note}.");
        var report = new TrainingReport(result.Iterations, result.Converged, false, null, note);
        return new LogisticRegressionModel(encoding, result.Solution[0], result.Solution[1..], o, report);
    }
}
