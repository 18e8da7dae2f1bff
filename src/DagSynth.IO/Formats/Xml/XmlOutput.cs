using System.Text;
using System.Xml;

namespace DagSynth.IO.Formats.Xml;

/// <summary>An indented XML writer over a text writer, for the XML model formats.</summary>
internal static class XmlOutput
{
    /// <summary>
    /// Writes a UTF-8 XML declaration (whatever the text writer's own encoding, so that text written
    /// to a string and saved as UTF-8 is still right), then creates the writer.
    /// </summary>
    public static XmlWriter Create(TextWriter writer)
    {
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        return XmlWriter.Create(writer, Settings);
    }

    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        Encoding = new UTF8Encoding(false),
        CheckCharacters = true,
        CloseOutput = false,
    };

    /// <summary>The numbers of a table, one row of <paramref name="width"/> per line, indented to sit inside an element.</summary>
    public static string Rows(ReadOnlySpan<double> values, int width, string indent)
    {
        var builder = new StringBuilder(values.Length * 8);
        for (var i = 0; i < values.Length; i++)
        {
            if (i % width == 0)
            {
                builder.Append('\n').Append(indent).Append("  ");
            }
            else
            {
                builder.Append(' ');
            }

            builder.Append(Export.FormatWriter.Number(values[i]));
        }

        return builder.Append('\n').Append(indent).ToString();
    }
}
