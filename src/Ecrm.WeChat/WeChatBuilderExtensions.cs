using Ecrm;
using Ecrm.WeChat;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the WeChat official account callback.</summary>
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
}
