using Ecrm;
using Ecrm.WeChat;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        builder.Services.AddOptions<WeChatOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatOptions>, Validator>());
        builder.Services.TryAddSingleton<WeChatCallbackHandler>();
        return builder;
    }

    private sealed class Validator : IValidateOptions<WeChatOptions>
    {
        public ValidateOptionsResult Validate(string? name, WeChatOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (EcrmException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
