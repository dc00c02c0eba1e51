namespace Ecrm.Core.Tests;

public sealed class ExceptionHierarchyTests
{
    [Fact]
    public void EveryPublicExceptionOfTheSdk_DerivesFromEcrmException()
    {
        var exceptions = typeof(EcrmException).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .ToList();

        Assert.Contains(typeof(EventValidationException), exceptions);
        Assert.All(exceptions, t => Assert.True(typeof(EcrmException).IsAssignableFrom(t), $"{t.FullName} must derive from EcrmException."));
    }
}
