namespace Ecrm.Listening;

/// <summary>A brand's share of voice and sentiment over a period.</summary>
/// <param name="Brand">The brand's name.</param>
/// <param name="IsOwn">Whether it is the company's own brand.</param>
/// <param name="Mentions">Texts naming the brand in the period (a text counts once per brand).</param>
/// <param name="Share">Mentions over all tracked brands' mentions, from 0 to 1.</param>
/// <param name="Positive">Mentions with positive sentiment.</param>
/// <param name="Negative">Mentions with negative sentiment.</param>
/// <param name="AverageSentiment">The mean sentiment of the mentions.</param>
public sealed record BrandShare(string Brand, bool IsOwn, int Mentions, double Share, int Positive, int Negative, double AverageSentiment)
{
    /// <summary>Gets the net sentiment: (positive - negative) / mentions, from -1 to 1.</summary>
    public double NetSentiment => Mentions == 0 ? 0 : (Positive - Negative) / (double)Mentions;
}
