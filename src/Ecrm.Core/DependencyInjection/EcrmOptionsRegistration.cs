using Ecrm;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an options class that validates itself, checked when the host starts (used by every Ecrm package).</summary>
public static class EcrmOptionsRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TOptions"/> with a validator that runs <paramref name="validate"/> at start-up; an
    /// <see cref="EcrmException"/> it throws becomes the validation failure, with its message naming the option.
    /// </summary>
    /// <typeparam name="TOptions">The options class.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="validate">The options' own check, such as <c>o => o.Validate()</c>.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, Action<TOptions> validate)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(validate);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new ValidatedBy<TOptions>(validate)));
        return services.AddOptions<TOptions>().ValidateOnStart();
    }

    private sealed class ValidatedBy<TOptions>(Action<TOptions> validate) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            try
            {
                validate(options);
                return ValidateOptionsResult.Success;
            }
            catch (EcrmException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
