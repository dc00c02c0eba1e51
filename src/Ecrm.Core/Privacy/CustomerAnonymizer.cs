using System.Security.Cryptography;
using System.Text;

namespace Ecrm.Privacy;

/// <summary>
/// Rewrites events so that a person can no longer be identified from them: their identities become one random
/// pseudonym, profile attributes, texts, URLs, locations and custom properties go, order ids become keyed hashes (so a
/// refund still finds its purchase and the points ledger stays consistent), and other people's references to them
/// (replies, referrals) point to the pseudonym. Amounts, items, ratings, campaigns and stores stay for aggregates.
/// </summary>
internal sealed class CustomerAnonymizer
{
    public static readonly IdentityKind ErasedKind = IdentityKind.FromName("erased");
    private readonly HashSet<Identity> _erased;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public CustomerAnonymizer(IEnumerable<Identity> erased)
    {
        _erased = [.. erased];
        Pseudonym = new Identity(ErasedKind, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
    }

    public Identity Pseudonym { get; }

    /// <summary>Anonymises one of the erased person's own events.</summary>
    public CustomerEvent Erase(CustomerEvent e)
    {
        var p = e.Properties;
        return e with
        {
            Identities = [Pseudonym],
            Profile = null,
            Properties = p is null ? null : new EventProperties
            {
                Amount = p.Amount,
                Currency = p.Currency,
                OrderId = p.OrderId is null ? null : "erased-" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(p.OrderId)))[..24],
                LineItems = p.LineItems,
                Rating = p.Rating,
                TargetPostId = p.TargetPostId,
                TargetAuthor = Swap(p.TargetAuthor),
                Referrer = Swap(p.Referrer),
                FollowerCount = p.FollowerCount,
                CampaignCode = p.CampaignCode,
                SceneCode = p.SceneCode,
                StoreId = p.StoreId,
            },
        };
    }

    /// <summary>Whether someone else's event refers to the erased person.</summary>
    public bool RefersTo(CustomerEvent e) =>
        e.Properties is { } p && ((p.TargetAuthor is { } a && _erased.Contains(a)) || (p.Referrer is { } r && _erased.Contains(r)));

    /// <summary>Points someone else's event at the pseudonym instead of the erased person.</summary>
    public CustomerEvent Redact(CustomerEvent e) =>
        e with { Properties = e.Properties! with { TargetAuthor = Swap(e.Properties!.TargetAuthor), Referrer = Swap(e.Properties.Referrer) } };

    private Identity? Swap(Identity? identity) => identity is { } i && _erased.Contains(i) ? Pseudonym : identity;
}
