using System.Text.Json.Serialization;

namespace Ecrm.WeChat.Api;

/// <summary>Source-generated JSON for the API requests.</summary>
[JsonSerializable(typeof(StableTokenRequest))]
internal sealed partial class WeChatJsonContext : JsonSerializerContext;
