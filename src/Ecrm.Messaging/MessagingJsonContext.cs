using System.Text.Json.Serialization;

namespace Ecrm.Messaging;

/// <summary>Source-generated JSON for the senders' small payloads.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
