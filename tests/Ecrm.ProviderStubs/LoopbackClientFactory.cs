namespace Ecrm.ProviderStubs;

/// <summary>An <see cref="IHttpClientFactory"/> for tests: every client shares one handler (no proxy) and no client timeout of its own.</summary>
public sealed class LoopbackClientFactory : IHttpClientFactory, IDisposable
{
    private readonly SocketsHttpHandler _handler = new() { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };

    /// <inheritdoc />
    public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    /// <inheritdoc />
    public void Dispose() => _handler.Dispose();
}
