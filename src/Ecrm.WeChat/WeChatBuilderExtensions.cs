using Ecrm;
using Ecrm.Messaging;
using Ecrm.WeChat;
using Ecrm.WeChat.Api;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the WeChat official account callback and server API.</summary>
public static class WeChatBuilderExtensions
{
    /// <summary>Adds <see cref="WeChatCallbackHandler"/>. Options are validated at start-up.</summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the AppID, Token and EncodingAESKey.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddWeChat(this IEcrmBuilder builder, Action<WeChatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        builder.Services.AddValidatedOptions<WeChatOptions>(o => o.Validate());
        builder.Services.TryAddSingleton<WeChatCallbackHandler>();
        return builder;
    }

    /// <summary>
    /// Adds the official account's server API: <see cref="WeChatAccessTokens"/>, <see cref="WeChatApiClient"/>,
    /// <see cref="WeChatUsers"/>, <see cref="WeChatTags"/> and <see cref="WeChatMessageSender"/> as the
    /// <see cref="IMessageSender"/> for the <c>wechat</c> channel. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the AppID, the AppSecret and optionally the resilience settings.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddWeChatApi(this IEcrmBuilder builder, Action<WeChatApiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.Configure(configure);
        services.AddValidatedOptions<WeChatApiOptions>(o => o.Validate());
        services.AddHttpClient(WeChatApiClient.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WeChatAccessTokens>();
        services.TryAddSingleton<WeChatApiClient>();
        services.TryAddSingleton<WeChatUsers>();
        services.TryAddSingleton<WeChatTags>();
        services.TryAddSingleton<WeChatMessageSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, WeChatMessageSender>(sp => sp.GetRequiredService<WeChatMessageSender>()));
        return builder;
    }
}
