using DagSynth.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DagSynth.IO.Yaml;

/// <summary>Reads the first document of a YAML or JSON text into a <see cref="YamlNode"/> tree.</summary>
internal static class YamlTreeReader
{
    /// <summary>Nesting deeper than this is refused: no model needs it, and it protects the stack.</summary>
    private const int MaxDepth = 64;

    /// <summary>Parses <paramref name="text"/>; on a syntax error returns null and reports it.</summary>
    public static YamlNode? Read(TextReader text, string source, DiagnosticBag diagnostics)
    {
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var parser = new Parser(text);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, source, anchors, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                diagnostics.Warning(
                    DiagnosticCodes.Syntax,
                    Span(source, second.Start),
                    "the file holds more than one YAML document; only the first is read");
            }

            return root;
        }
        catch (YamlException e)
        {
            diagnostics.Error(DiagnosticCodes.Syntax, Span(source, e.Start), Clean(e.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections, without a
            // position; the end of the last event it did parse is the best place to point at.
            var at = parser.Current?.End ?? Mark.Empty;
            diagnostics.Error(
                DiagnosticCodes.Syntax,
                Span(source, at),
                "the YAML cannot be parsed after this point",
                "check for an unclosed '[' or '{', or a missing comma");
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, string source, Dictionary<string, YamlNode> anchors, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(parser.Current!.Start, parser.Current.End, $"the document is nested more than {MaxDepth} levels deep");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
        }

        YamlNode node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
            node = new YamlScalar(Span(source, scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain, quoted);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, source, anchors, depth + 1));
            }

            node = new YamlSequence(Span(source, sequenceStart.Start), items);
        }
        else if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, source, anchors, depth + 1);
                if (key is not YamlScalar keyScalar)
                {
                    throw new YamlException(parser.Current!.Start, parser.Current.End, "mapping keys must be plain names, not lists or mappings");
                }

                entries.Add(KeyValuePair.Create(keyScalar, ReadNode(parser, source, anchors, depth + 1)));
            }

            node = new YamlMapping(Span(source, mappingStart.Start), entries);
        }
        else
        {
            var current = parser.Current!;
            throw new YamlException(current.Start, current.End, "unexpected content");
        }

        if (anchor is not null)
        {
            anchors[anchor] = node;
        }

        return node;
    }

    internal static SourceSpan Span(string source, Mark mark) =>
        new(source, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: ..) - (...): "; the span says that already.</summary>
    private static string Clean(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        var text = message.StartsWith("(Line:", StringComparison.Ordinal) && i >= 0 ? message[(i + 3)..] : message;
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.') : "syntax error";
    }
}
