namespace Ecrm.Internal.Numerics;

/// <summary>The special functions the lifetime-value models need: log-gamma, log-beta and Gauss's hypergeometric 2F1.</summary>
internal static class SpecialFunctions
{
    // Lanczos approximation, g = 7, n = 9 (relative error about 1e-15 for positive arguments).
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        return HalfLogTwoPi + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>ln(1 + e^d) without overflow.</summary>
    public static double LogOnePlusExp(double d) => d > 0 ? d + Math.Log(1 + Math.Exp(-d)) : Math.Log(1 + Math.Exp(d));

    /// <summary>ln(e^a + e^b) without overflow.</summary>
    public static double LogSumExp(double a, double b) => a >= b ? a + LogOnePlusExp(b - a) : b + LogOnePlusExp(a - b);

    /// <summary>ln(e^a - e^b) for a &gt; b; NaN otherwise.</summary>
    public static double LogDiffExp(double a, double b) => a > b ? a + Math.Log(1 - Math.Exp(b - a)) : double.NaN;

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b).</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>
    /// Gauss's hypergeometric function 2F1(a, b; c; z) for 0 &lt;= |z| &lt; 1 by its power series, summed until the
    /// terms no longer change the sum; NaN when the series does not settle (z too close to 1 for the parameters).
    /// </summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        if (z == 0)
        {
            return 1;
        }

        if (!(Math.Abs(z) < 1))
        {
            return double.NaN;
        }

        double sum = 1, term = 1;
        for (var n = 0; n < 1_000_000; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-16 * Math.Abs(sum))
            {
                return sum;
            }
        }

        return double.NaN;
    }
}
