namespace Ecrm.Campaigns;

/// <summary>Rules that hold across every campaign.</summary>
public sealed class CampaignOptions
{
    /// <summary>Gets or sets the most marketing and survey messages a customer gets within <see cref="CapWindow"/>, all campaigns together. Default 2.</summary>
    public int MaxMessagesPerWindow { get; set; } = 2;

    /// <summary>Gets or sets the frequency cap's window. Default 7 days.</summary>
    public TimeSpan CapWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the WeChat official account whose openids campaigns send to (null: the first openid seen).</summary>
    public string? WeChatAppId { get; set; }

    /// <summary>Gets or sets how many messages are sent at once. Default 8.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxMessagesPerWindow < 1 || CapWindow <= TimeSpan.Zero || Parallelism is < 1 or > 256)
        {
            throw new EcrmException($"CampaignOptions: expected MaxMessagesPerWindow of 1 or more, a positive CapWindow and Parallelism of 1 to 256, received {MaxMessagesPerWindow}, {CapWindow}, {Parallelism}.");
        }
    }
}
