namespace Ecrm.Segments;

/// <summary>Turns an aggregate's event type, field and filters into a function: the value an event contributes, or
/// null when the event does not count.</summary>
internal static class EventSelector
{
    public static Func<CustomerEvent, double?> For(AggregateOperand a)
    {
        var type = a.EventType;
        var filters = a.Filters.Select(Compile).ToArray();
        var field = a.Field;
        return e =>
        {
            if (e.Type != type)
            {
                return null;
            }

            foreach (var f in filters)
            {
                if (!f(e))
                {
                    return null;
                }
            }

            if (field is null)
            {
                return 1;
            }

            var v = NumberOf(e, field);
            return double.IsNaN(v) ? null : v;
        };
    }

    private static Func<CustomerEvent, bool> Compile(EventFilter f)
    {
        if (SegmentSchema.IsNumberEventField(f.Field) == true)
        {
            var numbers = Comparisons.Numbers(f.Values);
            return e => Comparisons.Number(f.Operator, numbers, NumberOf(e, f.Field));
        }

        return e =>
        {
            // Line-item fields hold when any line item matches.
            foreach (var text in TextsOf(e, f.Field))
            {
                if (Comparisons.Text(f.Operator, f.Values, text))
                {
                    return true;
                }
            }

            return false;
        };
    }

    private static IEnumerable<string?> TextsOf(CustomerEvent e, string field)
    {
        var p = e.Properties;
        switch (field)
        {
            case "channel":
                return [e.Channel.Name];
            case "category":
                return p?.LineItems?.Select(i => i.Category) ?? [];
            case "sku":
                return p?.LineItems?.Select(i => (string?)i.Sku) ?? [];
            case "currency":
                return [p?.Currency];
            case "campaign":
                return [p?.CampaignCode ?? p?.SceneCode];
            case "store":
                return [p?.StoreId];
            case "text":
                return [p?.Text];
            default:
                return [];
        }
    }

    private static double NumberOf(CustomerEvent e, string field)
    {
        var p = e.Properties;
        return field switch
        {
            "amount" => p?.Amount is { } a ? (double)a : double.NaN,
            "quantity" => p?.LineItems is { Count: > 0 } items ? items.Sum(i => i.Quantity) : double.NaN,
            "rating" => p?.Rating is { } r ? (double)r : double.NaN,
            "follower-count" => p?.FollowerCount is { } f ? f : double.NaN,
            _ => double.NaN,
        };
    }
}
