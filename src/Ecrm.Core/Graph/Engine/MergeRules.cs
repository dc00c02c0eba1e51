namespace Ecrm.Graph.Engine;

/// <summary>
/// The rules that decide whether identities and customers may come together: the order an event's identities are
/// applied in, attaching an identity, unique kinds (a customer holds one value of each), and the pairs an undone merge
/// keeps apart. <see cref="GraphState"/> applies them; they read and change only the customers and identities given.
/// </summary>
internal static class MergeRules
{
    /// <summary>The identities of each side an undo keeps apart, at most (beyond that: the first of each side).</summary>
    public const int MaxKeptApartPerSide = 64;

    /// <summary>Sorts an event's identities into the order they are applied: strong first, then kind priority, then value.</summary>
    /// <param name="nodes">The event's identities.</param>
    public static void SortForApply(Span<IdentityNode> nodes)
    {
        for (var i = 1; i < nodes.Length; i++)
        {
            var x = nodes[i];
            var j = i - 1;
            while (j >= 0 && IdentityNode.Compare(nodes[j], x) > 0)
            {
                nodes[j + 1] = nodes[j];
                j--;
            }

            nodes[j + 1] = x;
        }
    }

    /// <summary>Attaches a free identity to a customer.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="node">The identity.</param>
    public static void Attach(CustomerState customer, IdentityNode node)
    {
        node.Customer = customer;
        customer.AddNode(node);
        if (node.Policy.Strength == IdentityLinkStrength.Strong)
        {
            customer.StrongCount++;
        }

        if (node.Policy.UniquePerCustomer)
        {
            (customer.UniqueValues ??= new List<Identity>(1)).Add(node.Identity);
        }
    }

    /// <summary>Whether an undone merge forbids the identity to join the customer.</summary>
    /// <param name="node">The identity.</param>
    /// <param name="target">The customer.</param>
    /// <returns>Whether it is kept apart from the customer.</returns>
    public static bool IsKeptApart(IdentityNode node, CustomerState target)
    {
        if (node.CannotLink is null)
        {
            return false;
        }

        foreach (var p in node.CannotLink)
        {
            if (ReferenceEquals(p.Customer, target))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an undone merge keeps the two customers apart (some identity of one may not join the other).</summary>
    /// <param name="a">One customer.</param>
    /// <param name="b">The other.</param>
    /// <returns>Whether they are kept apart.</returns>
    public static bool AreKeptApart(CustomerState a, CustomerState b)
    {
        var (small, large) = a.Nodes.Length <= b.Nodes.Length ? (a, b) : (b, a);
        foreach (var n in small.Nodes)
        {
            if (IsKeptApart(n, large))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the identity would give the customer a second value of a unique kind.</summary>
    /// <param name="target">The customer.</param>
    /// <param name="incoming">The identity.</param>
    /// <param name="held">The value of that kind the customer holds.</param>
    /// <returns>Whether they clash.</returns>
    public static bool Clashes(CustomerState target, Identity incoming, out Identity held)
        => target.TryGetUnique(incoming, out held) && held.Value != incoming.Value;

    /// <summary>Whether merging the customers would give the survivor two values of a unique kind.</summary>
    /// <param name="a">The customer the other would join.</param>
    /// <param name="b">The other customer.</param>
    /// <param name="held">The value <paramref name="a"/> holds.</param>
    /// <param name="incoming">The value <paramref name="b"/> holds.</param>
    /// <returns>Whether they clash.</returns>
    public static bool Clashes(CustomerState a, CustomerState b, out Identity held, out Identity incoming)
    {
        if (b.UniqueValues is not null)
        {
            foreach (var u in b.UniqueValues)
            {
                if (Clashes(a, u, out held))
                {
                    incoming = u;
                    return true;
                }
            }
        }

        held = incoming = default;
        return false;
    }

    /// <summary>
    /// After an undo, forbids every identity of one side to link with every identity of the other, not only the two
    /// founding identities: a founding identity that later becomes shared links nothing, and the undo must outlive it
    /// (found in review: a device that founded the merged side became shared, and the other side merged again). Up to
    /// <see cref="MaxKeptApartPerSide"/> identities a side.
    /// </summary>
    /// <param name="a">One side.</param>
    /// <param name="b">The other side.</param>
    /// <returns>The pairs not kept apart before.</returns>
    public static List<(IdentityNode, IdentityNode)> KeepApart(CustomerState a, CustomerState b)
    {
        List<(IdentityNode, IdentityNode)> added = [];
        if (ReferenceEquals(a, b))
        {
            return added;
        }

        var left = a.Nodes.ToArray().Take(MaxKeptApartPerSide).ToArray();
        var right = b.Nodes.ToArray().Take(MaxKeptApartPerSide).ToArray();
        foreach (var x in left)
        {
            foreach (var y in right)
            {
                if (Forbid(x, y))
                {
                    added.Add((x, y));
                }
            }
        }

        return added;
    }

    /// <summary>Forbids two identities to share a customer; false when they were kept apart already.</summary>
    /// <param name="x">One identity.</param>
    /// <param name="y">The other.</param>
    /// <returns>Whether the pair is new.</returns>
    public static bool Forbid(IdentityNode x, IdentityNode y)
    {
        if (x.CannotLink?.Contains(y) ?? false)
        {
            return false;
        }

        (x.CannotLink ??= []).Add(y);
        (y.CannotLink ??= []).Add(x);
        return true;
    }
}
