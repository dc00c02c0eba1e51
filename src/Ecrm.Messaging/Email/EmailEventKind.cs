namespace Ecrm.Messaging.Email;

/// <summary>What an e-mail provider reports about a message, in the SDK's terms.</summary>
internal enum EmailEventKind
{
    Ignored,
    Delivered,
    Opened,
    Clicked,
    Failed,
    Unsubscribed,
}
