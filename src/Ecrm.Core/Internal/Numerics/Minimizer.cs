namespace Ecrm.Internal.Numerics;

/// <summary>
/// Unconstrained minimisation of a smooth function of a few variables: BFGS with central-difference gradients and a
/// backtracking line search; when BFGS does not meet its stopping rules (it stalled on a non-finite region, say),
/// Nelder-Mead continues from its best point. The lifetime-value models minimise their mean negative log-likelihood over log-parameters.
/// </summary>
/// <remarks>
/// Every coordinate is kept within ±<see cref="Bound"/> (outside, the function counts as +∞), and a BFGS step moves at
/// most <see cref="MaxStep"/> in norm: log-parameters beyond e^±25 only reach regions where the likelihood formulas
/// overflow and return garbage rather than a true optimum.
/// </remarks>
internal static class Minimizer
{
    /// <summary>The outcome: the best point found, its value and whether the stopping rules were met.</summary>
    public readonly record struct Result(double[] Point, double Value, bool Converged, int Evaluations);

    private const double Bound = 25;
    private const double MaxStep = 2;

    public static Result Minimize(Func<double[], double> f, double[] start, CancellationToken cancellationToken = default)
    {
        var evaluations = 0;
        double F(double[] x)
        {
            evaluations++;
            foreach (var xi in x)
            {
                if (!(Math.Abs(xi) <= Bound))
                {
                    return double.PositiveInfinity;
                }
            }

            var v = f(x);
            return double.IsFinite(v) ? v : double.PositiveInfinity;
        }

        var (x, fx, converged) = Bfgs(F, (double[])start.Clone(), cancellationToken);
        if (!converged)
        {
            var (y, fy, nmConverged) = NelderMead(F, x, cancellationToken);
            if (fy <= fx)
            {
                (x, fx) = (y, fy);
            }

            converged = nmConverged;
        }

        return new Result(x, fx, double.IsFinite(fx) && converged, evaluations);
    }

    private static (double[] X, double Fx, bool Converged) Bfgs(Func<double[], double> f, double[] x, CancellationToken ct)
    {
        var n = x.Length;
        var fx = f(x);
        if (!double.IsFinite(fx))
        {
            return (x, fx, false);
        }

        var g = Gradient(f, x);
        var h = Identity(n);
        for (var iteration = 0; iteration < 500; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            if (Norm(g) < 1e-9)
            {
                return (x, fx, true);
            }

            var p = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    p[i] -= h[i, j] * g[j];
                }
            }

            var slope = Dot(p, g);
            if (slope >= 0)
            {
                // Not a descent direction: restart from steepest descent.
                h = Identity(n);
                for (var i = 0; i < n; i++)
                {
                    p[i] = -g[i];
                }

                slope = -Dot(g, g);
            }

            var norm = Norm(p);
            var step = norm > MaxStep ? MaxStep / norm : 1.0;
            double[] xNew;
            double fNew;
            while (true)
            {
                xNew = new double[n];
                for (var i = 0; i < n; i++)
                {
                    xNew[i] = x[i] + (step * p[i]);
                }

                fNew = f(xNew);
                if (fNew <= fx + (1e-4 * step * slope))
                {
                    break;
                }

                step *= 0.5;
                if (step < 1e-12)
                {
                    return (x, fx, Norm(g) < 1e-5);
                }
            }

            var gNew = Gradient(f, xNew);
            var s = new double[n];
            var yv = new double[n];
            for (var i = 0; i < n; i++)
            {
                s[i] = xNew[i] - x[i];
                yv[i] = gNew[i] - g[i];
            }

            var converged = Math.Abs(fx - fNew) <= 1e-13 * (1 + Math.Abs(fx));
            x = xNew;
            fx = fNew;
            g = gNew;
            if (converged)
            {
                return (x, fx, true);
            }

            var sy = Dot(s, yv);
            if (sy > 1e-12)
            {
                UpdateInverseHessian(h, s, yv, sy);
            }
        }

        return (x, fx, false);
    }

    private static void UpdateInverseHessian(double[,] h, double[] s, double[] y, double sy)
    {
        var n = s.Length;
        var hy = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                hy[i] += h[i, j] * y[j];
            }
        }

        var yhy = Dot(y, hy);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                h[i, j] += (((sy + yhy) * s[i] * s[j]) / (sy * sy)) - (((hy[i] * s[j]) + (s[i] * hy[j])) / sy);
            }
        }
    }

    private static (double[] X, double Fx, bool Converged) NelderMead(Func<double[], double> f, double[] start, CancellationToken ct)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        points[0] = (double[])start.Clone();
        values[0] = f(points[0]);
        for (var i = 0; i < n; i++)
        {
            var p = (double[])start.Clone();
            p[i] += 0.05;
            points[i + 1] = p;
            values[i + 1] = f(p);
        }

        for (var iteration = 0; iteration < 5000; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            Array.Sort(values, points);
            if (Math.Abs(values[n] - values[0]) <= 1e-12 * (1 + Math.Abs(values[0])) && Spread(points) < 1e-9)
            {
                return (points[0], values[0], true);
            }

            var centroid = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += points[i][j] / n;
                }
            }

            var reflected = Along(centroid, points[n], -1);
            var fr = f(reflected);
            if (fr < values[0])
            {
                var expanded = Along(centroid, points[n], -2);
                var fe = f(expanded);
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (points[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = Along(centroid, points[n], 0.5);
                var fc = f(contracted);
                if (fc < values[n])
                {
                    (points[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        points[i] = Along(points[0], points[i], 0.5);
                        values[i] = f(points[i]);
                    }
                }
            }
        }

        Array.Sort(values, points);
        return (points[0], values[0], false);
    }

    private static double[] Along(double[] from, double[] to, double t)
    {
        var r = new double[from.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = from[i] + (t * (to[i] - from[i]));
        }

        return r;
    }

    private static double Spread(double[][] points)
    {
        var max = 0.0;
        for (var i = 1; i < points.Length; i++)
        {
            for (var j = 0; j < points[0].Length; j++)
            {
                max = Math.Max(max, Math.Abs(points[i][j] - points[0][j]));
            }
        }

        return max;
    }

    private static double[] Gradient(Func<double[], double> f, double[] x)
    {
        var g = new double[x.Length];
        var probe = (double[])x.Clone();
        for (var i = 0; i < x.Length; i++)
        {
            var h = 1e-5 * Math.Max(1, Math.Abs(x[i]));
            probe[i] = x[i] + h;
            var up = f(probe);
            probe[i] = x[i] - h;
            var down = f(probe);
            probe[i] = x[i];
            g[i] = (up - down) / (2 * h);
            if (!double.IsFinite(g[i]))
            {
                g[i] = 0;
            }
        }

        return g;
    }

    private static double[,] Identity(int n)
    {
        var h = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            h[i, i] = 1;
        }

        return h;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));
}
