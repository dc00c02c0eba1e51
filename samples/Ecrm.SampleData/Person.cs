namespace Ecrm.SampleData;

/// <summary>One synthetic person and the identities they hold on each channel (null where they are not present).</summary>
internal sealed class Person
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    public required Gender Gender { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required string City { get; init; }

    public required string Region { get; init; }

    public required string Language { get; init; }

    public required Identity Phone { get; init; }

    public Identity? Email { get; init; }

    public Identity? OpenId { get; init; }

    public Identity? UnionId { get; init; }

    public Identity? WeiboUid { get; init; }

    public long WeiboFollowers { get; init; }

    public Identity? ShopBuyer { get; init; }

    public Identity? MemberCard { get; init; }

    public Identity? Device { get; init; }

    /// <summary>How active the person is: a multiplier of their event counts (heavy-tailed).</summary>
    public double Activity { get; init; }
}
