using System.Globalization;

namespace Ecrm.Testing.Population;

/// <summary>The errors real records carry: keyboard typos, phonetic spellings, nicknames, swapped fields, digits mistyped.</summary>
internal static class Corruptions
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    private static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

    private static readonly (string From, string To)[] PhoneticPairs =
    [
        ("ph", "f"), ("f", "ph"), ("ck", "k"), ("c", "k"), ("k", "c"), ("y", "ie"), ("ie", "y"), ("ll", "l"), ("l", "ll"),
        ("tt", "t"), ("nn", "n"), ("ou", "ow"), ("ei", "ie"), ("s", "z"), ("mac", "mc"), ("mc", "mac"), ("ae", "e"),
    ];

    /// <summary>One keyboard error: a neighbouring key, a dropped, doubled or inserted letter, or two letters swapped.</summary>
    public static string Typo(string s, Random random)
    {
        if (s.Length < 2)
        {
            return s + Letters[random.Next(Letters.Length)];
        }

        var i = random.Next(s.Length);
        return random.Next(5) switch
        {
            0 => string.Concat(s.AsSpan(0, i), Neighbour(s[i], random).ToString(), s.AsSpan(i + 1)),
            1 => s.Remove(i, 1),
            2 => s.Insert(i, s[i].ToString()),
            3 => s.Insert(i, Neighbour(s[i], random).ToString()),
            _ => i + 1 < s.Length ? string.Concat(s.AsSpan(0, i), s.AsSpan(i + 1, 1), s.AsSpan(i, 1), s.AsSpan(i + 2)) : s.Remove(i, 1),
        };
    }

    /// <summary>A spelling that sounds the same (ph/f, c/k, y/ie, doubled consonants), or a typo when none applies.</summary>
    public static string Phonetic(string s, Random random)
    {
        var start = random.Next(PhoneticPairs.Length);
        for (var k = 0; k < PhoneticPairs.Length; k++)
        {
            var (from, to) = PhoneticPairs[(start + k) % PhoneticPairs.Length];
            var at = s.IndexOf(from, StringComparison.Ordinal);
            if (at >= 0)
            {
                return string.Concat(s.AsSpan(0, at), to, s.AsSpan(at + from.Length));
            }
        }

        return Typo(s, random);
    }

    /// <summary>One digit error: another digit, two digits swapped, or one dropped.</summary>
    public static string DigitTypo(string s, Random random)
    {
        var digits = Enumerable.Range(0, s.Length).Where(i => char.IsAsciiDigit(s[i])).ToArray();
        if (digits.Length < 2)
        {
            return s;
        }

        var i = digits[random.Next(digits.Length)];
        var j = digits.FirstOrDefault(d => d > i, -1);
        return random.Next(4) switch
        {
            0 or 1 => string.Concat(s.AsSpan(0, i), ((char)('0' + ((s[i] - '0' + 1 + random.Next(9)) % 10))).ToString(), s.AsSpan(i + 1)),
            2 when j > 0 => s[..i] + s[j] + s[(i + 1)..j] + s[i] + s[(j + 1)..],
            _ => s.Remove(i, 1),
        };
    }

    /// <summary>The short form of a given name, or the formal one of a short form, when the name has one.</summary>
    public static string? Nickname(string given, Random random)
    {
        var options = NamePools.Nicknames.Where(n => n.Formal == given).Select(n => n.Short)
            .Concat(NamePools.Nicknames.Where(n => n.Short == given).Select(n => n.Formal))
            .ToArray();
        return options.Length == 0 ? null : options[random.Next(options.Length)];
    }

    /// <summary>A birth date written another way: day and month swapped, a digit mistyped, the year off by one, or another format.</summary>
    public static string BirthDate(string yyyymmdd, Random random)
    {
        if (!DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DigitTypo(yyyymmdd, random); // already written another way
        }

        return random.Next(5) switch
        {
            0 when date.Day <= 12 => new DateOnly(date.Year, date.Day, date.Month).ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            1 => date.AddYears(random.Next(2) == 0 ? -1 : 1).ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            2 => date.ToString(random.Next(2) == 0 ? "yyyy-MM-dd" : "dd/MM/yyyy", CultureInfo.InvariantCulture),
            _ => DigitTypo(yyyymmdd, random),
        };
    }

    /// <summary>A phone number written another way: with the country code, spaces or dashes.</summary>
    public static string PhoneFormat(string phone, Random random) => random.Next(3) switch
    {
        0 => "+61 " + phone[1..],
        1 => phone[..4] + " " + phone[4..7] + " " + phone[7..],
        _ => string.Concat(phone.AsSpan(0, 4), "-", phone.AsSpan(4)),
    };

    private static char Neighbour(char c, Random random)
    {
        foreach (var row in KeyboardRows)
        {
            var at = row.IndexOf(c, StringComparison.Ordinal);
            if (at >= 0)
            {
                var left = at > 0 ? row[at - 1] : row[at + 1];
                var right = at + 1 < row.Length ? row[at + 1] : row[at - 1];
                return random.Next(2) == 0 ? left : right;
            }
        }

        return char.IsAsciiDigit(c) ? (char)('0' + random.Next(10)) : Letters[random.Next(Letters.Length)];
    }
}
