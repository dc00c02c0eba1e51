using Ecrm.Internal.Numerics;

namespace Ecrm.Core.Tests.Scoring;

/// <summary>Special functions against values computed independently with mpmath at 30 digits.</summary>
public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(0.5, 1.5, 2.5, 0.3, 1.108062551056932)]
    [InlineData(2.2, 3.1, 3.2, 0.946, 478.93783467011056)]
    [InlineData(10.5, 1.6, 11.5, -0.09, 0.88138343713101305)]
    [InlineData(1, 1, 2, 0.999, 6.9146699489310672)]
    public void Hypergeometric2F1_MatchesReference(double a, double b, double c, double z, double expected)
        => Assert.Equal(expected, SpecialFunctions.Hypergeometric2F1(a, b, c, z), expected * 1e-12);

    [Fact]
    public void Hypergeometric2F1_OutsideTheUnitDisc_IsNaN()
        => Assert.True(double.IsNaN(SpecialFunctions.Hypergeometric2F1(1, 1, 2, 1)));

    [Theory]
    [InlineData(0.1, 2.2527126517342059)]
    [InlineData(7.5, 7.534364236758733)]
    [InlineData(123.456, 469.60554712992948)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    public void LogGamma_MatchesReference(double x, double expected)
        => Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12 * Math.Max(1, Math.Abs(expected)));
}
