using System.Globalization;
using Ecrm.Resolution;

namespace Ecrm.Testing.Population;

/// <summary>
/// Generates person records with known truth: distinct people (names with a realistic frequency skew and a long tail of
/// rare ones), their duplicates with realistic corruptions, people who moved, and households (same surname and
/// address, other given names and birth dates, often one shared phone; twins; juniors named after their fathers).
/// </summary>
internal static class PopulationGenerator
{
    /// <summary>The columns of every record (Febrl's ten, then a phone and an e-mail), with their kinds.</summary>
    public static readonly (string Column, FieldKind Kind)[] Columns =
    [
        ("given_name", FieldKind.GivenName), ("surname", FieldKind.FamilyName), ("street_number", FieldKind.StreetNumber),
        ("address_1", FieldKind.Address), ("address_2", FieldKind.Address), ("suburb", FieldKind.City),
        ("postcode", FieldKind.Postcode), ("state", FieldKind.Region), ("date_of_birth", FieldKind.BirthDate),
        ("soc_sec_id", FieldKind.NationalId), ("phone", FieldKind.Phone), ("email", FieldKind.Email),
    ];

    private const int Given = 0, Family = 1, Number = 2, Street = 3, Building = 4, Suburb = 5, Postcode = 6, State = 7, Birth = 8, NationalId = 9, Phone = 10, Email = 11;

    private static readonly ThreadLocal<HashSet<string>> TakenEmails = new(() => new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Generates the records: each person's own record, then their duplicates, in a shuffled order.</summary>
    public static List<GeneratedRecord> Generate(PopulationOptions options)
    {
        TakenEmails.Value!.Clear();
        var random = new Random(options.Seed);
        var towns = Towns(random);
        var people = new List<Person>();
        var household = 0;
        while (people.Count < options.People)
        {
            if (random.NextDouble() < options.HouseholdShare)
            {
                people.AddRange(Household(random, towns, household++, options, people.Count).Take(options.People - people.Count));
            }
            else
            {
                people.Add(Single(random, towns, household++, people.Count));
            }
        }

        var records = new List<GeneratedRecord>();
        foreach (var p in people)
        {
            records.Add(new GeneratedRecord($"p{p.Id}-0", p.Id, p.Household, Missing(p.Values(), random, options.MissingShare)));
            if (random.NextDouble() >= options.DuplicateShare)
            {
                continue;
            }

            var duplicates = 1 + random.Next(options.MaxDuplicates);
            for (var d = 1; d <= duplicates; d++)
            {
                var values = p.Values();
                if (random.NextDouble() < options.MoverShare)
                {
                    Move(values, random, towns);
                }

                var corruptions = 1 + Binomial(random, 4, Math.Clamp((options.Corruptions - 1) / 4, 0, 1));
                for (var c = 0; c < corruptions; c++)
                {
                    Corrupt(values, random);
                }

                records.Add(new GeneratedRecord($"p{p.Id}-{d}", p.Id, p.Household, Missing(values, random, options.MissingShare)));
            }
        }

        // Shuffle (Fisher-Yates): duplicates do not sit next to their originals.
        for (var i = records.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (records[i], records[j]) = (records[j], records[i]);
        }

        return records;
    }

    /// <summary>The records as resolver input, with the columns chosen (by name) in that order.</summary>
    public static List<ResolutionRecord> ToResolution(IEnumerable<GeneratedRecord> records, IReadOnlyList<string> columns)
    {
        var indexes = columns.Select(c => Array.FindIndex(Columns, x => x.Column == c)).ToArray();
        return [.. records.Select(r => new ResolutionRecord(r.Id, [.. indexes.Select(i => r.Values[i])]))];
    }

    /// <summary>Resolver options for the columns chosen (by name), with their kinds.</summary>
    public static ResolverOptions Options(IReadOnlyList<string> columns)
    {
        var options = new ResolverOptions();
        foreach (var c in columns)
        {
            options.Fields.Add(new ResolutionField(c, Columns.Single(x => x.Column == c).Kind));
        }

        return options;
    }

    private static Person Single(Random random, Town[] towns, int household, int id)
    {
        var female = random.Next(2) == 0;
        var birth = new DateOnly(1935, 1, 1).AddDays(random.Next(365 * 70));
        var given = GivenName(random, female);
        var family = FamilyName(random);
        return new Person(id, household, given, family, birth, NewAddress(random, towns), NationalIdOf(random), MobileOf(random), EmailOf(random, given, family));
    }

    private static IEnumerable<Person> Household(Random random, Town[] towns, int household, PopulationOptions options, int firstId)
    {
        var size = 2 + random.Next(4);
        var family = FamilyName(random);
        var address = NewAddress(random, towns);
        var sharedPhone = random.NextDouble() < options.SharedPhoneShare ? LandlineOf(random, towns, address) : null;
        var sharedEmail = random.NextDouble() < options.SharedEmailShare ? $"{family}family{random.Next(100)}@{NamePools.EmailDomains[random.Next(NamePools.EmailDomains.Length)]}" : null;
        var parentBirth = new DateOnly(1940, 1, 1).AddDays(random.Next(365 * 45));
        var members = new List<Person>();
        var headFemale = random.Next(2) == 0;
        var given = new HashSet<string>(StringComparer.Ordinal);

        string Distinct(bool female)
        {
            string g;
            do
            {
                g = GivenName(random, female);
            }
            while (!given.Add(g));
            return g;
        }

        Person Member(string g, DateOnly birth, string? surname = null)
        {
            var p = new Person(firstId + members.Count, household, g, surname ?? family, birth, address, NationalIdOf(random), sharedPhone ?? MobileOf(random), sharedEmail ?? EmailOf(random, g, surname ?? family));
            members.Add(p);
            return p;
        }

        var head = Member(Distinct(headFemale), parentBirth);
        if (size >= 2 && random.NextDouble() < 0.8)
        {
            Member(Distinct(!headFemale), parentBirth.AddDays(random.Next(-5 * 365, 5 * 365)), random.NextDouble() < 0.8 ? null : FamilyName(random));
        }

        var twins = random.NextDouble() < options.TwinShare;
        var junior = !headFemale && random.NextDouble() < options.JuniorShare;
        DateOnly? twinBirth = null;
        while (members.Count < size)
        {
            var birth = parentBirth.AddDays(365 * (20 + random.Next(20)) + random.Next(365));
            if (twins && twinBirth is { } t)
            {
                birth = t;
                twins = false;
            }
            else if (twins)
            {
                twinBirth = birth;
            }

            var female = random.Next(2) == 0;
            var name = junior && !female ? head.Given : Distinct(female);
            junior &= female;
            Member(name, birth);
        }

        return members;
    }

    private static string GivenName(Random random, bool female)
        => random.NextDouble() < 0.12 ? NamePools.Invented(random) : NamePools.Zipf(random, female ? NamePools.FemaleGiven : NamePools.MaleGiven);

    private static string FamilyName(Random random)
        => random.NextDouble() < 0.25 ? NamePools.Invented(random) + (random.Next(3) == 0 ? "son" : string.Empty) : NamePools.Zipf(random, NamePools.Surnames);

    private static Address NewAddress(Random random, Town[] towns)
    {
        var town = towns[random.Next(towns.Length)];
        var street = (random.NextDouble() < 0.3 ? NamePools.Invented(random) : NamePools.Zipf(random, NamePools.StreetNames)) + " " + NamePools.StreetTypes[random.Next(NamePools.StreetTypes.Length)].Long;
        var building = random.NextDouble() < 0.25 ? NamePools.Buildings[random.Next(NamePools.Buildings.Length)] : null;
        return new Address((1 + random.Next(random.Next(4) == 0 ? 400 : 60)).ToString(CultureInfo.InvariantCulture), street, building, town);
    }

    /// <summary>
    /// A personal address made of the name, the way people pick them (so names and e-mails are correlated); unique, as
    /// a mail provider makes it (a taken name gets digits).
    /// </summary>
    private static string EmailOf(Random random, string given, string family)
    {
        string email;
        do
        {
            email = NameEmail(random, given, family);
        }
        while (!TakenEmails.Value!.Add(email));
        return email;
    }

    private static string NameEmail(Random random, string given, string family)
    {
        var local = random.Next(4) switch
        {
            0 => $"{given}.{family}",
            1 => $"{given[0]}{family}",
            2 => $"{given}{family[0]}",
            _ => $"{given}_{family}",
        };
        var suffix = random.Next(3) == 0 ? string.Empty : random.Next(1, 100).ToString(CultureInfo.InvariantCulture);
        return $"{local}{suffix}@{NamePools.EmailDomains[random.Next(NamePools.EmailDomains.Length)]}";
    }

    private static string NationalIdOf(Random random) => random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);

    private static string MobileOf(Random random) => "04" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    private static string LandlineOf(Random random, Town[] towns, Address address)
        => "0" + (2 + Array.IndexOf(NamePools.States, address.Town.State) % 7).ToString(CultureInfo.InvariantCulture) + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    private static Town[] Towns(Random random)
    {
        var towns = new Town[600];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < towns.Length; i++)
        {
            string name;
            do
            {
                name = random.Next(6) switch
                {
                    0 => "mount " + NamePools.Invented(random),
                    1 => NamePools.Invented(random) + " hills",
                    2 => NamePools.Invented(random) + " park",
                    _ => NamePools.Invented(random),
                };
            }
            while (!names.Add(name));
            var state = NamePools.States[Math.Min(NamePools.States.Length - 1, (int)(Math.Pow(random.NextDouble(), 1.6) * NamePools.States.Length))];
            var postcode = (1000 * (1 + Array.IndexOf(NamePools.States, state) % 8) + random.Next(1000)).ToString("0000", CultureInfo.InvariantCulture);
            towns[i] = new Town(name, postcode, state);
        }

        return towns;
    }

    private static void Move(string?[] values, Random random, Town[] towns)
    {
        var a = NewAddress(random, towns);
        values[Number] = a.Number;
        values[Street] = a.Street;
        values[Building] = a.Building;
        values[Suburb] = a.Town.Name;
        values[Postcode] = a.Town.Postcode;
        values[State] = a.Town.State;
        if (random.Next(2) == 0)
        {
            values[Phone] = MobileOf(random);
        }
    }

    private static void Corrupt(string?[] v, Random random)
    {
        var roll = random.Next(100);
        switch (roll)
        {
            case < 14: Text(v, Given, random, Corruptions.Typo); break;
            case < 28: Text(v, Family, random, Corruptions.Typo); break;
            case < 33: Text(v, random.Next(2) == 0 ? Given : Family, random, Corruptions.Phonetic); break;
            case < 38: Text(v, Given, random, (g, r) => Corruptions.Nickname(g, r) ?? Corruptions.Typo(g, r)); break;
            case < 42: (v[Given], v[Family]) = (v[Family], v[Given]); break;
            case < 52: Text(v, Street, random, Corruptions.Typo); break;
            case < 56: Text(v, Street, random, s => Abbreviate(s)); break;
            case < 58: (v[Street], v[Building]) = (v[Building], v[Street]); break;
            case < 64: Text(v, Suburb, random, Corruptions.Typo); break;
            case < 68: Text(v, Postcode, random, Corruptions.DigitTypo); break;
            case < 71: Text(v, Number, random, Corruptions.DigitTypo); break;
            case < 80: Text(v, Birth, random, Corruptions.BirthDate); break;
            case < 85: Text(v, NationalId, random, Corruptions.DigitTypo); break;
            case < 89: Text(v, Phone, random, Corruptions.PhoneFormat); break;
            case < 91: Text(v, Phone, random, Corruptions.DigitTypo); break;
            default: v[random.Next(v.Length)] = null; break;
        }
    }

    private static void Text(string?[] v, int column, Random random, Func<string, Random, string> change)
    {
        if (v[column] is { Length: > 1 } s)
        {
            v[column] = change(s, random);
        }
    }

    private static void Text(string?[] v, int column, Random random, Func<string, string> change) => Text(v, column, random, (s, _) => change(s));

    private static string Abbreviate(string street)
    {
        foreach (var (full, shortForm) in NamePools.StreetTypes)
        {
            if (street.EndsWith(" " + full, StringComparison.Ordinal))
            {
                return street[..^full.Length] + shortForm;
            }
        }

        return street;
    }

    private static string?[] Missing(string?[] values, Random random, double share)
    {
        for (var c = 0; c < values.Length; c++)
        {
            if (random.NextDouble() < share)
            {
                values[c] = null;
            }
        }

        return values;
    }

    private static int Binomial(Random random, int n, double p)
    {
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            k += random.NextDouble() < p ? 1 : 0;
        }

        return k;
    }

    private sealed record Town(string Name, string Postcode, string State);

    private sealed record Address(string Number, string Street, string? Building, Town Town);

    private sealed record Person(int Id, int Household, string Given, string Family, DateOnly Birth, Address Address, string NationalId, string Phone, string Email)
    {
        public string?[] Values() =>
        [
            Given, Family, Address.Number, Address.Street, Address.Building, Address.Town.Name, Address.Town.Postcode, Address.Town.State,
            Birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), NationalId, Phone, Email,
        ];
    }
}
