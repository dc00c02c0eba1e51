namespace Ecrm.Resolution;

/// <summary>
/// What a match looks like when the data cannot say: the m-probabilities of each kind of comparison that estimation
/// starts from, that act as its prior (a Dirichlet worth <see cref="PriorMatches"/> matched pairs), and that a fit found
/// degenerate falls back to. They describe records of one person entered by different people at different times: most
/// names and birth dates agree exactly, a few carry a typo, some people moved or changed their phone. The figures are
/// documented in docs/resolution.md.
/// </summary>
internal static class ComparisonDefaults
{
    /// <summary>
    /// How many matched pairs the prior on m is worth for a set of <paramref name="records"/>: one for every twenty
    /// records (at least twenty), so that data with fewer than about 5% duplicates cannot move m far from the
    /// defaults, while hundreds of real matches soon outweigh them.
    /// </summary>
    public static double PriorMatches(int records) => Math.Max(20, 0.05 * records);

    /// <summary>The default m-probabilities of a comparison, weakest level first.</summary>
    public static double[] M(Comparison c)
    {
        double[] m = c.Kind switch
        {
            FieldKind.GivenName or FieldKind.FullName => [0.06, 0.05, 0.09, 0.80],
            FieldKind.FamilyName => [0.05, 0.04, 0.09, 0.82],
            FieldKind.BirthDate => [0.05, 0.02, 0.03, 0.90],
            FieldKind.NationalId => [0.04, 0.02, 0.05, 0.89],
            FieldKind.Phone => [0.25, 0.01, 0.03, 0.71],
            FieldKind.Email => [0.30, 0.05, 0.65],
            FieldKind.Address => Address(c.Levels),
            _ => Uniformish(c.Levels),
        };

        var sum = m.Sum();
        return [.. m.Select(v => v / sum)];
    }

    /// <summary>
    /// How many random pairs the default u-probabilities are worth: nothing against the pairs of a thousand records,
    /// everything for a handful (four records have six pairs, which say little about how often strangers agree).
    /// </summary>
    public const double PriorPairs = 1_000;

    /// <summary>
    /// The default u-probabilities of a comparison, weakest level first: how often two random people of a large
    /// population agree at each level (a given name about 1 in 80, a birth date 1 in 10,000, a phone 1 in 100,000).
    /// </summary>
    public static double[] U(Comparison c)
    {
        double[] u = c.Kind switch
        {
            FieldKind.GivenName => [0.975, 0.01, 0.003, 0.012],
            FieldKind.FamilyName => [0.975, 0.008, 0.002, 0.015],
            FieldKind.FullName => [0.995, 0.003, 0.001, 0.001],
            FieldKind.BirthDate => [0.984, 0.0145, 0.0014, 0.0001],
            FieldKind.NationalId => [0.99996, 2.5e-5, 1.4e-5, 1e-6],
            FieldKind.Phone => [0.99993, 4e-5, 2e-5, 1e-5],
            FieldKind.Email => [0.99996, 3e-5, 1e-5],
            FieldKind.Address => [.. c.LevelNames.Select(AddressU)],
            _ => [.. Enumerable.Range(0, c.Levels).Select(l => l == c.Levels - 1 ? 0.01 : 0.99 / (c.Levels - 1))],
        };

        var sum = u.Sum();
        return [.. u.Select(v => v / sum)];
    }

    /// <summary>
    /// The least share of matches that agree (at the top two levels, or the top one of two) that a fit may reach: a
    /// "match" class whose members mostly disagree on birth dates or ids is some other structure of the data (people
    /// who share a name, say), not the same person. The floor holds the estimate at the edge of what is plausible.
    /// </summary>
    public static double AgreementFloor(FieldKind kind) => kind switch
    {
        FieldKind.GivenName or FieldKind.FamilyName or FieldKind.FullName => 0.6,
        FieldKind.BirthDate or FieldKind.NationalId => 0.7,
        _ => 0.3,
    };

    /// <summary>
    /// How many bits the personal evidence of two records (names, birth date, national id) must weigh against a match
    /// for them to strongly disagree, so that they never share a cluster, directly or through a third record: a
    /// birth date and a given name both different, two different national ids with nothing personal agreeing, or a
    /// different given name where nothing else personal is known.
    /// </summary>
    public const double StrongDisagreementBits = 3;

    /// <summary>
    /// Whether a kind describes the person rather than where or how they live: names, birth date, national id. A
    /// household shares its family name, address, phone and often e-mail, but not these.
    /// </summary>
    public static bool IsPersonal(FieldKind kind)
        => kind is FieldKind.GivenName or FieldKind.FullName or FieldKind.BirthDate or FieldKind.NationalId;

    /// <summary>
    /// An address's levels depend on its fields: most matches agree at the strongest level there is (the same street
    /// and number, or only the same city when the city is all there is), some disagree (people move), the levels in
    /// between share the rest.
    /// </summary>
    private static double[] Address(int levels)
    {
        var m = new double[levels];
        m[0] = 0.12;
        m[^1] = 0.72;
        for (var l = 1; l < levels - 1; l++)
        {
            m[l] = 0.16 / (levels - 2);
        }

        return m;
    }

    private static double AddressU(string level) => level switch
    {
        "different" => 0.80,
        "region" => 0.18,
        "area" => 0.01,
        "street" => 2e-4,
        _ => 1e-4,
    };

    private static double[] Uniformish(int levels) => [.. Enumerable.Range(0, levels).Select(l => l == levels - 1 ? 0.85 : 0.15 / (levels - 1))];
}
