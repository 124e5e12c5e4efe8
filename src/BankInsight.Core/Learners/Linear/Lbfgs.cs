namespace BankInsight.Learners.Linear;

/// <summary>
/// Limited-memory BFGS for smooth unconstrained minimisation (Nocedal &amp; Wright, "Numerical
/// Optimization", Alg. 7.4/7.5): the two-loop recursion over the last <c>m</c> steps gives the
/// search direction; a backtracking line search enforces the Armijo condition; a pair is kept
/// only when it satisfies the curvature condition sᵀy &gt; 0. Deterministic: pure arithmetic in a
/// fixed order. Cost per iteration: one or a few objective evaluations plus O(m·d).
/// </summary>
internal static class Lbfgs
{
    /// <summary>The objective: returns f(x) and writes ∇f(x) into the second argument.</summary>
    public delegate double Objective(double[] x, double[] gradient);

    public sealed record Result(double[] Solution, double Value, int Iterations, bool Converged, double GradientNorm);

    public static Result Minimize(Objective objective, double[] start, int maxIterations, double tolerance, CancellationToken cancel, int memory = 10)
    {
        int d = start.Length;
        var x = (double[])start.Clone();
        var g = new double[d];
        double f = objective(x, g);
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var direction = new double[d];
        var xNew = new double[d];
        var gNew = new double[d];
        var alpha = new double[memory];
        int iteration = 0;
        double gradNorm = MaxAbs(g);
        while (gradNorm > tolerance && iteration < maxIterations)
        {
            cancel.ThrowIfCancellationRequested();
            iteration++;
            // Two-loop recursion: direction = −H·g.
            Array.Copy(g, direction, d);
            for (int k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], direction);
                Axpy(-alpha[k], y[k], direction);
            }
            double gamma = s.Count > 0 ? Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]) : 1.0 / Math.Max(1.0, Norm(g));
            for (int i = 0; i < d; i++) direction[i] *= gamma;
            for (int k = 0; k < s.Count; k++)
            {
                double beta = rho[k] * Dot(y[k], direction);
                Axpy(alpha[k] - beta, s[k], direction);
            }
            for (int i = 0; i < d; i++) direction[i] = -direction[i];
            double slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                s.Clear(); y.Clear(); rho.Clear();
                for (int i = 0; i < d; i++) direction[i] = -g[i] / Math.Max(1.0, Norm(g));
                slope = Dot(g, direction);
            }

            // Backtracking line search (Armijo, c1 = 1e-4).
            double step = 1.0, fNew = double.NaN;
            bool accepted = false;
            for (int trial = 0; trial < 50; trial++)
            {
                for (int i = 0; i < d; i++) xNew[i] = x[i] + step * direction[i];
                fNew = objective(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= f + 1e-4 * step * slope) { accepted = true; break; }
                step *= 0.5;
            }
            if (!accepted) break; // no progress possible at machine precision

            var sk = new double[d];
            var yk = new double[d];
            for (int i = 0; i < d; i++)
            {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = Dot(sk, yk);
            if (sy > 1e-12 * Dot(yk, yk))
            {
                if (s.Count == memory)
                {
                    s.RemoveAt(0); y.RemoveAt(0); rho.RemoveAt(0);
                }
                s.Add(sk); y.Add(yk); rho.Add(1.0 / sy);
            }
            bool stalled = Math.Abs(f - fNew) <= 1e-15 * Math.Max(1.0, Math.Abs(f));
            Array.Copy(xNew, x, d);
            Array.Copy(gNew, g, d);
            f = fNew;
            gradNorm = MaxAbs(g);
            if (stalled) break;
        }
        return new Result(x, f, iteration, gradNorm <= tolerance, gradNorm);
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static double MaxAbs(double[] a)
    {
        double m = 0;
        foreach (double v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
