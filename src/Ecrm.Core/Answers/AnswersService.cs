using Ecrm.Listening;
using Ecrm.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecrm.Answers;

/// <summary>
/// The answer library in use, the unmatched-question log, and the auto-responder: an observer that answers incoming
/// messages on <see cref="AnswersOptions.RespondByMessage"/> channels through their senders (service purpose, the
/// message key <c>answer:EVENT</c> so a replayed message is not answered twice).
/// </summary>
internal sealed partial class AnswersService : IAnswers, ICustomerChangeObserver, IAsyncDisposable, IDisposable
{
    private readonly IServiceProvider _services;
    private readonly AnswersOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (string Question, int Count, HashSet<string> Channels, DateTimeOffset Last)> _unmatched = new(StringComparer.Ordinal);
    private readonly Internal.BackgroundQueue<CustomerEvent> _questions;
    private volatile AnswerLibrary _library;

    public AnswersService(IServiceProvider services, IOptions<AnswersOptions> options, TimeProvider time, ILogger<AnswersService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _library = _options.Library;
        _questions = new(RespondAsync, ex => RespondFailed(_logger, ex), batchSize: 100);
    }

    public AnswerLibrary Library => _library;

    public void Publish(AnswerLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        lock (_unmatched)
        {
            if (library.Version <= _library.Version && _library.Entries.Count > 0)
            {
                throw new EcrmException($"Answers: expected a library version above {_library.Version}, received {library.Version}.");
            }

            _library = library;
        }

        Published(_logger, library.Version, library.Entries.Count);
    }

    public AnswerMatch? Find(string question, EventChannel? channel = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var match = _library.Match(question);
        if (match is null && !string.IsNullOrWhiteSpace(question))
        {
            var key = KeywordMatcher.Fold(question);
            lock (_unmatched)
            {
                if (_unmatched.TryGetValue(key, out var seen) || _unmatched.Count < _options.UnmatchedCapacity)
                {
                    seen = seen.Question is null ? (question.Trim(), 0, new HashSet<string>(StringComparer.Ordinal), default) : seen;
                    seen.Channels.Add(channel?.Name ?? "staff");
                    _unmatched[key] = (seen.Question, seen.Count + 1, seen.Channels, _time.GetUtcNow());
                }
            }

            Unmatched(_logger, channel?.Name ?? "staff", question.Length > 100 ? question[..100] : question);
        }

        return match;
    }

    public IReadOnlyList<UnmatchedQuestion> GetUnmatched(int top = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, 1000);
        lock (_unmatched)
        {
            return [.. _unmatched.Values.OrderByDescending(u => u.Count).ThenByDescending(u => u.Last).Take(top)
                .Select(u => new UnmatchedQuestion(u.Question, u.Count, [.. u.Channels.Order(StringComparer.Ordinal)], u.Last))];
        }
    }

    /// <summary>Queues incoming questions for an answer by message (sent in the background: ingestion is not held up).</summary>
    public ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var accepted in changes.Events)
        {
            var e = accepted.Event;
            if (e.Type == EventType.Message && _options.RespondByMessage.Contains(e.Channel) && e.Properties?.Text is { Length: > 0 })
            {
                _questions.Enqueue(e);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when every queued question was answered (tests, orderly shutdown).</summary>
    internal Task WhenIdleAsync() => _questions.WhenIdleAsync();

    public ValueTask DisposeAsync() => _questions.DisposeAsync();

    public void Dispose() => _questions.Dispose();

    private async Task RespondAsync(IReadOnlyList<CustomerEvent> questions, CancellationToken cancellationToken)
    {
        foreach (var e in questions)
        {
            var question = e.Properties!.Text!;
            var sender = _services.GetServices<IMessageSender>().FirstOrDefault(s => s.Channel == e.Channel);
            var recipient = e.Identities.FirstOrDefault(i => e.Channel == EventChannel.Email ? i.Kind == IdentityKind.Email : i.Kind == IdentityKind.Phone);
            if (sender is null || recipient.Kind.IsDefault || Find(question, e.Channel) is not { } match)
            {
                continue;
            }

            var subject = _options.EmailSubject.Replace("{question}", question.Length > 40 ? question[..40] + "…" : question, StringComparison.Ordinal);
            var receipt = await sender.SendAsync(
                new OutboundMessage
                {
                    IdempotencyKey = "answer:" + (e.Id.Length > 57 ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(e.Id)))[..57] : Sanitize(e.Id)),
                    Recipient = recipient,
                    Purpose = MessagePurpose.Service,
                    Subject = e.Channel == EventChannel.Email ? subject : null,
                    Text = match.Answer,
                },
                cancellationToken).ConfigureAwait(false);
            Answered(_logger, e.Channel.Name, match.Entry.Id, match.LibraryVersion, receipt.Status);
        }
    }

    private static string Sanitize(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' ? c : '_')]);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Answer library version {Version} published with {Entries} entries")]
    private static partial void Published(ILogger logger, int version, int entries);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Unanswered question on {Channel}: {Question}")]
    private static partial void Unmatched(ILogger logger, string channel, string question);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Error, Message = "Answering queued questions failed")]
    private static partial void RespondFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Debug, Message = "Answered a {Channel} message with entry {Entry} (library v{Version}): {Status}")]
    private static partial void Answered(ILogger logger, string channel, string entry, int version, SendStatus status);
}
