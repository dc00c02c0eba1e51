using Ecrm;
using Ecrm.Listening;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers listening: sentiment, early-warning alerts, surges, complaint topics, brand share, feature requests.</summary>
public static class EcrmListeningBuilderExtensions
{
    /// <summary>
    /// Adds listening (<see cref="IListening"/>), reading the text of every ingested comment, review, mention and message.
    /// The zero-configuration <see cref="LexiconSentimentAnalyzer"/> reads sentiment unless
    /// <see cref="UseSentimentAnalyzer"/> registers another. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Configures the options (may be called again to add to them).</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddListening(this IEcrmBuilder builder, Action<ListeningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(ListeningMarker)))
        {
            return builder;
        }

        services.AddSingleton<ListeningMarker>();
        services.AddValidatedOptions<ListeningOptions>(o => o.Validate());
        services.TryAddSingleton<ISentimentAnalyzer>(LexiconSentimentAnalyzer.Default);
        services.TryAddSingleton<ListeningService>();
        services.TryAddSingleton<IListening>(sp => sp.GetRequiredService<ListeningService>());
        services.AddSingleton<ICustomerChangeObserver>(sp => sp.GetRequiredService<ListeningService>());
        return builder;
    }

    /// <summary>Reads sentiment with the given analyzer, such as a <see cref="SentimentModel"/> trained on the company's reviews.</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="analyzer">The analyzer.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder UseSentimentAnalyzer(this IEcrmBuilder builder, ISentimentAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(analyzer);
        builder.Services.RemoveAll<ISentimentAnalyzer>();
        builder.Services.AddSingleton(analyzer);
        return builder;
    }

    /// <summary>Adds an in-process alert handler (called from a background queue, in order; exceptions are logged).</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddAlertHandler(this IEcrmBuilder builder, Func<AlertNotification, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        builder.Services.AddSingleton<IAlertSink>(new DelegateAlertSink(handler));
        return builder;
    }

    private sealed class ListeningMarker;
}
