namespace Ecrm;

/// <summary>Who a customer is: identities, traits, channels, counters and the ids merged into it.</summary>
public sealed class CustomerProfile
{
    /// <summary>Gets the customer id (<c>cus_...</c>). Ids of customers merged into this one resolve to it.</summary>
    public required string Id { get; init; }

    /// <summary>Gets a value indicating whether the customer has never bought (a prospect: a follower, a commenter, ...).</summary>
    public bool IsProspect => Counters.Orders == 0;

    /// <summary>Gets the identities of the customer, in canonical order.</summary>
    public required IReadOnlyList<CustomerIdentity> Identities { get; init; }

    /// <summary>Gets the traits by name (<c>name</c>, <c>gender</c>, <c>birth-date</c>, <c>city</c>, ...), each with its source.</summary>
    public required IReadOnlyDictionary<string, Trait> Traits { get; init; }

    /// <summary>Gets the channels the customer was seen on.</summary>
    public required IReadOnlyList<ChannelActivity> Channels { get; init; }

    /// <summary>Gets the time of the customer's earliest event.</summary>
    public required DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>Gets the time of the customer's latest event.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>Gets the counters: events by type, orders, spend.</summary>
    public required CustomerCounters Counters { get; init; }

    /// <summary>Gets the ids of customers that were merged into this one (they resolve to <see cref="Id"/>).</summary>
    public required IReadOnlyList<string> MergedIds { get; init; }
}
