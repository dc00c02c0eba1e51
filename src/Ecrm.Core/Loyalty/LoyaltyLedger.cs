namespace Ecrm.Loyalty;

/// <summary>
/// The points ledger as a fold over a customer's events: given the same events it always produces the same entries,
/// whatever order they arrived in, and replaying an event never awards twice (every entry's key derives from the
/// event and the rule).
/// </summary>
/// <remarks>
/// Events are taken in canonical order (time, then id). Before each event, points whose expiry has passed expire,
/// oldest first. A redemption (an event of type <see cref="LoyaltyOptions.RedemptionType"/> whose amount is the points)
/// and a refund's reversal (the points the refunded order earned, in proportion to the amount refunded) are debits
/// taken from the oldest unexpired points. Then every matching rule within its caps earns points. Debits never take the
/// balance below zero (see <see cref="LedgerEntry.Requested"/>), so the balance is always the sum of the entries and
/// never negative.
/// </remarks>
public static class LoyaltyLedger
{
    /// <summary>Computes a customer's account at a moment.</summary>
    /// <param name="events">The customer's events, in any order; those after <paramref name="now"/> are ignored.</param>
    /// <param name="options">The programme.</param>
    /// <param name="now">The moment.</param>
    /// <returns>The account: balance, entries, next expiry, tier.</returns>
    public static LoyaltyAccount Compute(IEnumerable<CustomerEvent> events, LoyaltyOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var ordered = events is IReadOnlyList<CustomerEvent> list && IsCanonical(list, now)
            ? list // a store's history already is: every read of a customer's account would otherwise sort it again
            : events.Where(e => e.OccurredAt <= now)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal)
                .DistinctBy(e => e.Id, StringComparer.Ordinal) // a replayed event counts once
                .ToList();
        var fold = new Fold(options);
        foreach (var e in ordered)
        {
            fold.Apply(e);
        }

        fold.ExpireUpTo(now);
        var entries = fold.Entries;
        var tier = options.Tiers.Basis == TierBasis.Points
            ? TierCalculator.ForPoints(options.Tiers, entries, now)
            : TierCalculator.ForSpend(options.Tiers, ordered, now);
        return new LoyaltyAccount
        {
            AsOf = now,
            Balance = fold.Balance,
            Entries = entries,
            NextExpiry = fold.NextExpiry(),
            Tier = tier,
        };
    }

    /// <summary>
    /// Whether events are already what the fold takes: none after <paramref name="now"/>, in strictly ascending
    /// (time, ordinal id) order, and no id twice.
    /// </summary>
    private static bool IsCanonical(IReadOnlyList<CustomerEvent> events, DateTimeOffset now)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.OccurredAt > now)
            {
                return false;
            }

            if (i > 0)
            {
                var previous = events[i - 1];
                var order = previous.OccurredAt.UtcTicks.CompareTo(e.OccurredAt.UtcTicks);
                if (order > 0 || (order == 0 && string.CompareOrdinal(previous.Id, e.Id) >= 0))
                {
                    return false;
                }
            }
        }

        return events.Count < 2 || HasDistinctIds(events);
    }

    /// <summary>Whether no id appears twice (the same id at two times would pass the order check).</summary>
    private static bool HasDistinctIds(IReadOnlyList<CustomerEvent> events)
    {
        if (events.Count <= 8)
        {
            for (var i = 1; i < events.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(events[i].Id, events[j].Id, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        var seen = new HashSet<string>(events.Count, StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!seen.Add(e.Id))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Fold(LoyaltyOptions options)
    {
        // Created on first use: most customers' histories touch few of them, and the fold runs on every change.
        private List<Lot>? _lots; // earned points still held, oldest first
        private Dictionary<(string Rule, long Day), int>? _perDay;
        private Dictionary<string, int>? _lifetime;
        private Dictionary<string, List<Earning>>? _byOrder;
        private HashSet<string>? _keys;
        private int _firstLot;

        public List<LedgerEntry> Entries { get; } = [];

        public long Balance { get; private set; }

        public void Apply(CustomerEvent e)
        {
            ExpireUpTo(e.OccurredAt);
            if (e.Type == LoyaltyOptions.RedemptionType && e.Channel == LoyaltyOptions.RedemptionChannel)
            {
                var points = e.Properties?.Amount is { } a && a > 0 ? (long)decimal.Floor(a) : 0;
                if (points > 0)
                {
                    Debit($"redeem:{e.Id}", LedgerEntryKind.Redeemed, points, e.OccurredAt, e.Id, null);
                }

                return;
            }

            if (e.Type == EventType.Refund)
            {
                Reverse(e);
            }

            foreach (var rule in options.Rules)
            {
                if (rule.Matches(e))
                {
                    Earn(rule, e);
                }
            }
        }

        public void ExpireUpTo(DateTimeOffset time)
        {
            for (; _lots is not null && _firstLot < _lots.Count; _firstLot++)
            {
                var lot = _lots[_firstLot];
                if (lot.ExpiresAt is not { } expiry || expiry > time)
                {
                    break; // lots expire in earning order: the first unexpired one stops the scan
                }

                if (lot.Remaining > 0)
                {
                    Add(new LedgerEntry($"expire:{lot.Key}", LedgerEntryKind.Expired, -lot.Remaining, -lot.Remaining, expiry, lot.EventId, lot.Rule));
                    lot.Remaining = 0;
                }
            }
        }

        public PointsExpiry? NextExpiry()
        {
            for (var i = _firstLot; _lots is not null && i < _lots.Count; i++)
            {
                if (_lots[i] is { Remaining: > 0, ExpiresAt: { } at })
                {
                    var points = _lots.Skip(i).Where(l => l.ExpiresAt == at).Sum(l => l.Remaining);
                    return new PointsExpiry(points, at);
                }
            }

            return null;
        }

        private void Earn(LoyaltyRule rule, CustomerEvent e)
        {
            var key = $"earn:{rule.Name}:{e.Id}";
            var day = (e.OccurredAt.UtcTicks + options.DayOffset.Ticks) / TimeSpan.TicksPerDay;
            var today = _perDay?.GetValueOrDefault((rule.Name, day)) ?? 0;
            var lifetime = _lifetime?.GetValueOrDefault(rule.Name) ?? 0;
            var points = rule.PointsFor(e);
            if (points <= 0 || today >= rule.MaxPerDay || lifetime >= rule.MaxPerLifetime || _keys?.Contains(key) == true)
            {
                return;
            }

            (_perDay ??= [])[(rule.Name, day)] = today + 1;
            (_lifetime ??= new(StringComparer.Ordinal))[rule.Name] = lifetime + 1;
            var expiresAt = options.PointsExpireAfter is { } after ? e.OccurredAt + after : (DateTimeOffset?)null;
            var lot = new Lot(key, e.Id, rule.Name, expiresAt) { Remaining = points };
            (_lots ??= []).Add(lot);
            Add(new LedgerEntry(key, LedgerEntryKind.Earned, points, points, e.OccurredAt, e.Id, rule.Name, expiresAt));
            if (e.Type == EventType.Purchase && e.Properties?.OrderId is { } order)
            {
                _byOrder ??= new(StringComparer.Ordinal);
                if (!_byOrder.TryGetValue(order, out var list))
                {
                    _byOrder[order] = list = [];
                }

                list.Add(new Earning(key, rule.Name, points, e.Properties.Amount ?? 0));
            }
        }

        private void Reverse(CustomerEvent refund)
        {
            if (refund.Properties?.OrderId is not { } order || _byOrder is null || !_byOrder.TryGetValue(order, out var earnings))
            {
                return;
            }

            foreach (var earning in earnings)
            {
                // In proportion to the amount refunded; everything when amounts are unknown.
                var share = refund.Properties.Amount is { } refunded && earning.Amount > 0 ? Math.Min(1m, refunded / earning.Amount) : 1m;
                var points = Math.Min(earning.Points - earning.Reversed, (long)decimal.Ceiling(earning.Points * share));
                if (points > 0)
                {
                    earning.Reversed += points;
                    Debit($"reverse:{refund.Id}:{earning.Key}", LedgerEntryKind.Reversed, points, refund.OccurredAt, refund.Id, earning.Rule);
                }
            }
        }

        private void Debit(string key, LedgerEntryKind kind, long requested, DateTimeOffset at, string eventId, string? rule)
        {
            if (_keys?.Contains(key) == true)
            {
                return;
            }

            var applied = Math.Min(requested, Balance);
            var left = applied;
            for (var i = _firstLot; _lots is not null && i < _lots.Count && left > 0; i++)
            {
                var take = Math.Min(left, _lots[i].Remaining);
                _lots[i].Remaining -= take;
                left -= take;
            }

            Add(new LedgerEntry(key, kind, -applied, -requested, at, eventId, rule));
        }

        private void Add(LedgerEntry entry)
        {
            (_keys ??= new(StringComparer.Ordinal)).Add(entry.Key);
            Entries.Add(entry);
            Balance += entry.Points;
        }

        private sealed class Lot(string key, string eventId, string rule, DateTimeOffset? expiresAt)
        {
            public string Key { get; } = key;

            public string EventId { get; } = eventId;

            public string Rule { get; } = rule;

            public DateTimeOffset? ExpiresAt { get; } = expiresAt;

            public long Remaining { get; set; }
        }

        private sealed class Earning(string key, string rule, long points, decimal amount)
        {
            public string Key { get; } = key;

            public string Rule { get; } = rule;

            public long Points { get; } = points;

            public decimal Amount { get; } = amount;

            public long Reversed { get; set; }
        }
    }
}
