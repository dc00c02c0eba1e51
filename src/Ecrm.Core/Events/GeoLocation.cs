namespace Ecrm;

/// <summary>A point on earth (WGS 84 or GCJ-02 as the channel reports it), with an optional label.</summary>
public sealed record GeoLocation
{
    /// <summary>Gets the latitude in degrees, -90 to 90.</summary>
    public double Latitude { get; init; }

    /// <summary>Gets the longitude in degrees, -180 to 180.</summary>
    public double Longitude { get; init; }

    /// <summary>Gets a label such as a street address or a store name.</summary>
    public string? Label { get; init; }
}
