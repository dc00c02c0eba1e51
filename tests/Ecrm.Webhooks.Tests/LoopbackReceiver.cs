using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Ecrm.Webhooks.Tests;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (over a plain socket, so faults are real: a dropped connection is a reset, not
/// an answer) that receives webhook deliveries the way a careful receiver does (verifies the signature, counts repeated
/// delivery ids), with injected faults: error statuses, Retry-After, slow answers, dropped connections.
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    public const string Secret = "test-secret-0123456789";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, Fault> _faults;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public LoopbackReceiver(Func<int, Fault>? faults = null)
    {
        _faults = faults ?? (_ => Fault.None);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hooks/ecrm");
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>How many times each delivery id was processed (answered 2xx, or processed before a too-slow answer).</summary>
    public ConcurrentDictionary<string, int> Accepted { get; } = new();

    public int RequestCount => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(socket));
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            while (await ReadRequestAsync(stream) is { } request)
            {
                if (!await AnswerAsync(socket, stream, request))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // the client gave up (a timeout) or the test ended
        }
    }

    private async Task<bool> AnswerAsync(Socket socket, NetworkStream stream, (Dictionary<string, string> Headers, byte[] Body) request)
    {
        var attempt = Interlocked.Increment(ref _requests);
        var delivery = request.Headers.GetValueOrDefault(WebhookPayload.DeliveryHeader.ToLowerInvariant()) ?? string.Empty;
        var verified = WebhookPayload.Verify(Secret, request.Headers.GetValueOrDefault(WebhookPayload.TimestampHeader.ToLowerInvariant()), request.Headers.GetValueOrDefault(WebhookPayload.SignatureHeader.ToLowerInvariant()), request.Body, DateTimeOffset.UtcNow);
        Requests.Enqueue(new Received(delivery, verified, JsonDocument.Parse(request.Body).RootElement.Clone(), DateTimeOffset.UtcNow, request.Headers.GetValueOrDefault("content-type")));
        var fault = _faults(attempt);
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                socket.LingerState = new LingerOption(true, 0); // close with a reset, no answer
                socket.Close();
                return false;
            case FaultKind.Status:
                await WriteAsync(stream, fault.Status, fault.RetryAfterSeconds);
                return true;
            case FaultKind.Slow:
                if (verified)
                {
                    Accepted.AddOrUpdate(delivery, 1, (_, n) => n + 1);
                }

                await Task.Delay(fault.DelayMilliseconds);
                await WriteAsync(stream, 200, null);
                return true;
            default:
                if (!verified)
                {
                    await WriteAsync(stream, 401, null);
                    return true;
                }

                Accepted.AddOrUpdate(delivery, 1, (_, n) => n + 1);
                await WriteAsync(stream, 200, null);
                return true;
        }
    }

    private static async Task WriteAsync(NetworkStream stream, int status, int? retryAfter)
    {
        var reason = status switch { 200 => "OK", 401 => "Unauthorized", 429 => "Too Many Requests", 500 => "Internal Server Error", 503 => "Service Unavailable", _ => "Status" };
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\n" + (retryAfter is { } r ? $"Retry-After: {r}\r\n" : string.Empty) + "\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();
    }

    private static async Task<(Dictionary<string, string> Headers, byte[] Body)?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            if (head.Count > 64 * 1024)
            {
                throw new IOException("request head too large");
            }
        }

        var lines = System.Text.Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        var body = new byte[int.Parse(headers.GetValueOrDefault("content-length") ?? "0", System.Globalization.CultureInfo.InvariantCulture)];
        await stream.ReadExactlyAsync(body);
        return (headers, body);
    }

    internal sealed record Received(string DeliveryId, bool Verified, JsonElement Body, DateTimeOffset At, string? ContentType);

    internal enum FaultKind
    {
        None,
        Status,
        Drop,
        Slow,
    }

    internal readonly record struct Fault(FaultKind Kind, int Status = 200, int? RetryAfterSeconds = null, int DelayMilliseconds = 0)
    {
        public static Fault None => default;

        public static Fault Http(int status, int? retryAfter = null) => new(FaultKind.Status, status, retryAfter);

        public static Fault Dropped => new(FaultKind.Drop);

        public static Fault SlowBy(int milliseconds) => new(FaultKind.Slow, DelayMilliseconds: milliseconds);
    }
}
