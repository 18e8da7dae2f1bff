using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats.Xml;
using DagSynth.Specs;

namespace DagSynth.IO.Formats.XmlBif;

/// <summary>
/// Reads XMLBIF 0.3 into a <see cref="ModelSpec"/>: <c>VARIABLE</c> elements with <c>NAME</c> and
/// <c>OUTCOME</c>s, <c>DEFINITION</c> elements with <c>FOR</c>, <c>GIVEN</c>s and a <c>TABLE</c>
/// listing the child (FOR) fastest, then the last GIVEN. Text is trimmed and entities decoded; tag
/// names are matched ignoring case. XMLBIF 0.2 (an upper-case <c>&lt;?XML</c> declaration, which is
/// not well-formed XML, and <c>PROBABILITY</c> elements) and decision or utility variables are refused.
/// </summary>
internal static class XmlBifReader
{
    private const string Format = "XMLBIF";

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
            diagnostics.Error(DiagnosticCodes.EmptyDocument, new SourceSpan(source, 1, 1), "the file is empty", "an XMLBIF file holds a <BIF VERSION=\"0.3\"> document");
            return null;
        }

        if (text.StartsWith("<?XML", StringComparison.Ordinal))
        {
            diagnostics.Error(
                DiagnosticCodes.UnsupportedConstruct,
                new SourceSpan(source, 1, 1),
                "XMLBIF 0.2 is not supported: this file starts with '<?XML', an upper-case declaration that is not well-formed XML",
                "save the network as XMLBIF 0.3 (or BIF) in the tool that wrote it");
            return null;
        }

        var root = XmlSource.Parse(text, source, diagnostics);
        if (root is null)
        {
            return null;
        }

        if (!root.Is("BIF"))
        {
            diagnostics.Error(
                DiagnosticCodes.FormatSyntax,
                new SourceSpan(source, root.Line, root.Column),
                $"this is not an XMLBIF file: the root element is <{root.Name}>, not <BIF>",
                root.Name == "smile" ? "this is GeNIe's XDSL: name the file .xdsl" : null);
            return null;
        }

        var networks = root.ChildrenNamed("NETWORK").ToList();
        if (networks.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.FormatSyntax, new SourceSpan(source, root.Line, root.Column), "the document has no <NETWORK>");
            return null;
        }

        if (networks.Count > 1)
        {
            diagnostics.Warning(DiagnosticCodes.LenientInput, new SourceSpan(source, networks[1].Line, networks[1].Column), $"the document holds {networks.Count} networks; only the first is read");
        }

        return ReadNetwork(networks[0], source, diagnostics);
    }

    private static ModelSpec? ReadNetwork(XmlElementNode network, string source, DiagnosticBag diagnostics)
    {
        var ok = true;
        var variables = new List<(Located<string> Name, ImmutableArray<Located<string>> Outcomes)>();
        var definitions = new Dictionary<string, (XmlElementNode Element, ImmutableArray<Located<string>> Given, FullTableSpec? Table)>(StringComparer.Ordinal);
        SourceSpan At(XmlElementNode e) => new(source, e.Line, e.Column);
        Located<string> Name(XmlElementNode e) => new(e.Text.Trim(), new SourceSpan(source, e.TextStart.Line == 0 ? e.Line : e.TextStart.Line, e.TextStart.Line == 0 ? e.Column : e.TextStart.Column));

        foreach (var element in network.Children)
        {
            if (element.Is("VARIABLE"))
            {
                var type = element.Attribute("TYPE")?.Trim() ?? "nature";
                var nameElement = element.Child("NAME");
                if (nameElement is null)
                {
                    diagnostics.Error(DiagnosticCodes.FormatSyntax, At(element), "a <VARIABLE> has no <NAME>");
                    ok = false;
                    continue;
                }

                var name = Name(nameElement);
                if (!string.Equals(type, "nature", StringComparison.OrdinalIgnoreCase))
                {
                    diagnostics.Error(
                        DiagnosticCodes.UnsupportedConstruct,
                        At(element),
                        $"variable '{name.Value}' has TYPE=\"{type}\": influence diagrams (decision and utility variables) are not Bayesian networks, and are not supported");
                    ok = false;
                    continue;
                }

                if (element.Child("VALUE") is { } value)
                {
                    diagnostics.Error(DiagnosticCodes.UnsupportedConstruct, At(value), $"variable '{name.Value}' lists <VALUE> elements: XMLBIF 0.2 is not supported", "save the network as XMLBIF 0.3, whose states are <OUTCOME> elements");
                    ok = false;
                    continue;
                }

                var outcomes = element.ChildrenNamed("OUTCOME").Select(Name).ToImmutableArray();
                if (outcomes.IsEmpty)
                {
                    diagnostics.Error(DiagnosticCodes.FormatSyntax, At(element), $"variable '{name.Value}' lists no <OUTCOME>");
                    ok = false;
                }

                variables.Add((name, outcomes));
            }
            else if (element.Is("DEFINITION"))
            {
                var forElement = element.Child("FOR");
                if (forElement is null)
                {
                    diagnostics.Error(DiagnosticCodes.FormatSyntax, At(element), "a <DEFINITION> has no <FOR>");
                    ok = false;
                    continue;
                }

                var child = Name(forElement);
                var given = element.ChildrenNamed("GIVEN").Select(Name).ToImmutableArray();
                FullTableSpec? table = null;
                if (element.Child("TABLE") is not { } tableElement)
                {
                    diagnostics.Error(DiagnosticCodes.FormatSyntax, At(element), $"the <DEFINITION> of '{child.Value}' has no <TABLE>");
                    ok = false;
                }
                else
                {
                    table = Numbers(tableElement, child.Value, source, diagnostics);
                    ok &= table is not null;
                }

                if (definitions.TryGetValue(child.Value, out var first))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateTable, At(element), $"a second <DEFINITION> for '{child.Value}' (the first is at line {first.Element.Line})");
                    continue;
                }

                definitions[child.Value] = (element, given, table);
            }
            else if (element.Is("PROBABILITY"))
            {
                diagnostics.Error(DiagnosticCodes.UnsupportedConstruct, At(element), "<PROBABILITY> elements are XMLBIF 0.2, which is not supported", "save the network as XMLBIF 0.3, whose tables are <DEFINITION> elements");
                ok = false;
            }
        }

        var declared = variables.Select(v => v.Name.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (child, definition) in definitions.Where(d => !declared.Contains(d.Key)))
        {
            diagnostics.Error(DiagnosticCodes.UndeclaredVariable, At(definition.Element), $"a <DEFINITION> for '{child}', which no <VARIABLE> declares", NameSuggestion.DidYouMean(child, declared));
        }

        if (!ok)
        {
            return null;
        }

        var attached = new HashSet<string>(StringComparer.Ordinal);
        var specs = ImmutableArray.CreateBuilder<VariableSpec>(variables.Count);
        foreach (var (name, outcomes) in variables)
        {
            var has = attached.Add(name.Value) && definitions.TryGetValue(name.Value, out _);
            var definition = has ? definitions[name.Value] : default;
            specs.Add(new VariableSpec
            {
                Name = name,
                Span = name.Span,
                Levels = outcomes,
                Given = has ? definition.Given : [],
                FlatTable = has ? definition.Table : null,
            });
        }

        return new ModelSpec
        {
            Span = SourceSpan.InSource(source),
            Name = network.Child("NAME")?.Text.Trim() is { Length: > 0 } networkName ? networkName : null,
            Format = Format,
            SumTolerance = Tolerances.RoundedRows,
            Variables = specs.MoveToImmutable(),
        };
    }

    /// <summary>The numbers of a table element (child fastest), or null after reporting a word that is not a number.</summary>
    internal static FullTableSpec? Numbers(XmlElementNode table, string child, string source, DiagnosticBag diagnostics)
    {
        var words = XmlSource.Words(table);
        var values = new double[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var (word, line, column) = words[i];
            if (!double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                diagnostics.Error(DiagnosticCodes.FormatSyntax, new SourceSpan(source, line, column), $"expected a probability in the table of '{child}', found '{(word.Length > 40 ? word[..37] + "..." : word)}'");
                return null;
            }
        }

        return new FullTableSpec(
            new SourceSpan(source, table.Line, table.Column),
            System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(values),
            TableOrder.ChildFastest,
            i => new SourceSpan(source, words[i].Line, words[i].Column));
    }
}
