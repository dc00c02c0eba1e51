using System.Collections.Frozen;

namespace Ecrm;

/// <summary>
/// A telephone numbering region that national-format phone numbers are read in: its ISO 3166 code, its country
/// calling code and its national trunk prefix.
/// </summary>
/// <param name="RegionCode">The ISO 3166-1 alpha-2 code, for example <c>CN</c>.</param>
/// <param name="CallingCode">The country calling code without <c>+</c>, for example <c>86</c>.</param>
/// <param name="TrunkPrefix">The national trunk prefix dropped in international form (<c>0</c> in China), or empty.</param>
public sealed record PhoneRegion(string RegionCode, string CallingCode, string TrunkPrefix)
{
    private static readonly FrozenDictionary<string, PhoneRegion> Known = new PhoneRegion[]
    {
        new("CN", "86", "0"), new("HK", "852", ""), new("MO", "853", ""), new("TW", "886", "0"),
        new("SG", "65", ""), new("MY", "60", "0"), new("JP", "81", "0"), new("KR", "82", "0"),
        new("US", "1", "1"), new("CA", "1", "1"), new("GB", "44", "0"), new("DE", "49", "0"),
        new("FR", "33", "0"), new("IT", "39", ""), new("ES", "34", ""), new("NL", "31", "0"),
        new("AU", "61", "0"), new("NZ", "64", "0"), new("IN", "91", "0"), new("TH", "66", "0"),
        new("VN", "84", "0"), new("ID", "62", "0"), new("PH", "63", "0"), new("RU", "7", "8"),
    }.ToFrozenDictionary(r => r.RegionCode, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the regions this SDK knows by code.</summary>
    public static IEnumerable<string> KnownRegionCodes => Known.Keys;

    /// <summary>Looks up a region by its ISO 3166-1 alpha-2 code.</summary>
    /// <param name="regionCode">The code, for example <c>CN</c> (case-insensitive).</param>
    /// <param name="region">The region when found.</param>
    /// <returns><see langword="true"/> when the code is known.</returns>
    public static bool TryGet(string? regionCode, out PhoneRegion region)
    {
        if (regionCode is not null && Known.TryGetValue(regionCode, out var found))
        {
            region = found;
            return true;
        }

        region = null!;
        return false;
    }
}
