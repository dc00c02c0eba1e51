using Ecrm.Insights;

namespace Ecrm.Privacy;

/// <summary>Everything the SDK holds about one customer, as <see cref="ICustomerPrivacy.ExportAsync"/> writes it.</summary>
public sealed class CustomerDataExport
{
    /// <summary>Gets the format's name, <c>ecrm-customer-export</c>, version 1.</summary>
    public string Format { get; init; } = "ecrm-customer-export/1";

    /// <summary>Gets the customer's id.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Gets when the export was made.</summary>
    public required DateTimeOffset ExportedAt { get; init; }

    /// <summary>Gets the profile: identities, traits with their sources, channels, counters.</summary>
    public required CustomerProfile Profile { get; init; }

    /// <summary>Gets every event of the customer, oldest first, with all their data.</summary>
    public required IReadOnlyList<CustomerEvent> Events { get; init; }

    /// <summary>Gets the relations to other customers.</summary>
    public required IReadOnlyList<CustomerRelation> Related { get; init; }

    /// <summary>Gets the merges that formed the customer.</summary>
    public required IReadOnlyList<MergeRecord> Merges { get; init; }

    /// <summary>Gets the identity conflicts recorded for the customer.</summary>
    public required IReadOnlyList<IdentityConflict> Conflicts { get; init; }

    /// <summary>Gets the derived data (points ledger, tier, scores, segments) when insights are registered.</summary>
    public CustomerInsight? Insight { get; init; }
}
