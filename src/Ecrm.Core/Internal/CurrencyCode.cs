namespace Ecrm;

/// <summary>Checks ISO 4217 currency code syntax (three uppercase ASCII letters).</summary>
internal static class CurrencyCode
{
    public static bool IsValid(string? code)
        => code is { Length: 3 } && code[0] is >= 'A' and <= 'Z' && code[1] is >= 'A' and <= 'Z' && code[2] is >= 'A' and <= 'Z';
}
