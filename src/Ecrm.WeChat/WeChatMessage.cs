using System.Xml;

namespace Ecrm.WeChat;

/// <summary>
/// The root's child elements of a callback XML document (CDATA or not), read with DTDs prohibited and no resolver, so
/// entity tricks (XXE, billion laughs) fail instead of expanding. Unknown elements are kept and ignored by the mapper.
/// </summary>
internal static class WeChatMessage
{
    public static Dictionary<string, string> Parse(byte[] xml, int maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var stream = new MemoryStream(xml, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "xml")
            {
                throw new EcrmException($"WeChat message: expected a root element <xml>, received <{reader.Name}>.");
            }

            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
                {
                    var name = reader.Name;
                    fields[name] = reader.IsEmptyElement ? string.Empty : reader.ReadInnerXmlAsText();
                }
            }
        }
        catch (XmlException ex)
        {
            throw new EcrmException($"WeChat message: expected well-formed XML without a DTD, received an error ({ex.Message}).", ex);
        }

        return fields;
    }

    /// <summary>Reads an element's text content (nested elements' text concatenated), leaving the reader after it.</summary>
    private static string ReadInnerXmlAsText(this XmlReader reader)
    {
        var depth = reader.Depth;
        var text = new System.Text.StringBuilder();
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
            }
        }

        return text.ToString();
    }
}
