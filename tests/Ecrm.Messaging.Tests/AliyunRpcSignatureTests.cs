using Ecrm.Messaging.Sms;

namespace Ecrm.Messaging.Tests;

/// <summary>The two official RPC signature vectors of the spec (§5.1), recomputed.</summary>
public sealed class AliyunRpcSignatureTests
{
    [Fact]
    public void SendSms_DocumentationVector()
    {
        var parameters = new Dictionary<string, string>
        {
            ["AccessKeyId"] = "testId",
            ["Action"] = "SendSms",
            ["Format"] = "XML",
            ["OutId"] = "123",
            ["PhoneNumbers"] = "15300000001",
            ["RegionId"] = "cn-hangzhou",
            ["SignName"] = "阿里云短信测试专用",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = "SMS_71390007",
            ["TemplateParam"] = """{"customer":"test"}""",
            ["Timestamp"] = "2017-07-12T02:42:19Z",
            ["Version"] = "2017-05-25",
        };
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", AliyunRpcSignature.Sign("GET", parameters, "testSecret"));
        Assert.NotEqual("zJDF+Lrzhj/ThnlvIToysFRq6t4=", AliyunRpcSignature.Sign("GET", parameters, "testsecret"));
    }

    [Fact]
    public void GenericRpc_DocumentationVector()
    {
        var parameters = new Dictionary<string, string>
        {
            ["Timestamp"] = "2016-02-23T12:46:24Z",
            ["Format"] = "XML",
            ["AccessKeyId"] = "testid",
            ["Action"] = "DescribeRegions",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            ["Version"] = "2014-05-26",
            ["SignatureVersion"] = "1.0",
        };
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", AliyunRpcSignature.Sign("GET", parameters, "testsecret"));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("*", "%2A")]
    [InlineData("~-_.", "~-_.")]
    [InlineData("中", "%E4%B8%AD")]
    [InlineData("{\"a\":\"1\"}", "%7B%22a%22%3A%221%22%7D")]
    public void PercentEncoding_FollowsRfc3986(string value, string expected) => Assert.Equal(expected, AliyunRpcSignature.PercentEncode(value));
}
