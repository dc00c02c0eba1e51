using Ecrm.Storage.ConformanceTests;
using Ecrm.Storage.InMemory;

namespace Ecrm.Core.Tests;

/// <summary>Creates an in-memory graph harness for unit tests.</summary>
internal static class TestGraph
{
    public static GraphHarness Create(Action<EcrmOptions>? configure = null) => new(o => new InMemoryCustomerStore(o), configure);
}
