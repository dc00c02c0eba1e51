using Ecrm.Messaging;

namespace Ecrm.Campaigns;

/// <summary>
/// A campaign: who (a segment), why (the purpose consent is checked for), on which channels in order of preference
/// (the first the customer consents to and can be reached on), with what message per channel and language, a random
/// hold-out group kept from it to measure uplift, and how long after sending a purchase counts as a conversion.
/// </summary>
public sealed record CampaignDefinition
{
    /// <summary>Gets the campaign's code (lowercase letters, digits and hyphens; it tags every message and event). Required.</summary>
    public required string Code { get; init; }

    /// <summary>Gets a display name.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Gets the segment whose members are the audience. Required for scheduled and manual runs; for triggered campaigns,
    /// optional: when given, only triggered customers who are members get the campaign.
    /// </summary>
    public string? Segment { get; init; }

    /// <summary>Gets what starts the sends (null: runs only, <see cref="ICampaigns.RunAsync"/>).</summary>
    public CampaignTrigger? Trigger { get; init; }

    /// <summary>Gets the purpose. Default marketing.</summary>
    public MessagePurpose Purpose { get; init; } = MessagePurpose.Marketing;

    /// <summary>Gets the channels in order of preference. Required (at least one).</summary>
    public required IReadOnlyList<EventChannel> Channels { get; init; }

    /// <summary>Gets the messages, per channel and language. Required (one per channel at least).</summary>
    public required IReadOnlyList<CampaignMessage> Messages { get; init; }

    /// <summary>Gets the share of the eligible audience held out (not sent, compared with). Default 0.1.</summary>
    public double HoldOut { get; init; } = 0.1;

    /// <summary>Gets how long after the send a purchase counts as a conversion. Default 14 days.</summary>
    public TimeSpan ConversionWindow { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Validates the definition.</summary>
    /// <exception cref="EcrmException">A field is missing or malformed; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Code) || Code.Length > 64 || !Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new EcrmException($"Campaign Code: expected 1 to 64 lowercase letters, digits and hyphens, received '{Code}'.");
        }

        var triggered = Trigger is { Kind: not CampaignTriggerKind.Schedule };
        if (string.IsNullOrWhiteSpace(Segment) && !(triggered && (Trigger!.Kind != CampaignTriggerKind.SegmentEntered || Trigger.Segment is not null)))
        {
            throw new EcrmException($"Campaign {Code}: expected a Segment (or a trigger that names its customers), received none.");
        }

        if (Trigger is { Kind: CampaignTriggerKind.TierReached, Tier: null or "" })
        {
            throw new EcrmException($"Campaign {Code}: expected the Tier a TierReached trigger waits for, received none.");
        }

        if (Channels is null || Channels.Count == 0)
        {
            throw new EcrmException($"Campaign {Code}: expected at least one channel, received none.");
        }

        foreach (var channel in Channels)
        {
            var messages = Messages?.Where(m => m.Channel == channel).ToList() ?? [];
            if (messages.Count == 0)
            {
                throw new EcrmException($"Campaign {Code}: expected a message for channel {channel}, received none.");
            }

            if (messages.Any(m => string.IsNullOrEmpty(m.Text) && string.IsNullOrEmpty(m.Html) && string.IsNullOrEmpty(m.TemplateId)))
            {
                throw new EcrmException($"Campaign {Code}: expected a text, HTML body or template in every {channel} message, received an empty one.");
            }
        }

        if (!(HoldOut >= 0 && HoldOut < 1))
        {
            throw new EcrmException($"Campaign {Code}: expected HoldOut in [0, 1), received {HoldOut}.");
        }

        if (ConversionWindow <= TimeSpan.Zero || ConversionWindow > TimeSpan.FromDays(366))
        {
            throw new EcrmException($"Campaign {Code}: expected a ConversionWindow of up to a year, received {ConversionWindow}.");
        }
    }
}
