using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.Storage.ConformanceTests;

/// <summary>A customer graph over a store under test, with a fake clock at 2026-06-01T00:00:00Z.</summary>
public sealed class GraphHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _provider;

    public GraphHarness(Func<EcrmOptions, CustomerStore> createStore, Action<EcrmOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddEcrm(o => configure?.Invoke(o))
            .UseStore(sp => createStore(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EcrmOptions>>().Value));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Graph = _provider.GetRequiredService<ICustomerGraph>();
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public ICustomerGraph Graph { get; }

    public CustomerStore Store => _provider.GetRequiredService<CustomerStore>();

    public Privacy.ICustomerPrivacy Privacy => _provider.GetRequiredService<Privacy.ICustomerPrivacy>();

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
