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

    /// <summary>
    /// Whether an event of another customer carries one of the erased identities: among its identities (which happens
    /// after a unique-kind conflict or an undone merge) or as the author or referrer it names.
    /// </summary>
    public bool Mentions(CustomerEvent e)
    {
        foreach (var identity in e.Identities)
        {
            if (_erased.Contains(identity))
            {
                return true;
            }
        }

        return e.Properties is { } p && ((p.TargetAuthor is { } a && _erased.Contains(a)) || (p.Referrer is { } r && _erased.Contains(r)));
    }

    /// <summary>
    /// Removes the erased identities from another customer's event and replaces the references to them with the
    /// pseudonym. An event left with none of its own identities was only ever about the erased person: it is erased
    /// whole, as theirs.
    /// </summary>
    public CustomerEvent Redact(CustomerEvent e)
    {
        var kept = e.Identities.Where(i => !_erased.Contains(i)).ToArray();
        if (kept.Length == 0)
        {
            return Erase(e);
        }

        return e with
        {
            Identities = kept.Length == e.Identities.Count ? e.Identities : kept,
            Properties = e.Properties is { } p ? p with { TargetAuthor = Swap(p.TargetAuthor), Referrer = Swap(p.Referrer) } : null,
        };
    }

    /// <summary>Whether the identity is one of the erased ones.</summary>
    public bool Erases(Identity identity) => _erased.Contains(identity);

    private Identity? Swap(Identity? identity) => identity is { } i && _erased.Contains(i) ? Pseudonym : identity;
}
