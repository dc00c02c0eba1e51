namespace Ecrm.Loyalty;

/// <summary>Computes tier histories: the measure is evaluated at every moment it can change, in time order.</summary>
internal static class TierCalculator
{
    public static TierStatus ForSpend(TierLadder ladder, IReadOnlyList<CustomerEvent> events, DateTimeOffset now)
    {
        if (ladder.Levels.Count == 0)
        {
            return TierStatus.None;
        }

        // Signed amounts in the ladder's currency; each enters the window when it happens and leaves a window later.
        var moves = new List<(DateTimeOffset At, decimal Delta)>();
        foreach (var e in events)
        {
            if (e.Properties is not { Amount: { } amount } p || !string.Equals(p.Currency ?? ladder.Currency, ladder.Currency, StringComparison.Ordinal))
            {
                continue;
            }

            var signed = e.Type == EventType.Purchase ? amount : e.Type == EventType.Refund ? -amount : 0;
            if (signed != 0 && e.OccurredAt <= now)
            {
                moves.Add((e.OccurredAt, signed));
                if (e.OccurredAt + ladder.Window <= now)
                {
                    moves.Add((e.OccurredAt + ladder.Window, -signed));
                }
            }
        }

        moves.Sort((a, b) => a.At.CompareTo(b.At));
        return Walk(ladder, moves);
    }

    public static TierStatus ForPoints(TierLadder ladder, IReadOnlyList<LedgerEntry> entries, DateTimeOffset now)
    {
        if (ladder.Levels.Count == 0)
        {
            return TierStatus.None;
        }

        return Walk(ladder, [.. entries.Where(e => e.At <= now).Select(e => (e.At, (decimal)e.Points))]);
    }

    private static TierStatus Walk(TierLadder ladder, List<(DateTimeOffset At, decimal Delta)> moves)
    {
        var history = new List<TierChange>();
        string? tier = null;
        DateTimeOffset? since = null;
        decimal measure = 0;
        var rank = -1;
        for (var i = 0; i < moves.Count;)
        {
            var at = moves[i].At;
            while (i < moves.Count && moves[i].At == at)
            {
                measure += moves[i++].Delta; // all moves at one instant count together
            }

            var next = ladder.TierFor(measure);
            if (!string.Equals(next, tier, StringComparison.Ordinal))
            {
                var nextRank = RankOf(ladder, next);
                history.Add(new TierChange(tier, next, at, measure, nextRank > rank));
                (tier, rank, since) = (next, nextRank, at);
            }
        }

        return new TierStatus(tier, measure, since, history);
    }

    private static int RankOf(TierLadder ladder, string? tier)
    {
        for (var i = 0; i < ladder.Levels.Count; i++)
        {
            if (string.Equals(ladder.Levels[i].Name, tier, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
