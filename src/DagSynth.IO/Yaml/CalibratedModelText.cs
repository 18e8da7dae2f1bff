using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Calibration;
using DagSynth.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DagSynth.IO.Yaml;

/// <summary>
/// Writes a calibrated model as text: the original YAML or JSON with each <c>fit</c> token replaced by
/// its solved value and each free named parameter (<c>p: {fit: true, ...}</c> or <c>p: fit</c>) by
/// <c>p: VALUE</c>, everything else (comments, order, layout, the targets) as written. Values are
/// written with round-trip digits, so the file reads back to exactly the calibrated model. Comments
/// inside a block-style free parameter's mapping go with the mapping.
/// </summary>
public static class CalibratedModelText
{
    /// <summary>
    /// The text of <paramref name="original"/> with the values of <paramref name="parameters"/>
    /// filled in, or the errors that prevent it (a token no longer where the model said).
    /// </summary>
    /// <param name="original">The model file's text, as it was read.</param>
    /// <param name="sourceName">The name diagnostics use for the file.</param>
    /// <param name="parameters">Each free parameter with its value (usually <see cref="CalibrationResult.Parameters"/>).</param>
    public static (string? Text, ImmutableArray<Diagnostic> Diagnostics) Fill(string original, string sourceName, IEnumerable<ParameterResult> parameters)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(parameters);
        var nodes = new Dictionary<(long Line, long Column), Node>();
        try
        {
            var parser = new Parser(new StringReader(original));
            parser.Consume<StreamStart>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                Read(parser, nodes, null);
            }
        }
        catch (YamlException e)
        {
            return (null, [Diagnostic.Error(DiagnosticCodes.Syntax, YamlTreeReader.Span(sourceName, e.Start), "the model file cannot be read again to fill in the calibrated values")]);
        }

        var edits = new List<(int Start, int End, string Text)>();
        var errors = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var result in parameters)
        {
            var p = result.Parameter;
            var at = p.Location;
            var value = result.Value.ToString("R", CultureInfo.InvariantCulture);
            if (!nodes.TryGetValue((at.Line, at.Column), out var node) && !(nodes.TryGetValue((at.Line, at.Column - 1), out node) && node.Quoted))
            {
                errors.Add(Diagnostic.Error(DiagnosticCodes.CannotWrite, at, $"the free parameter {p.Name} is not where the model file had it; the file may have changed since it was read"));
                continue;
            }

            if (node.IsScalar)
            {
                edits.Add((node.Start, node.End, value));
            }
            else if (node.Key is { } key)
            {
                edits.Add((key.End, node.Flow ? AfterClosing(original, node.End, '}') : node.End, $": {value}"));
            }
            else
            {
                errors.Add(Diagnostic.Error(DiagnosticCodes.CannotWrite, at, $"the free parameter {p.Name} is not a scalar or a named parameter's mapping"));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors.ToImmutable());
        }

        var text = original;
        var last = int.MaxValue;
        foreach (var (start, end, replacement) in edits.DistinctBy(e => e.Start).OrderByDescending(e => e.Start))
        {
            if (end > last)
            {
                return (null, [Diagnostic.Error(DiagnosticCodes.CannotWrite, SourceSpan.InSource(sourceName), "two free parameters overlap in the model file")]);
            }

            text = string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
            last = start;
        }

        return (text, []);
    }

    /// <summary>The offset just after the bracket that closes a flow collection ending near <paramref name="end"/>.</summary>
    private static int AfterClosing(string text, int end, char bracket)
    {
        if (end > 0 && text[end - 1] == bracket)
        {
            return end;
        }

        var close = text.IndexOf(bracket, end);
        return close < 0 ? end : close + 1;
    }

    /// <summary>A node of the document: where it starts and ends (character offsets), and the key it is the value of.</summary>
    private sealed class Node(int start, int end, bool isScalar, bool quoted)
    {
        public bool Flow { get; init; }

        public int Start { get; } = start;

        public int End { get; set; } = end;

        public bool IsScalar { get; } = isScalar;

        public bool Quoted { get; } = quoted;

        public Node? Key { get; set; }
    }

    private static Node Read(IParser parser, Dictionary<(long, long), Node> nodes, Node? key)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
            return Remember(nodes, scalar.Start, new Node((int)scalar.Start.Index, (int)scalar.End.Index, true, quoted) { Key = key });
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return new Node((int)alias.Start.Index, (int)alias.End.Index, false, false) { Key = key };
        }

        if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            var list = Remember(nodes, sequence.Start, new Node((int)sequence.Start.Index, (int)sequence.End.Index, false, false) { Key = key });
            while (!parser.Accept<SequenceEnd>(out _))
            {
                list.End = Read(parser, nodes, null).End;
            }

            var end = parser.Consume<SequenceEnd>();
            if (sequence.Style == SequenceStyle.Flow)
            {
                list.End = (int)end.End.Index;
            }

            return list;
        }

        var mapping = parser.Consume<MappingStart>();
        var map = Remember(nodes, mapping.Start, new Node((int)mapping.Start.Index, (int)mapping.End.Index, false, false) { Key = key, Flow = mapping.Style == MappingStyle.Flow });
        while (!parser.Accept<MappingEnd>(out _))
        {
            var k = Read(parser, nodes, null);
            map.End = Read(parser, nodes, k).End;
        }

        var close = parser.Consume<MappingEnd>();
        if (mapping.Style == MappingStyle.Flow)
        {
            map.End = (int)close.End.Index;
        }

        return map;
    }

    private static Node Remember(Dictionary<(long, long), Node> nodes, Mark mark, Node node)
    {
        nodes.TryAdd((mark.Line, mark.Column), node);
        return node;
    }
}
