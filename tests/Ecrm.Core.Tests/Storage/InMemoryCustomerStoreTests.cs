using Ecrm.Storage;
using Ecrm.Storage.ConformanceTests;
using Ecrm.Storage.InMemory;

namespace Ecrm.Core.Tests.Storage;

/// <summary>The in-memory store passes the conformance suite unchanged.</summary>
public sealed class InMemoryCustomerStoreTests : CustomerStoreConformanceTests
{
    protected override CustomerStore CreateStore(EcrmOptions options) => new InMemoryCustomerStore(options);

    [Fact]
    public void Metadata_SaysMemoryAndNotDurable()
    {
        var store = new InMemoryCustomerStore(new EcrmOptions());
        Assert.Equal(new CustomerStoreMetadata("memory", false, null), store.Metadata);
    }
}
