using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats.Text;

namespace DagSynth.IO.Formats.Xml;

/// <summary>
/// Loads an XML model file safely: the encoding is taken from a byte-order mark or the XML
/// declaration (code pages such as Windows-1252 included), DTDs are skipped and never resolved,
/// nesting is limited, and a malformed document is one diagnostic at the line the parser names.
/// Well-formedness is strict, so a declaration after blanks is refused as XML requires.
/// </summary>
internal static partial class XmlSource
{
    /// <summary>Elements nested deeper than this are refused: model files need a handful of levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Decodes the document's text, or returns null after reporting why it cannot be decoded.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string source, DiagnosticBag diagnostics)
    {
        if (SourceText.Bom(bytes) is not null)
        {
            return SourceText.Decode(bytes, source, diagnostics);
        }

        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 512)]);
        var declared = DeclaredEncoding().Match(head);
        if (!declared.Success)
        {
            return SourceText.Decode(bytes, source, diagnostics);
        }

        var name = declared.Groups[1].Value;
        var encoding = Resolve(name);
        if (encoding is null)
        {
            diagnostics.Error(DiagnosticCodes.Encoding, new SourceSpan(source, 1, declared.Groups[1].Index + 1), $"the document declares the encoding '{name}', which DagSynth does not know", "save the file as UTF-8");
            return null;
        }

        if (encoding.CodePage == Encoding.UTF8.CodePage)
        {
            return SourceText.Decode(bytes, source, diagnostics);
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0 && encoding is not UnicodeEncoding and not UTF32Encoding)
        {
            var (line, column) = SourceText.LineOf(bytes, nul);
            diagnostics.Error(DiagnosticCodes.Encoding, new SourceSpan(source, line, column), $"the file is binary, not text (a NUL byte at offset {nul})");
            return null;
        }

        return encoding.GetString(bytes);
    }

    /// <summary>Parses <paramref name="text"/> into a tree of elements, or returns null after reporting the XML error.</summary>
    public static XmlElementNode? Parse(string text, string source, DiagnosticBag diagnostics)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 1 << 20,
            CloseInput = true,
        };
        var stack = new Stack<XmlElementNode>();
        XmlElementNode? root = null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        {
                            var element = new XmlElementNode(reader.LocalName, info.LineNumber, Math.Max(1, info.LinePosition - 1));
                            if (stack.Count >= MaxDepth)
                            {
                                diagnostics.Error(DiagnosticCodes.InputTooLarge, new SourceSpan(source, element.Line, element.Column), $"elements are nested more than {MaxDepth} levels deep; this is not a model file");
                                return null;
                            }

                            if (reader.MoveToFirstAttribute())
                            {
                                do
                                {
                                    element.Attributes[reader.LocalName] = reader.Value;
                                }
                                while (reader.MoveToNextAttribute());
                                reader.MoveToElement();
                            }

                            if (stack.TryPeek(out var parent))
                            {
                                parent.Children.Add(element);
                            }
                            else
                            {
                                root = element;
                            }

                            if (!reader.IsEmptyElement)
                            {
                                stack.Push(element);
                            }

                            break;
                        }

                    case XmlNodeType.EndElement:
                        stack.Pop();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        if (stack.TryPeek(out var owner))
                        {
                            owner.AppendText(reader.Value, info.LineNumber, info.LinePosition);
                        }

                        break;
                }
            }
        }
        catch (XmlException e)
        {
            diagnostics.Error(DiagnosticCodes.FormatSyntax, new SourceSpan(source, Math.Max(1, e.LineNumber), Math.Max(1, e.LinePosition)), $"XML error: {Clean(e.Message)}");
            return null;
        }

        if (root is null)
        {
            diagnostics.Error(DiagnosticCodes.EmptyDocument, new SourceSpan(source, 1, 1), "the document has no root element");
        }

        return root;
    }

    /// <summary>Splits <paramref name="element"/>'s text on blanks, with the line and column of each word.</summary>
    public static List<(string Word, int Line, int Column)> Words(XmlElementNode element)
    {
        var words = new List<(string, int, int)>();
        var text = element.Text;
        var (line, column) = element.Text.Length == 0 ? (element.Line, element.Column) : element.TextStart;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                column = 1;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                column++;
                i++;
                continue;
            }

            var start = i;
            var startColumn = column;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
                column++;
            }

            words.Add((text[start..i], line, startColumn));
        }

        return words;
    }

    private static Encoding? Resolve(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name);
        }
    }

    /// <summary>XmlException messages end with "Line 13, position 3."; the span says that already.</summary>
    private static string Clean(string message)
    {
        var i = message.IndexOf(" Line ", StringComparison.Ordinal);
        var text = i > 0 ? message[..i] : message;
        return text.TrimEnd('.', ' ');
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']""")]
    private static partial Regex DeclaredEncoding();
}
