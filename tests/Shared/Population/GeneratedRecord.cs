namespace Ecrm.Testing.Population;

/// <summary>One generated record and the truth behind it.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Person">The person it describes (records of one person are true duplicates).</param>
/// <param name="Household">The person's household (people of one household are different people at one address).</param>
/// <param name="Values">One value per column of <see cref="PopulationGenerator.Columns"/> (null = missing).</param>
internal sealed record GeneratedRecord(string Id, int Person, int Household, string?[] Values);
