namespace Ecrm.Resolution;

/// <summary>
/// How one kind of field is prepared and compared: values are normalised once, and a pair of values gets an agreement
/// level from 0 (different) up to <see cref="Levels"/> - 1 (exact); a missing value gives no level at all, so it
/// neither helps nor hurts.
/// </summary>
internal static class FieldComparer
{
    public static string[] LevelNames(FieldKind kind) => Levels(kind) switch
    {
        2 => ["different", "exact"],
        3 => ["different", "close", "exact"],
        _ => ["different", "similar", "close", "exact"],
    };

    public static int Levels(FieldKind kind) => kind switch
    {
        FieldKind.GivenName or FieldKind.FamilyName or FieldKind.FullName or FieldKind.Address or FieldKind.BirthDate => 4,
        FieldKind.Region => 2,
        _ => 3,
    };

    public static string? Prepare(FieldKind kind, string? raw) => kind switch
    {
        FieldKind.StreetNumber or FieldKind.Postcode or FieldKind.BirthDate or FieldKind.NationalId => TextFolding.Digits(raw) ?? TextFolding.Fold(raw),
        FieldKind.Phone => PhoneDigits(raw),
        FieldKind.Email => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim().ToLowerInvariant(),
        _ => TextFolding.Fold(raw),
    };

    public static int Compare(FieldKind kind, string a, string b, string[]? tokensA = null, string[]? tokensB = null)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return Levels(kind) - 1;
        }

        switch (kind)
        {
            case FieldKind.GivenName or FieldKind.FamilyName or FieldKind.FullName:
            {
                var jw = Similarity.JaroWinkler(a, b);
                return jw >= 0.92 ? 2 : jw >= 0.8 ? 1 : 0;
            }

            case FieldKind.Address:
            {
                // The token set is a cheap merge of pre-sorted tokens: try it before Jaro-Winkler.
                var tokens = tokensA is not null && tokensB is not null ? Similarity.TokenSet(tokensA, tokensB) : Similarity.TokenSet(a, b);
                if (tokens >= 0.8)
                {
                    return 2;
                }

                var jw = Similarity.JaroWinkler(a, b);
                return jw >= 0.92 ? 2 : jw >= 0.8 || tokens >= 0.5 ? 1 : 0;
            }

            case FieldKind.City:
                return Similarity.JaroWinkler(a, b) >= 0.88 ? 1 : 0;
            case FieldKind.Region:
                return 0;
            case FieldKind.BirthDate:
                return CompareDates(a, b);
            case FieldKind.Email:
                return Similarity.JaroWinkler(a, b) >= 0.92 ? 1 : 0;
            default:
                // Numbers and ids: one typo (a substitution, a dropped or doubled digit, two digits swapped).
                return Similarity.WithinOneEdit(a, b) ? 1 : 0;
        }
    }

    private static int CompareDates(string a, string b)
    {
        if (a.Length == 8 && b.Length == 8
            && string.CompareOrdinal(a, 0, b, 0, 4) == 0
            && string.CompareOrdinal(a, 4, b, 6, 2) == 0
            && string.CompareOrdinal(a, 6, b, 4, 2) == 0)
        {
            return 2; // day and month swapped
        }

        return Similarity.WithinOneEdit(a, b) ? 2 : Similarity.EditDistance(a, b, 2) == 2 ? 1 : 0;
    }

    private static string? PhoneDigits(string? raw)
    {
        var digits = TextFolding.Digits(raw);
        if (digits is null)
        {
            return null;
        }

        // Compare national numbers: drop a leading country code 86 on 13-digit Chinese mobiles, and leading zeros.
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.TrimStart('0');
    }
}
