using Microsoft.Extensions.Options;

namespace Ecrm;

/// <summary>Validates <see cref="EcrmOptions"/> at start-up with messages that name the option, the value and the fix.</summary>
public sealed class EcrmOptionsValidator : IValidateOptions<EcrmOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EcrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!PhoneRegion.TryGet(options.DefaultPhoneRegion, out _))
        {
            failures.Add($"EcrmOptions.DefaultPhoneRegion: expected one of {string.Join(", ", PhoneRegion.KnownRegionCodes.Order(StringComparer.Ordinal))}, received '{options.DefaultPhoneRegion}'.");
        }

        if (!CurrencyCode.IsValid(options.DefaultCurrency))
        {
            failures.Add($"EcrmOptions.DefaultCurrency: expected a three-letter ISO 4217 code such as 'CNY', received '{options.DefaultCurrency}'.");
        }

        if (options.MaxFutureSkew < TimeSpan.Zero || options.MaxFutureSkew > TimeSpan.FromDays(1))
        {
            failures.Add($"EcrmOptions.MaxFutureSkew: expected between 00:00:00 and 1.00:00:00, received {options.MaxFutureSkew}.");
        }

        if (options.MaxIdentitiesPerEvent is < 1 or > 1024)
        {
            failures.Add($"EcrmOptions.MaxIdentitiesPerEvent: expected 1 to 1024, received {options.MaxIdentitiesPerEvent}.");
        }

        if (options.MaxTextLength is < 1 or > 10_000_000)
        {
            failures.Add($"EcrmOptions.MaxTextLength: expected 1 to 10,000,000 characters, received {options.MaxTextLength}.");
        }

        if (options.Customer360TimelineLength is < 0 or > 1000)
        {
            failures.Add($"EcrmOptions.Customer360TimelineLength: expected 0 to 1000, received {options.Customer360TimelineLength}.");
        }

        foreach (var (kind, policy) in options.IdentityKinds)
        {
            try
            {
                _ = new IdentityKind(kind);
            }
            catch (TokenFormatException ex)
            {
                failures.Add($"EcrmOptions.IdentityKinds['{kind}']: {ex.Message}");
                continue;
            }

            if (policy is null)
            {
                failures.Add($"EcrmOptions.IdentityKinds['{kind}']: expected an IdentityKindOptions instance, received null.");
            }
            else if (!Enum.IsDefined(policy.Strength))
            {
                failures.Add($"EcrmOptions.IdentityKinds['{kind}'].Strength: expected Strong or Weak, received {(int)policy.Strength}.");
            }
            else if (policy.SharedAfter is < 1 or > 10_000)
            {
                failures.Add($"EcrmOptions.IdentityKinds['{kind}'].SharedAfter: expected 1 to 10000, received {policy.SharedAfter}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
