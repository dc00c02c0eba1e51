namespace Ecrm.Campaigns;

/// <summary>
/// A campaign's message on one channel in one language. Texts may name the customer's <c>{name}</c>, <c>{tier}</c>,
/// <c>{points}</c>, top <c>{recommendation}</c> and its <c>{reason}</c>; a provider template (Aliyun TemplateCode,
/// WeChat template_id, SendGrid template) gets the same values as <see cref="TemplateData"/> parameters.
/// </summary>
public sealed record CampaignMessage
{
    /// <summary>Gets the channel (wechat, sms, email, ...). Required.</summary>
    public required EventChannel Channel { get; init; }

    /// <summary>Gets the language: <c>zh</c> or <c>en</c> (others are allowed; customers get theirs, else the first). Default zh.</summary>
    public string Language { get; init; } = "zh";

    /// <summary>Gets the subject (e-mail).</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the text.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the HTML body (e-mail).</summary>
    public string? Html { get; init; }

    /// <summary>Gets the provider template.</summary>
    public string? TemplateId { get; init; }

    /// <summary>Gets the provider template's parameters, by parameter name, as texts with the same placeholders.</summary>
    public IReadOnlyDictionary<string, string>? TemplateData { get; init; }

    /// <summary>Gets the link the message points to; <c>{campaign}</c> is replaced by the campaign code (for UTM parameters).</summary>
    public string? Link { get; init; }
}
