namespace Ecrm;

/// <summary>
/// Brings identity values into the canonical form under which the customer graph compares them: phone numbers to
/// E.164 (national numbers read in a default region), e-mail addresses trimmed and lower-cased, other values trimmed.
/// </summary>
/// <remarks>
/// Normalisation is deliberately conservative: it never guesses digits. A phone number is accepted when, after removing
/// spaces, hyphens, dots and parentheses, it is <c>+</c> or <c>00</c> followed by 8-15 digits, or a national number of
/// 4-14 digits in the default region (whose trunk prefix is dropped). Hosts that need full numbering-plan validation can
/// normalise with a dedicated library before ingestion; already-normal values pass through without allocation.
/// </remarks>
public sealed class IdentityNormalizer
{
    private const int MaxValueLength = 256;
    private const int MaxEmailLength = 254;
    private readonly PhoneRegion _region;

    /// <summary>Creates a normaliser that reads national phone numbers in the given region.</summary>
    /// <param name="defaultPhoneRegion">The region for phone numbers written without a country code.</param>
    public IdentityNormalizer(PhoneRegion defaultPhoneRegion)
    {
        _region = defaultPhoneRegion ?? throw new ArgumentNullException(nameof(defaultPhoneRegion));
    }

    /// <summary>Gets the region national phone numbers are read in.</summary>
    public PhoneRegion DefaultPhoneRegion => _region;

    /// <summary>Normalises an identity.</summary>
    /// <param name="identity">The identity as received.</param>
    /// <returns>The canonical identity (the same instance when it was already canonical).</returns>
    /// <exception cref="IdentityFormatException">The value or scope is empty, too long, or not a valid phone / e-mail.</exception>
    public Identity Normalize(Identity identity)
    {
        if (identity.Kind.IsDefault)
        {
            throw new IdentityFormatException("kind", "expected a kind such as 'phone', received none.");
        }

        var scope = identity.Scope is null ? null : NormalizePlain(identity.Scope, "scope");
        string value;
        if (identity.Kind == IdentityKind.Phone)
        {
            value = NormalizePhone(identity.Value);
        }
        else if (identity.Kind == IdentityKind.Email)
        {
            value = NormalizeEmail(identity.Value);
        }
        else
        {
            value = NormalizePlain(identity.Value, "value");
        }

        if (identity.Kind == IdentityKind.WeChatOpenId && scope is null)
        {
            throw new IdentityFormatException("scope", $"expected the official account's app id as the scope of wechat-openid '{value}' (text form 'wechat-openid:APPID/OPENID'), received none.");
        }

        return ReferenceEquals(value, identity.Value) && ReferenceEquals(scope, identity.Scope)
            ? identity
            : new Identity(identity.Kind, value, scope);
    }

    /// <summary>Normalises a phone number to E.164.</summary>
    /// <param name="phone">The number as written, for example <c>138 0013 8000</c> or <c>+86-138-0013-8000</c>.</param>
    /// <returns>The E.164 form, for example <c>+8613800138000</c>.</returns>
    /// <exception cref="IdentityFormatException">The number has letters, too few or too many digits.</exception>
    public string NormalizePhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        if (IsE164(phone))
        {
            return phone;
        }

        Span<char> digits = stackalloc char[32];
        var n = 0;
        var plus = false;
        foreach (var c in phone.AsSpan().Trim())
        {
            if (c is >= '0' and <= '9')
            {
                if (n == digits.Length)
                {
                    throw PhoneError(phone, "too many digits");
                }

                digits[n++] = c;
            }
            else if (c == '+' && n == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '\u00a0'))
            {
                throw PhoneError(phone, $"unexpected character '{c}'");
            }
        }

        ReadOnlySpan<char> d = digits[..n];
        if (!plus && d.StartsWith("00"))
        {
            d = d[2..];
            plus = true;
        }

        if (plus)
        {
            if (d.Length is < 8 or > 15 || d[0] == '0')
            {
                throw PhoneError(phone, "an international number needs 8-15 digits after '+' and no leading 0");
            }

            return string.Concat("+", d);
        }

        if (_region.TrunkPrefix.Length > 0 && d.StartsWith(_region.TrunkPrefix))
        {
            d = d[_region.TrunkPrefix.Length..];
        }

        if (d.Length < 4 || d.Length + _region.CallingCode.Length > 15)
        {
            throw PhoneError(phone, $"a national number in region {_region.RegionCode} needs 4-{15 - _region.CallingCode.Length} digits");
        }

        return string.Concat("+", _region.CallingCode, d);
    }

    /// <summary>Normalises an e-mail address: trimmed, lower-cased (invariant), one '@' with text on both sides.</summary>
    /// <param name="email">The address as written.</param>
    /// <returns>The canonical address.</returns>
    /// <exception cref="IdentityFormatException">The address is malformed or longer than 254 characters.</exception>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var span = email.AsSpan().Trim();
        var at = span.IndexOf('@');
        if (span.Length is 0 or > MaxEmailLength || at <= 0 || at == span.Length - 1 || span[(at + 1)..].Contains('@')
            || span.ContainsAny(" \t\r\n,;<>") || !span[(at + 1)..].Contains('.'))
        {
            throw new IdentityFormatException("value", $"expected an e-mail address like 'name@example.com' of at most {MaxEmailLength} characters, received '{Truncate(email)}'.");
        }

        var needsLower = false;
        foreach (var c in span)
        {
            if (char.IsUpper(c))
            {
                needsLower = true;
                break;
            }
        }

        if (!needsLower && span.Length == email.Length)
        {
            return email;
        }

        return needsLower ? span.ToString().ToLowerInvariant() : span.ToString();
    }

    private static string NormalizePlain(string value, string part)
    {
        var span = value.AsSpan().Trim();
        if (span.Length == 0)
        {
            throw new IdentityFormatException(part, "expected a non-empty text, received an empty one.");
        }

        if (span.Length > MaxValueLength)
        {
            throw new IdentityFormatException(part, $"expected at most {MaxValueLength} characters, received {span.Length}.");
        }

        if (Internal.ControlCharacters.IndexOf(span) is var at and >= 0)
        {
            throw new IdentityFormatException(part, $"expected no control characters, received U+{(int)span[at]:X4} in '{Truncate(value)}'.");
        }

        return span.Length == value.Length ? value : span.ToString();
    }

    private static bool IsE164(string phone)
    {
        if (phone.Length is < 9 or > 16 || phone[0] != '+' || phone[1] == '0')
        {
            return false;
        }

        for (var i = 1; i < phone.Length; i++)
        {
            if (phone[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static IdentityFormatException PhoneError(string phone, string problem)
        => new("value", $"expected a phone number (E.164 like '+8613800138000' or a national number), received '{Truncate(phone)}': {problem}.");

    private static string Truncate(string s) => s.Length <= 64 ? s : string.Concat(s.AsSpan(0, 64), "...");
}
