namespace Ecrm.Attribution;

/// <summary>What an attribution report covers and how it shares credit.</summary>
public sealed record AttributionQuery
{
    /// <summary>Gets the model. Default <see cref="AttributionModel.LastTouch"/>.</summary>
    public AttributionModel Model { get; init; } = AttributionModel.LastTouch;

    /// <summary>Gets how long before a conversion a touch counts. Default 30 days.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Gets the time-decay model's half-life. Default 7 days.</summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Gets the start of the period conversions are counted in (inclusive), or null for all time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the end of the period (exclusive), or null for all time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Validates the query.</summary>
    /// <exception cref="EcrmException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromDays(366) || HalfLife <= TimeSpan.Zero)
        {
            throw new EcrmException($"AttributionQuery: expected a Window of up to a year and a positive HalfLife, received {Window} and {HalfLife}.");
        }

        if (From is { } from && To is { } to && to <= from)
        {
            throw new EcrmException($"AttributionQuery: expected From before To, received {from:o} and {to:o}.");
        }
    }
}
