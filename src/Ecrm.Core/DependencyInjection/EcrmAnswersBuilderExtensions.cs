using Ecrm;
using Ecrm.Answers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the answer library.</summary>
public static class EcrmAnswersBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="IAnswers"/>: one answer library for every channel's auto-reply (WeChat passive replies when
    /// <c>AddWeChat</c> is used, e-mail auto-responses through the e-mail sender) and for staff tools.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <param name="configure">Sets the library and the channels answered by message.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddAnswers(this IEcrmBuilder builder, Action<AnswersOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(AnswersService)))
        {
            return builder;
        }

        services.AddValidatedOptions<AnswersOptions>(o => o.Validate());
        services.TryAddSingleton<AnswersService>();
        services.TryAddSingleton<IAnswers>(sp => sp.GetRequiredService<AnswersService>());
        services.AddSingleton<ICustomerChangeObserver>(sp => sp.GetRequiredService<AnswersService>());
        return builder;
    }
}
