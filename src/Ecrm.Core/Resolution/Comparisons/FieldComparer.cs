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
        FieldKind.GivenName or FieldKind.FamilyName or FieldKind.FullName or FieldKind.Address or FieldKind.BirthDate or FieldKind.NationalId or FieldKind.Phone => 4,
        FieldKind.Region => 2,
        _ => 3,
    };

    public static string? Prepare(FieldKind kind, string? raw) => kind switch
    {
        FieldKind.BirthDate => Dates(raw),
        FieldKind.StreetNumber or FieldKind.Postcode or FieldKind.NationalId => TextFolding.Digits(raw) ?? TextFolding.Fold(raw),
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
            case FieldKind.GivenName or FieldKind.FullName when TextFolding.HasIdeographs(a) || TextFolding.HasIdeographs(b):
                // Chinese names are two to four characters: one character apart is "王小明" and "王晓明" (a homophone
                // typo) but also "王小明" and "王小红" (siblings sharing a generation character), so it is only similar;
                // two-character names one apart ("王伟", "王芳") share just the surname.
                return Math.Min(a.Length, b.Length) >= 3 && Similarity.WithinOneEdit(a, b) ? 1 : 0;
            case FieldKind.GivenName or FieldKind.FamilyName or FieldKind.FullName:
            {
                var jw = Similarity.JaroWinklerAtLeast(a, b, 0.8);
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

                var jw = Similarity.JaroWinklerAtLeast(a, b, 0.8);
                return jw >= 0.92 ? 2 : jw >= 0.8 || tokens >= 0.5 ? 1 : 0;
            }

            case FieldKind.City:
                return Similarity.JaroWinklerAtLeast(a, b, 0.88) >= 0.88 ? 1 : 0;
            case FieldKind.Region:
                return 0;
            case FieldKind.BirthDate:
                return CompareDates(a, b);
            case FieldKind.Email:
                return MailboxTypo(a, b) ? 1 : 0;
            case FieldKind.Phone or FieldKind.NationalId:
                // One typo is close; two (a digit wrong and two swapped, say) still rarely happen by chance.
                return kind == FieldKind.Phone && SameNationalNumber(a, b) ? 3 : Similarity.WithinOneEdit(a, b) ? 2 : Similarity.TwoEditsApart(a, b) ? 1 : 0;
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

        return Similarity.WithinOneEdit(a, b) ? 2 : Similarity.TwoEditsApart(a, b) ? 1 : 0;
    }

    /// <summary>
    /// A date as YYYYMMDD: "1990-03-05", "1990/3/5", "1990年3月5日" and "19900305" are year first; "05/03/1990" is read
    /// day first (a month-first date then compares as day and month swapped, which is a level of its own). Anything
    /// else keeps its digits.
    /// </summary>
    private static string? Dates(string? raw)
    {
        var digits = TextFolding.Digits(raw);
        if (digits is null || raw is null)
        {
            return digits;
        }

        var text = raw.Trim();
        var groups = new List<string>(3);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var digit = i < text.Length && char.IsAsciiDigit(text[i]);
            if (digit && start < 0)
            {
                start = i;
            }
            else if (!digit && start >= 0)
            {
                groups.Add(text[start..i]);
                start = -1;
            }
        }

        if (groups.Count == 3 && groups.All(g => g.Length <= 4))
        {
            var (y, m, d) = groups[0].Length == 4 ? (groups[0], groups[1], groups[2]) : groups[2].Length == 4 ? (groups[2], groups[1], groups[0]) : (null, null, null);
            if (y is not null && m!.Length <= 2 && d!.Length <= 2)
            {
                return y + m.PadLeft(2, '0') + d.PadLeft(2, '0');
            }
        }

        return digits;
    }

    /// <summary>
    /// One mailbox with a typo: one edit in the domain ("gmial.com"), or one letter in the local part at the same
    /// domain. Not the same local part at another provider, nor a different digit: addresses are made of names, so
    /// "li.wei@qq.com" and "li.wei@163.com", or "asmith27" and "asmith77", are as often two people who share a name.
    /// </summary>
    private static bool MailboxTypo(string a, string b)
    {
        var atA = a.IndexOf('@', StringComparison.Ordinal);
        var atB = b.IndexOf('@', StringComparison.Ordinal);
        if (atA <= 0 || atB <= 0 || !Similarity.WithinOneEdit(a, b))
        {
            return false;
        }

        if (a.AsSpan(0, atA).SequenceEqual(b.AsSpan(0, atB)))
        {
            return true; // the typo is in the domain
        }

        if (!a.AsSpan(atA).SequenceEqual(b.AsSpan(atB)))
        {
            return false;
        }

        // The typo is in the local part: it must not change a digit.
        return string.Equals(TextFolding.Digits(a[..atA]), TextFolding.Digits(b[..atB]), StringComparison.Ordinal);
    }

    /// <summary>One number written with its country code and once without: "61412345678" and "412345678".</summary>
    private static bool SameNationalNumber(string a, string b)
    {
        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        return shorter.Length >= 7 && longer.Length - shorter.Length <= 3 && longer.EndsWith(shorter, StringComparison.Ordinal);
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
