namespace Ecrm.Core.Tests.Identities;

public sealed class IdentityNormalizerTests
{
    private static readonly IdentityNormalizer China = new(new PhoneRegion("CN", "86", "0"));

    [Theory]
    [InlineData("13800138000", "+8613800138000")]
    [InlineData("138 0013 8000", "+8613800138000")]
    [InlineData("+86 138-0013-8000", "+8613800138000")]
    [InlineData("008613800138000", "+8613800138000")]
    [InlineData("(010) 6552-9988", "+861065529988")]
    [InlineData("+8613800138000", "+8613800138000")]
    [InlineData("+1 (415) 555-0132", "+14155550132")]
    public void NormalizePhone_WritingVariants_GiveE164(string input, string expected)
        => Assert.Equal(expected, China.NormalizePhone(input));

    [Theory]
    [InlineData("13800I38000")]
    [InlineData("12")]
    [InlineData("+0123456789")]
    [InlineData("+1234567890123456")]
    [InlineData("")]
    public void NormalizePhone_Invalid_ThrowsNamingTheValue(string input)
    {
        var ex = Assert.Throws<IdentityFormatException>(() => China.NormalizePhone(input));
        Assert.Equal("value", ex.Part);
        Assert.Contains($"'{input}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalizePhone_UsRegion_DropsTrunkPrefix()
    {
        var us = new IdentityNormalizer(new PhoneRegion("US", "1", "1"));
        Assert.Equal("+14155550132", us.NormalizePhone("1 415 555 0132"));
        Assert.Equal("+14155550132", us.NormalizePhone("415-555-0132"));
    }

    [Fact]
    public void NormalizePhone_AlreadyCanonical_ReturnsSameInstance()
    {
        var phone = "+8613800138000";
        Assert.Same(phone, China.NormalizePhone(phone));
    }

    [Theory]
    [InlineData(" Li.Wei@Example.COM ", "li.wei@example.com")]
    [InlineData("zhang@163.com", "zhang@163.com")]
    public void NormalizeEmail_TrimsAndLowercases(string input, string expected)
        => Assert.Equal(expected, IdentityNormalizer.NormalizeEmail(input));

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("two@@example.com")]
    [InlineData("@example.com")]
    [InlineData("name@nodot")]
    [InlineData("a b@example.com")]
    public void NormalizeEmail_Invalid_Throws(string input)
        => Assert.Throws<IdentityFormatException>(() => IdentityNormalizer.NormalizeEmail(input));

    [Fact]
    public void Normalize_OpenIdWithoutAppId_ThrowsOnScope()
    {
        var ex = Assert.Throws<IdentityFormatException>(() => China.Normalize(new Identity(IdentityKind.WeChatOpenId, "oXyz")));
        Assert.Equal("scope", ex.Part);
    }

    [Fact]
    public void Normalize_OtherKinds_TrimAndKeepCase()
    {
        var n = China.Normalize(Identity.WeChatOpenId(" wx01 ", " oAbC_12 "));
        Assert.Equal(("wx01", "oAbC_12"), (n.Scope, n.Value));
    }

    [Fact]
    public void Normalize_ControlCharacters_Rejected()
        => Assert.Throws<IdentityFormatException>(() => China.Normalize(Identity.MemberCard("M1\u0000")));
}
