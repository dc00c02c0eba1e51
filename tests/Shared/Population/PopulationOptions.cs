namespace Ecrm.Testing.Population;

/// <summary>What a generated population holds: people, their duplicates, households, movers and corruptions.</summary>
internal sealed record PopulationOptions
{
    /// <summary>Gets the number of distinct people.</summary>
    public int People { get; init; } = 5_000;

    /// <summary>Gets the seed: the same options and seed give the same records.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the share of people with duplicate records.</summary>
    public double DuplicateShare { get; init; } = 0.3;

    /// <summary>Gets the most duplicates a person has (1 to this many, uniformly).</summary>
    public int MaxDuplicates { get; init; } = 3;

    /// <summary>Gets the mean number of corruptions of a duplicate (at least one).</summary>
    public double Corruptions { get; init; } = 1.8;

    /// <summary>Gets the share of values missing in any record.</summary>
    public double MissingShare { get; init; } = 0.04;

    /// <summary>Gets the share of duplicates recorded after the person moved (new address, often a new phone).</summary>
    public double MoverShare { get; init; } = 0.1;

    /// <summary>Gets the share of people who live in a household of two to five members (same surname and address).</summary>
    public double HouseholdShare { get; init; }

    /// <summary>Gets the share of households whose members share one phone (a landline or a shared device).</summary>
    public double SharedPhoneShare { get; init; } = 0.5;

    /// <summary>Gets the share of households whose members share one e-mail address.</summary>
    public double SharedEmailShare { get; init; } = 0.15;

    /// <summary>Gets the share of households with twins (same birth date, other given names).</summary>
    public double TwinShare { get; init; } = 0.05;

    /// <summary>Gets the share of households with a son named after his father (a junior).</summary>
    public double JuniorShare { get; init; } = 0.03;
}
