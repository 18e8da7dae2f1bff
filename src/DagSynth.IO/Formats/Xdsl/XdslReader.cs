using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats.Xml;
using DagSynth.IO.Formats.XmlBif;
using DagSynth.Specs;

namespace DagSynth.IO.Formats.Xdsl;

/// <summary>
/// Reads GeNIe/SMILE's XDSL into a <see cref="ModelSpec"/>: <c>cpt</c> nodes (states, parents,
/// probabilities with the child fastest, split on any blanks) and <c>deterministic</c> nodes (one
/// resulting state per parent configuration, read as a 0/1 table), in any order. Human names from
/// <c>extensions/genie/node/name</c> become labels when their id matches a node; stale extension
/// entries are ignored. Noisy-MAX, noisy-adder, equation, decision and utility nodes are refused
/// with the element's name.
/// </summary>
internal static class XdslReader
{
    private const string Format = "XDSL";

    /// <summary>Reads a document; returns null when no model can be built from it.</summary>
    public static ModelSpec? Read(ReadOnlySpan<byte> bytes, string source, DiagnosticBag diagnostics)
    {
        var text = XmlSource.Decode(bytes, source, diagnostics);
        if (text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Error(DiagnosticCodes.EmptyDocument, new SourceSpan(source, 1, 1), "the file is empty", "an XDSL file holds a <smile> document");
            return null;
        }

        var root = XmlSource.Parse(text, source, diagnostics);
        if (root is null)
        {
            return null;
        }

        if (root.Name != "smile")
        {
            diagnostics.Error(DiagnosticCodes.FormatSyntax, new SourceSpan(source, root.Line, root.Column), $"this is not an XDSL file: the root element is <{root.Name}>, not <smile>");
            return null;
        }

        SourceSpan At(XmlElementNode e) => new(source, e.Line, e.Column);
        var ok = true;
        var nodes = new List<NodeDecl>();
        foreach (var element in root.Child("nodes")?.Children ?? [])
        {
            var id = element.Attributes.GetValueOrDefault("id")?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                diagnostics.Error(DiagnosticCodes.FormatSyntax, At(element), $"a <{element.Name}> node has no id");
                ok = false;
                continue;
            }

            if (element.Name is not ("cpt" or "deterministic"))
            {
                diagnostics.Error(
                    DiagnosticCodes.UnsupportedConstruct,
                    At(element),
                    $"<{element.Name}> node '{id}' is not supported",
                    element.Name switch
                    {
                        "noisymax" or "noisyadder" => "expand it to a full table in GeNIe (Node > Change Type > CPT), then save",
                        "decision" or "utility" or "mau" => "influence diagrams are not Bayesian networks",
                        "equation" => "continuous (equation) nodes are not supported yet",
                        _ => "DagSynth reads <cpt> and <deterministic> nodes",
                    });
                ok = false;
                continue;
            }

            var states = element.ChildrenNamed("state")
                .Select(s => new Located<string>(s.Attributes.GetValueOrDefault("id")?.Trim() ?? string.Empty, At(s)))
                .ToImmutableArray();
            if (states.IsEmpty)
            {
                diagnostics.Error(DiagnosticCodes.FormatSyntax, At(element), $"<{element.Name}> node '{id}' has no <state>");
                ok = false;
                continue;
            }

            var parents = element.Child("parents") is { } p
                ? XmlSource.Words(p).Select(w => new Located<string>(w.Word, new SourceSpan(source, w.Line, w.Column))).ToImmutableArray()
                : [];
            var node = new NodeDecl(new Located<string>(id, At(element)), element, states, parents);
            if (element.Name == "cpt")
            {
                if (element.Child("probabilities") is not { } probabilities)
                {
                    diagnostics.Error(DiagnosticCodes.FormatSyntax, At(element), $"<cpt> node '{id}' has no <probabilities>");
                    ok = false;
                    continue;
                }

                node.Table = XmlBifReader.Numbers(probabilities, id, source, diagnostics);
                ok &= node.Table is not null;
            }
            else if (element.Child("resultingstates") is not { } resulting)
            {
                diagnostics.Error(DiagnosticCodes.FormatSyntax, At(element), $"<deterministic> node '{id}' has no <resultingstates>");
                ok = false;
                continue;
            }
            else
            {
                node.Resulting = resulting;
            }

            nodes.Add(node);
        }

        var byId = new Dictionary<string, NodeDecl>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            byId.TryAdd(node.Name.Value, node);
        }

        foreach (var node in nodes.Where(n => n.Resulting is not null))
        {
            node.Table = Deterministic(node, byId, source, diagnostics);
            ok &= node.Table is not null;
        }

        if (!ok)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var extension in root.Child("extensions")?.ChildrenNamed("genie").SelectMany(g => g.ChildrenNamed("node")) ?? [])
        {
            if (extension.Attributes.GetValueOrDefault("id") is { } id && extension.Child("name")?.Text.Trim() is { Length: > 0 } name && name != id)
            {
                labels.TryAdd(id, name);
            }
        }

        return new ModelSpec
        {
            Span = SourceSpan.InSource(source),
            Name = root.Attributes.GetValueOrDefault("id"),
            Format = Format,
            SumTolerance = Tolerances.RoundedRows,
            Variables = [.. nodes.Select(n => new VariableSpec
            {
                Name = n.Name,
                Span = n.Name.Span,
                Levels = n.States,
                Given = n.Parents,
                FlatTable = n.Table,
                Label = labels.GetValueOrDefault(n.Name.Value),
            })],
        };
    }

    /// <summary>A deterministic node's 0/1 table, or null after reporting an unknown state or a wrong count.</summary>
    private static FullTableSpec? Deterministic(NodeDecl node, Dictionary<string, NodeDecl> byId, string source, DiagnosticBag diagnostics)
    {
        var words = XmlSource.Words(node.Resulting!);
        var states = node.States.Select(s => s.Value).ToList();
        var expected = 1L;
        foreach (var parent in node.Parents)
        {
            if (!byId.TryGetValue(parent.Value, out var p))
            {
                expected = -1; // the validation gate reports the unknown parent
                break;
            }

            expected *= p.States.Length;
        }

        if (expected >= 0 && words.Count != expected)
        {
            diagnostics.Error(
                DiagnosticCodes.RowLength,
                new SourceSpan(source, node.Resulting!.Line, node.Resulting.Column),
                $"the resulting states of deterministic node '{node.Name.Value}' list {words.Count} state{(words.Count == 1 ? string.Empty : "s")}, expected {expected} (one per parent configuration)");
            return null;
        }

        var values = new double[words.Count * states.Count];
        var ok = true;
        for (var r = 0; r < words.Count; r++)
        {
            var (word, line, column) = words[r];
            var k = states.IndexOf(word);
            if (k < 0)
            {
                diagnostics.Error(
                    DiagnosticCodes.UnknownLevel,
                    new SourceSpan(source, line, column),
                    $"'{word}' is not a state of '{node.Name.Value}' (states: {string.Join(", ", states)})",
                    NameSuggestion.DidYouMean(word, states));
                ok = false;
                continue;
            }

            values[(r * states.Count) + k] = 1;
        }

        if (!ok)
        {
            return null;
        }

        var cardinality = Math.Max(1, states.Count);
        return new FullTableSpec(
            new SourceSpan(source, node.Resulting!.Line, node.Resulting.Column),
            System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(values),
            TableOrder.ChildFastest,
            i => new SourceSpan(source, words[i / cardinality].Line, words[i / cardinality].Column));
    }

    private sealed class NodeDecl(Located<string> name, XmlElementNode element, ImmutableArray<Located<string>> states, ImmutableArray<Located<string>> parents)
    {
        public Located<string> Name { get; } = name;

        public XmlElementNode Element { get; } = element;

        public ImmutableArray<Located<string>> States { get; } = states;

        public ImmutableArray<Located<string>> Parents { get; } = parents;

        public FullTableSpec? Table { get; set; }

        public XmlElementNode? Resulting { get; set; }
    }
}
