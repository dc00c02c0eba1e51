using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ecrm.ProviderStubs;

/// <summary>
/// A provider stub: a real Kestrel server on 127.0.0.1 (a free port) that speaks one provider's wire format, records
/// what it was asked to do, and injects faults from a <see cref="FaultPlan"/>.
/// </summary>
public abstract class ProviderStub : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Gets or sets the faults to inject.</summary>
    public FaultPlan Faults { get; set; } = FaultPlan.None;

    /// <summary>Gets or sets how long a <see cref="FaultKind.Hang"/> waits (longer than the client's attempt timeout).</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the server's address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the number of requests received.</summary>
    public int Requests => _requests;

    /// <summary>Gets how many times each thing was done (delivered), by the stub's key for it.</summary>
    public ConcurrentDictionary<string, int> Done { get; } = new(StringComparer.Ordinal);

    private int _requests;

    /// <summary>Starts the server.</summary>
    /// <returns>A task that completes when the server listens.</returns>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync().ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Maps the provider's routes.</summary>
    /// <param name="app">The app.</param>
    protected abstract void Map(WebApplication app);

    /// <summary>Records that a thing was done.</summary>
    /// <param name="key">The stub's key for it.</param>
    protected void Record(string key) => Done.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>
    /// Runs a request through the fault plan: an injected fault is answered here (or, for
    /// <see cref="FaultKind.LoseAnswer"/>, after <paramref name="handle"/> has done the work), otherwise the handler answers.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="handle">Does the work and writes the normal answer.</param>
    /// <param name="busy">Writes the provider's own "busy" answer.</param>
    /// <returns>A task.</returns>
    protected async Task WithFaults(HttpContext context, Func<Task> handle, Func<HttpContext, Task> busy)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _requests);
        switch (Faults.Next())
        {
            case FaultKind.ServerError:
                context.Response.StatusCode = _requests % 2 == 0 ? 500 : 503;
                await context.Response.WriteAsync("injected server error").ConfigureAwait(false);
                return;
            case FaultKind.Throttled:
                await Throttle(context).ConfigureAwait(false);
                return;
            case FaultKind.Busy:
                await busy(context).ConfigureAwait(false);
                return;
            case FaultKind.Hang:
                try
                {
                    await Task.Delay(HangFor, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                context.Abort();
                return;
            case FaultKind.LoseAnswer:
                // Do the work into a throw-away body, then drop the connection without answering.
                var real = context.Response.Body;
                context.Response.Body = Stream.Null;
                await handle().ConfigureAwait(false);
                context.Response.Body = real;
                context.Abort();
                return;
            default:
                await handle().ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Writes a 429 with Retry-After: 0 (subclasses add provider headers).</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task.</returns>
    protected virtual Task Throttle(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = 429;
        context.Response.Headers.RetryAfter = "0";
        return context.Response.WriteAsync("injected throttle");
    }
}
