namespace Ecrm.Core.Tests.Identities;

public sealed class IdentityTests
{
    [Theory]
    [InlineData("phone:+8613800138000", "phone", null, "+8613800138000")]
    [InlineData("wechat-openid:wx5f3a/oXyZ", "wechat-openid", "wx5f3a", "oXyZ")]
    [InlineData("shop-buyer:tmall/buyer_9", "shop-buyer", "tmall", "buyer_9")]
    [InlineData("device:abc/def", "device", null, "abc/def")]
    [InlineData("loyalty-app:U123:x", "loyalty-app", null, "U123:x")]
    public void Parse_TextForm_RoundTrips(string text, string kind, string? scope, string value)
    {
        var identity = Identity.Parse(text);
        Assert.Equal(kind, identity.Kind.Name);
        Assert.Equal(scope, identity.Scope);
        Assert.Equal(value, identity.Value);
        Assert.Equal(text, identity.ToString());
    }

    [Theory]
    [InlineData("phone")]
    [InlineData(":123")]
    [InlineData("phone:")]
    [InlineData("Phone:123")]
    public void Parse_Malformed_ThrowsIdentityFormatException(string text)
        => Assert.Throws<IdentityFormatException>(() => Identity.Parse(text));

    [Fact]
    public void Equality_IsByKindScopeAndValue()
    {
        Assert.Equal(Identity.Phone("+861"), Identity.Phone("+861"));
        Assert.NotEqual(Identity.WeChatOpenId("wx1", "o1"), Identity.WeChatOpenId("wx2", "o1"));
        Assert.NotEqual(Identity.Email("a@b.c"), new Identity(new IdentityKind("custom-mail"), "a@b.c"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("dou--ble")]
    [InlineData("sp ace")]
    public void Tokens_InvalidNames_ThrowTokenFormatException(string name)
    {
        Assert.Throws<TokenFormatException>(() => new IdentityKind(name));
        Assert.Throws<TokenFormatException>(() => new EventChannel(name));
        Assert.Throws<TokenFormatException>(() => new EventType(name));
    }

    [Fact]
    public void Tokens_CustomNames_AreAccepted()
    {
        Assert.Equal("douyin", new EventChannel("douyin").Name);
        Assert.Equal(EventChannel.CallCentre, new EventChannel("call-centre"));
        Assert.True(default(EventType).IsDefault);
    }
}
