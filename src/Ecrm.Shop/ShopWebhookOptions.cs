namespace Ecrm.Shop;

/// <summary>How shop webhooks are verified and mapped.</summary>
public sealed class ShopWebhookOptions
{
    /// <summary>Gets the signing secrets: the current one, and the previous one during a rotation. At least one.</summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>Gets or sets the largest body accepted, in bytes. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>Gets or sets how many recent delivery ids are remembered for de-duplication. Default 100,000.</summary>
    public int RememberedDeliveries { get; set; } = 100_000;

    /// <summary>Gets or sets the platform mapper. Default <see cref="ShopifyWebhookMapper"/>.</summary>
    public IShopWebhookMapper Mapper { get; set; } = new ShopifyWebhookMapper();

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">No secret, an empty secret, or a limit out of range.</exception>
    public void Validate()
    {
        if (Secrets.Count == 0 || Secrets.Any(string.IsNullOrEmpty))
        {
            throw new EcrmException($"ShopWebhookOptions.Secrets: expected at least one non-empty signing secret, received {Secrets.Count}.");
        }

        if (MaxBodyBytes is < 1024 or > 64 << 20)
        {
            throw new EcrmException($"ShopWebhookOptions.MaxBodyBytes: expected 1 KiB to 64 MiB, received {MaxBodyBytes}.");
        }

        if (RememberedDeliveries is < 100 or > 10_000_000 || Mapper is null)
        {
            throw new EcrmException($"ShopWebhookOptions: expected RememberedDeliveries from 100 to 10,000,000 and a mapper, received {RememberedDeliveries}.");
        }
    }
}
