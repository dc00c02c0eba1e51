namespace Ecrm.Messaging;

/// <summary>Why a message is sent; consent is given and withdrawn per purpose.</summary>
public enum MessagePurpose
{
    /// <summary>Service: order and delivery notices, answers to the customer's own questions.</summary>
    Service,

    /// <summary>Marketing: offers, campaigns, newsletters.</summary>
    Marketing,

    /// <summary>Surveys and feedback requests.</summary>
    Survey,
}
