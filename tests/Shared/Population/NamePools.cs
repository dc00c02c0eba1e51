namespace Ecrm.Testing.Population;

/// <summary>
/// Value pools for generated people, written for these tests (no third-party data): common names first, so that a
/// Zipf draw over the list gives the skew of real name frequencies, and syllables for a long tail of rare names,
/// streets and suburbs.
/// </summary>
internal static class NamePools
{
    public static readonly string[] FemaleGiven =
    [
        "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
        "lisa", "nancy", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle",
        "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen",
        "amy", "angela", "shirley", "anna", "brenda", "pamela", "emma", "nicole", "helen", "samantha",
        "katherine", "christine", "debra", "rachel", "carolyn", "janet", "catherine", "maria", "heather", "diane",
        "olivia", "julie", "joyce", "victoria", "ruth", "virginia", "lauren", "kelly", "christina", "joan",
        "evelyn", "judith", "megan", "andrea", "cheryl", "hannah", "jacqueline", "martha", "gloria", "teresa",
        "chloe", "isabella", "sophie", "madeline", "grace", "zoe", "charlotte", "ella", "amelia", "mia",
    ];

    public static readonly string[] MaleGiven =
    [
        "james", "robert", "john", "michael", "david", "william", "richard", "joseph", "thomas", "charles",
        "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua",
        "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan",
        "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon",
        "benjamin", "samuel", "gregory", "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry",
        "tyler", "aaron", "jose", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle",
        "ethan", "walter", "noah", "jeremy", "christian", "keith", "roger", "terry", "gerald", "harold",
        "liam", "oliver", "lachlan", "cooper", "riley", "harrison", "connor", "mitchell", "blake", "jayden",
    ];

    public static readonly string[] Surnames =
    [
        "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez",
        "wilson", "anderson", "taylor", "thomas", "moore", "jackson", "martin", "lee", "thompson", "white",
        "harris", "clark", "lewis", "robinson", "walker", "young", "allen", "king", "wright", "scott",
        "hill", "green", "adams", "baker", "nelson", "carter", "mitchell", "roberts", "turner", "phillips",
        "campbell", "parker", "evans", "edwards", "collins", "stewart", "morris", "murphy", "cook", "rogers",
        "morgan", "cooper", "peterson", "reed", "bailey", "bell", "kelly", "howard", "ward", "cox",
        "richardson", "wood", "watson", "brooks", "bennett", "gray", "hughes", "price", "sanders", "myers",
        "long", "ross", "foster", "powell", "jenkins", "perry", "russell", "sullivan", "fisher", "hamilton",
        "graham", "wallace", "woods", "cole", "west", "owens", "reynolds", "ellis", "harrison", "gibson",
        "mcdonald", "marshall", "murray", "ryan", "oconnor", "obrien", "nguyen", "tran", "chen", "wang",
        "singh", "patel", "kumar", "papadopoulos", "rossi", "schmidt", "muller", "novak", "kowalski", "ivanov",
    ];

    /// <summary>Formal given names and the short forms people also go by.</summary>
    public static readonly (string Formal, string Short)[] Nicknames =
    [
        ("robert", "bob"), ("robert", "rob"), ("william", "bill"), ("william", "will"), ("james", "jim"),
        ("michael", "mike"), ("richard", "rick"), ("thomas", "tom"), ("christopher", "chris"), ("daniel", "dan"),
        ("matthew", "matt"), ("anthony", "tony"), ("joseph", "joe"), ("edward", "ted"), ("benjamin", "ben"),
        ("samuel", "sam"), ("alexander", "alex"), ("nicholas", "nick"), ("jonathan", "jon"), ("andrew", "andy"),
        ("elizabeth", "liz"), ("elizabeth", "beth"), ("margaret", "peggy"), ("katherine", "kate"), ("catherine", "cathy"),
        ("patricia", "pat"), ("jennifer", "jen"), ("rebecca", "becky"), ("deborah", "debbie"), ("victoria", "vicky"),
        ("samantha", "sam"), ("christine", "chris"), ("stephanie", "steph"), ("kimberly", "kim"), ("isabella", "bella"),
    ];

    public static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ran", "dar", "wen", "tor", "bel", "sha", "quin", "ver", "nor", "el", "ath", "gan", "rith",
        "mon", "tal", "bri", "cor", "ley", "fen", "har", "ol", "vin", "za", "pel", "ros", "tan", "ber", "dun", "mar",
    ];

    public static readonly string[] StreetNames =
    [
        "george", "king", "queen", "victoria", "church", "high", "station", "park", "railway", "william",
        "elizabeth", "albert", "wattle", "banksia", "acacia", "kurrajong", "jacaranda", "ironbark", "boundary", "mill",
        "bridge", "hill", "river", "lake", "forest", "ocean", "beach", "harbour", "market", "school",
        "macquarie", "hume", "flinders", "sturt", "stirling", "lachlan", "murray", "darling", "hopetoun", "northbourne",
        "gundulu", "dalrymple", "kameruka", "tullaroop", "wyndham", "moorhouse", "colbee", "ashburton", "carrington", "bunya",
    ];

    public static readonly (string Long, string Short)[] StreetTypes =
    [
        ("street", "st"), ("road", "rd"), ("avenue", "ave"), ("place", "pl"), ("court", "ct"), ("crescent", "cres"),
        ("drive", "dr"), ("close", "cl"), ("parade", "pde"), ("circuit", "cct"),
    ];

    public static readonly string[] Buildings =
    [
        "the stables", "rose cottage", "unit 4", "flat 2", "apartment 12", "level 3", "the oaks", "kameruka lodge",
        "retirement village", "caravan park", "homestead", "suite 5",
    ];

    public static readonly string[] States = ["nsw", "vic", "qld", "wa", "sa", "tas", "act", "nt"];

    public static readonly string[] EmailDomains = ["gmail.com", "outlook.com", "yahoo.com", "bigpond.com", "icloud.com", "hotmail.com"];

    /// <summary>A rare, made-up word of two or three syllables (a long-tail name, street or suburb).</summary>
    public static string Invented(Random random)
    {
        var parts = 2 + random.Next(2);
        var s = string.Empty;
        for (var i = 0; i < parts; i++)
        {
            s += Syllables[random.Next(Syllables.Length)];
        }

        return s;
    }

    /// <summary>A Zipf draw: rank r is picked with weight 1 / (r + 1)^0.9, so the first names are the common ones.</summary>
    public static T Zipf<T>(Random random, IReadOnlyList<T> pool)
    {
        var total = 0.0;
        for (var r = 0; r < pool.Count; r++)
        {
            total += Math.Pow(r + 1, -0.9);
        }

        var x = random.NextDouble() * total;
        for (var r = 0; r < pool.Count; r++)
        {
            x -= Math.Pow(r + 1, -0.9);
            if (x <= 0)
            {
                return pool[r];
            }
        }

        return pool[^1];
    }
}
