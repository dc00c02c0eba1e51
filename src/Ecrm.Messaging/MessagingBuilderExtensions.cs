using Ecrm;
using Ecrm.Messaging;
using Ecrm.Messaging.Email;
using Ecrm.Messaging.Sms;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SMS and e-mail senders as <see cref="IMessageSender"/>s.</summary>
public static class MessagingBuilderExtensions
{
    /// <summary>Adds the Aliyun SMS sender (<see cref="AliyunSmsSender"/>). Options are validated at start-up.</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the AccessKey, the signature name and optionally the resilience settings.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddAliyunSms(this IEcrmBuilder builder, Action<AliyunSmsOptions> configure) =>
        Add<AliyunSmsSender, AliyunSmsOptions>(builder, configure, AliyunSmsSender.HttpClientName, o => o.Validate());

    /// <summary>Adds the SendGrid e-mail sender (<see cref="SendGridEmailSender"/>). Options are validated at start-up.</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the API key, the sender address and optionally the resilience settings.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddSendGrid(this IEcrmBuilder builder, Action<SendGridOptions> configure) =>
        Add<SendGridEmailSender, SendGridOptions>(builder, configure, SendGridEmailSender.HttpClientName, o => o.Validate());

    /// <summary>Adds the Mailgun e-mail sender (<see cref="MailgunEmailSender"/>). Options are validated at start-up.</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the API key, the domain, the sender address and optionally the resilience settings.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddMailgun(this IEcrmBuilder builder, Action<MailgunOptions> configure) =>
        Add<MailgunEmailSender, MailgunOptions>(builder, configure, MailgunEmailSender.HttpClientName, o => o.Validate());

    /// <summary>
    /// Adds <see cref="EmailEventWebhookHandler"/>: SendGrid's signed event webhook and Mailgun's webhooks bring
    /// deliveries, opens, clicks, bounces and unsubscribes back as events. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the SendGrid verification key and/or the Mailgun signing key.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddEmailEventWebhooks(this IEcrmBuilder builder, Action<EmailEventWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        builder.Services.AddValidatedOptions<EmailEventWebhookOptions>(o => o.Validate());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<EmailEventWebhookHandler>();
        return builder;
    }

    private static IEcrmBuilder Add<TSender, TOptions>(IEcrmBuilder builder, Action<TOptions> configure, string clientName, Action<TOptions> validate)
        where TSender : class, IMessageSender
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.Configure(configure);
        services.AddValidatedOptions(validate);
        services.AddHttpClient(clientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, TSender>(sp => sp.GetRequiredService<TSender>()));
        return builder;
    }
}
