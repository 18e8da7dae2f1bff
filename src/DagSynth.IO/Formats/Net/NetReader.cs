using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats.Text;
using DagSynth.Specs;

namespace DagSynth.IO.Formats.Net;

/// <summary>
/// Reads Hugin's NET language (as Hugin, GeNIe, bnlearn and aGrUM write it) into a
/// <see cref="ModelSpec"/>: <c>net</c>, <c>node</c> and <c>potential</c> blocks of
/// <c>name = value;</c> attributes, <c>%</c> comments. A potential's <c>data</c> lists the child
/// fastest; its parentheses are optional. Tables need not sum to 1 (Hugin normalises): rows are
/// rescaled, with a warning. <c>experience</c> and unknown attributes are ignored. Continuous
/// (conditional-Gaussian) nodes, decision and utility nodes, table generators (<c>model_data</c>)
/// and object-oriented <c>class</c> files are refused with a clear message.
/// </summary>
internal sealed class NetReader
{
    private static readonly LexerOptions Options = new() { Symbols = "{}()[];=|,", PercentComments = true, SlashComments = true };

    private readonly Lexer _lexer;
    private readonly ReaderContext _context;
    private readonly List<NodeDecl> _nodes = [];
    private readonly List<PotentialBlock> _potentials = [];
    private string? _name;
    private int _blocks;
    private Token _lastContent;

    private NetReader(string text, ReaderContext context)
    {
        _context = context;
        _lexer = new Lexer(text, Options, context);
    }

    /// <summary>Reads <paramref name="text"/>; problems go to <paramref name="context"/>.</summary>
    public static ModelSpec Read(string text, ReaderContext context)
    {
        var reader = new NetReader(text, context);
        try
        {
            reader.ReadBlocks();
        }
        catch (TooManyErrorsException)
        {
            return new ModelSpec { Span = SourceSpan.InSource(context.Source), Format = "Hugin NET" };
        }

        return reader.Assemble();
    }

    private Token Next()
    {
        var token = _lexer.Next();
        if (token.Kind != TokenKind.End)
        {
            _lastContent = token;
        }

        return token;
    }

    private static bool IsNodeKeyword(ReadOnlySpan<char> word) =>
        word is "node" or "decision" or "utility" or "function";

    private void ReadBlocks()
    {
        while (true)
        {
            var token = Next();
            if (token.Kind == TokenKind.End)
            {
                break;
            }

            var word = token.Kind == TokenKind.Word ? _lexer.TextOf(token) : default;
            if (word is "class")
            {
                _context.Error(
                    DiagnosticCodes.UnsupportedConstruct,
                    _lexer.SpanOf(token),
                    "object-oriented Hugin files ('class' blocks, OOBN) are not supported",
                    "save the network as a plain (non-OOBN) Hugin NET file");
                _context.Broken = true;
                return;
            }

            if (word is "net")
            {
                _blocks++;
                ReadNet(token);
            }
            else if (word is "discrete" or "continuous" || IsNodeKeyword(word))
            {
                _blocks++;
                ReadNode(token);
            }
            else if (word is "potential")
            {
                _blocks++;
                ReadPotential(token);
            }
            else
            {
                if (!_context.Broken)
                {
                    _context.SyntaxError(_lexer.SpanOf(token), $"unexpected {_lexer.Describe(token)}: a NET file holds 'net', 'node' and 'potential' blocks");
                }

                SkipToBlock();
            }
        }

        if (_blocks == 0 && !_context.Broken)
        {
            _context.SyntaxError(_context.Span(1, 1), "this is not a Hugin NET file: it has no 'net', 'node' or 'potential' block");
        }
    }

    private void SkipToBlock()
    {
        var depth = 0;
        while (true)
        {
            var next = _lexer.Peek();
            if (next.Kind == TokenKind.End)
            {
                return;
            }

            if (depth == 0 && next.Kind == TokenKind.Word)
            {
                var word = _lexer.TextOf(next);
                if (word is "net" or "potential" or "discrete" or "continuous" || IsNodeKeyword(word))
                {
                    return;
                }
            }

            depth += next.Is('{') ? 1 : next.Is('}') ? -1 : 0;
            depth = Math.Max(depth, 0);
            Next();
        }
    }

    private void ReadNet(Token keyword)
    {
        if (!Expect(Next(), '{', "after 'net'"))
        {
            return;
        }

        ReadAttributes(keyword, "the net block", (name, value) =>
        {
            if (name == "name" && value.Leaves.Count == 1 && value.Leaves[0].IsName)
            {
                _name ??= _lexer.NameOf(value.Leaves[0]);
            }
        });
    }

    private void ReadNode(Token first)
    {
        var keyword = first;
        var kind = "discrete";
        var word = _lexer.TextOf(first);
        if (word is "discrete" or "continuous")
        {
            kind = word.ToString();
            keyword = Next();
            if (!(keyword.Kind == TokenKind.Word && IsNodeKeyword(_lexer.TextOf(keyword))))
            {
                Unexpected(keyword, first, $"a '{kind}' declaration", $"write '{kind} node NAME {{ ... }}'");
                return;
            }
        }

        var nodeKind = _lexer.NameOf(keyword);
        var nameToken = Next();
        if (!nameToken.IsName)
        {
            Unexpected(nameToken, first, $"a '{nodeKind}' declaration", "the node's name comes after 'node'");
            return;
        }

        var node = new NodeDecl(new Located<string>(_lexer.NameOf(nameToken), _lexer.SpanOf(nameToken)), nodeKind == "node" ? kind : nodeKind);
        _nodes.Add(node);
        if (!Expect(Next(), '{', $"after 'node {node.Name.Value}'"))
        {
            return;
        }

        ReadAttributes(first, $"node '{node.Name.Value}'", (name, value) =>
        {
            switch (name)
            {
                case "states":
                    if (node.States is not null)
                    {
                        _context.Error(DiagnosticCodes.FormatSyntax, _lexer.SpanOf(value.Start), $"node '{node.Name.Value}' has two 'states' attributes");
                        return;
                    }

                    var states = ImmutableArray.CreateBuilder<Located<string>>(value.Leaves.Count);
                    foreach (var leaf in value.Leaves)
                    {
                        if (!leaf.IsName)
                        {
                            _context.SyntaxError(_lexer.SpanOf(leaf), $"unexpected {_lexer.Describe(leaf)} in the states of '{node.Name.Value}'");
                            return;
                        }

                        states.Add(new Located<string>(_lexer.NameOf(leaf), _lexer.SpanOf(leaf)));
                    }

                    node.States = states.ToImmutable();
                    break;
                case "label" when value.Leaves.Count == 1 && value.Leaves[0].Kind == TokenKind.String:
                    var label = _lexer.NameOf(value.Leaves[0]);
                    node.Label = label.Length == 0 || label == node.Name.Value ? null : label;
                    break;
            }
        });

        switch (node.Kind)
        {
            case "continuous":
                _context.Error(
                    DiagnosticCodes.ContinuousNotSupported,
                    node.Name.Span,
                    $"continuous (conditional-Gaussian) node '{node.Name.Value}' is not supported yet",
                    "DagSynth models do not hold continuous nodes yet; only discrete networks can be read");
                _context.Broken = true;
                break;
            case "decision" or "utility" or "function":
                _context.Error(
                    DiagnosticCodes.UnsupportedConstruct,
                    node.Name.Span,
                    $"'{node.Kind}' node '{node.Name.Value}': influence diagrams and function nodes are not Bayesian networks, and are not supported");
                _context.Broken = true;
                break;
        }
    }

    private void ReadPotential(Token keyword)
    {
        if (!Expect(Next(), '(', "after 'potential'"))
        {
            return;
        }

        var heads = new List<Located<string>>();
        var parents = ImmutableArray.CreateBuilder<Located<string>>();
        var afterBar = false;
        while (true)
        {
            var token = Next();
            if (token.Is(')'))
            {
                break;
            }

            if (token.Is('|') && !afterBar)
            {
                afterBar = true;
                continue;
            }

            if (!token.IsName)
            {
                Unexpected(token, keyword, "'potential ( ... )'", "write 'potential ( child | parent1 parent2 )'");
                return;
            }

            var name = new Located<string>(_lexer.NameOf(token), _lexer.SpanOf(token));
            if (afterBar)
            {
                parents.Add(name);
            }
            else
            {
                heads.Add(name);
            }
        }

        if (heads.Count != 1)
        {
            _context.Error(
                heads.Count == 0 ? DiagnosticCodes.FormatSyntax : DiagnosticCodes.UnsupportedConstruct,
                _lexer.SpanOf(keyword),
                heads.Count == 0
                    ? "a potential names no node before '|'"
                    : $"a potential over {heads.Count} nodes ({string.Join(", ", heads.Select(h => h.Value))}) is a joint table, not a conditional one; Bayesian networks have one node before '|'");
            _context.Broken = true;
            SkipBlock();
            return;
        }

        var potential = new PotentialBlock(heads[0], parents.ToImmutable(), _lexer.SpanOf(keyword));
        _potentials.Add(potential);
        if (!Expect(Next(), '{', $"after 'potential ( {potential.Child.Value} ... )'"))
        {
            potential.Broken = true;
            return;
        }

        var complete = ReadAttributes(keyword, $"the potential of '{potential.Child.Value}'", (name, value) =>
        {
            switch (name)
            {
                case "data":
                    if (value.HasNormal)
                    {
                        potential.Continuous = true;
                        return;
                    }

                    var numbers = new NumberList(_context.Source);
                    foreach (var leaf in value.Leaves)
                    {
                        if (!_lexer.TryNumber(leaf, out var number))
                        {
                            _context.SyntaxError(_lexer.SpanOf(leaf), $"expected a number in the data of '{potential.Child.Value}', found {_lexer.Describe(leaf)}");
                            potential.Broken = true;
                            return;
                        }

                        numbers.Add(number, leaf.Line, leaf.Column);
                    }

                    potential.Data = numbers.ToFullTable(_lexer.SpanOf(value.Name), TableOrder.ChildFastest);
                    break;
                case "model_data" or "model_nodes":
                    potential.Generator ??= _lexer.SpanOf(value.Name);
                    break;
            }
        });
        potential.Broken |= !complete;
    }

    /// <summary>Skips a <c>{ ... }</c> block that follows.</summary>
    private void SkipBlock()
    {
        if (!_lexer.Peek().Is('{'))
        {
            return;
        }

        var depth = 0;
        while (true)
        {
            var token = Next();
            if (token.Kind == TokenKind.End)
            {
                return;
            }

            depth += token.Is('{') ? 1 : token.Is('}') ? -1 : 0;
            if (depth == 0)
            {
                return;
            }
        }
    }

    /// <summary>Reads <c>name = value;</c> attributes up to the closing <c>}</c>; returns false after a syntax error.</summary>
    private bool ReadAttributes(Token block, string where, Action<string, AttributeValue> onAttribute)
    {
        while (true)
        {
            var token = Next();
            if (token.Is('}'))
            {
                return true;
            }

            if (token.Kind != TokenKind.Word)
            {
                Unexpected(token, block, where, "attributes are written 'name = value;'");
                return false;
            }

            if (!Expect(Next(), '=', $"after '{_lexer.NameOf(token)}' in {where}"))
            {
                return false;
            }

            var value = ReadValue(token, block, where);
            if (value is null)
            {
                return false;
            }

            onAttribute(_lexer.NameOf(token), value);
        }
    }

    /// <summary>A value up to its ';': its names and numbers in order, however deeply the parentheses nest (no recursion).</summary>
    private AttributeValue? ReadValue(Token name, Token block, string where)
    {
        var value = new AttributeValue(name, _lexer.Peek());
        var depth = 0;
        while (true)
        {
            var token = Next();
            if (token.Is(';') && depth == 0)
            {
                return value;
            }

            if (token.Is('('))
            {
                depth++;
            }
            else if (token.Is(')'))
            {
                if (--depth < 0)
                {
                    _context.SyntaxError(_lexer.SpanOf(token), $"a ')' without its '(' in the value of '{_lexer.NameOf(name)}' in {where}");
                    return null;
                }
            }
            else if (token.IsName)
            {
                if (token.Kind == TokenKind.Word && _lexer.TextOf(token) is "normal" && _lexer.Peek().Is('('))
                {
                    value.HasNormal = true;
                }

                value.Leaves.Add(token);
            }
            else if (token.Is(','))
            {
                continue;
            }
            else if (token.Kind == TokenKind.End)
            {
                Eof(block, where);
                return null;
            }
            else
            {
                _context.SyntaxError(
                    _lexer.SpanOf(token),
                    $"unexpected {_lexer.Describe(token)} in the value of '{_lexer.NameOf(name)}' in {where}",
                    depth > 0 ? "a ')' or ';' may be missing" : "a ';' may be missing");
                return null;
            }
        }
    }

    private bool Expect(Token token, char symbol, string where)
    {
        if (token.Is(symbol))
        {
            return true;
        }

        if (token.Kind == TokenKind.End)
        {
            _context.SyntaxError(_lexer.SpanOf(_lastContent), $"the file ends where '{symbol}' is expected {where}");
            return false;
        }

        _context.SyntaxError(_lexer.SpanOf(token), $"expected '{symbol}' {where}, found {_lexer.Describe(token)}");
        return false;
    }

    private void Unexpected(Token token, Token block, string where, string hint)
    {
        if (token.Kind == TokenKind.End)
        {
            Eof(block, where);
            return;
        }

        _context.SyntaxError(_lexer.SpanOf(token), $"unexpected {_lexer.Describe(token)} in {where}", hint);
    }

    private void Eof(Token block, string where) =>
        _context.SyntaxError(_lexer.SpanOf(_lastContent), $"the file ends inside {where} (opened at line {block.Line}): a '}}' or ';' is missing");

    private ModelSpec Assemble()
    {
        var nodes = new Dictionary<string, NodeDecl>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            nodes.TryAdd(node.Name.Value, node);
        }

        var byChild = new Dictionary<string, PotentialBlock>(StringComparer.Ordinal);
        foreach (var potential in _potentials)
        {
            if (!nodes.TryGetValue(potential.Child.Value, out var node))
            {
                _context.Error(
                    DiagnosticCodes.UndeclaredVariable,
                    potential.Child.Span,
                    $"a potential for '{potential.Child.Value}', which no 'node' block declares",
                    NameSuggestion.DidYouMean(potential.Child.Value, nodes.Keys));
                continue;
            }

            if (byChild.TryGetValue(potential.Child.Value, out var first))
            {
                _context.Error(DiagnosticCodes.DuplicateTable, potential.Child.Span, $"a second potential for '{potential.Child.Value}' (the first is at line {first.Span.Line})");
                continue;
            }

            byChild[potential.Child.Value] = potential;
            if (node.Kind != "discrete")
            {
                continue; // reported with the node
            }

            if (potential.Continuous)
            {
                _context.Error(
                    DiagnosticCodes.ContinuousNotSupported,
                    potential.Span,
                    $"the potential of discrete node '{potential.Child.Value}' holds normal distributions; continuous (conditional-Gaussian) potentials are not supported yet");
                _context.Broken = true;
            }
            else if (potential.Generator is { } generator)
            {
                _context.Error(
                    DiagnosticCodes.UnsupportedConstruct,
                    potential.Span,
                    $"the potential of '{potential.Child.Value}' uses a table generator (model_data, line {generator.Line}), which is not supported",
                    "let Hugin generate the table, then save the network with its 'data'");
                _context.Broken = true;
            }
            else if (potential.Data is null && !potential.Broken)
            {
                _context.Error(DiagnosticCodes.FormatSyntax, potential.Span, $"the potential of '{potential.Child.Value}' has no 'data'");
                _context.Broken = true;
            }
        }

        var variables = ImmutableArray.CreateBuilder<VariableSpec>(_nodes.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            if (node.Kind == "discrete" && node.States is not { Length: > 0 })
            {
                _context.Error(DiagnosticCodes.FormatSyntax, node.Name.Span, $"node '{node.Name.Value}' lists no states", "write 'states = (\"s1\" \"s2\");' in its block");
                _context.Broken = true;
            }

            var potential = seen.Add(node.Name.Value) && byChild.TryGetValue(node.Name.Value, out var p) ? p : null;
            if (potential is { Broken: true })
            {
                _context.Broken = true;
            }

            variables.Add(new VariableSpec
            {
                Name = node.Name,
                Span = node.Name.Span,
                Levels = node.States,
                Label = node.Label,
                Given = potential?.Parents ?? [],
                FlatTable = potential?.Data,
            });
        }

        return new ModelSpec
        {
            Span = SourceSpan.InSource(_context.Source),
            Name = _name,
            Format = "Hugin NET",
            Normalize = true,
            ReportRescaledRows = true,
            SumTolerance = Tolerances.RoundedRows,
            Variables = variables.MoveToImmutable(),
        };
    }

    private sealed class NodeDecl(Located<string> name, string kind)
    {
        public Located<string> Name { get; } = name;

        /// <summary>discrete, continuous, decision, utility or function.</summary>
        public string Kind { get; } = kind;

        public ImmutableArray<Located<string>>? States { get; set; }

        public string? Label { get; set; }
    }

    private sealed class PotentialBlock(Located<string> child, ImmutableArray<Located<string>> parents, SourceSpan span)
    {
        public Located<string> Child { get; } = child;

        public ImmutableArray<Located<string>> Parents { get; } = parents;

        public SourceSpan Span { get; } = span;

        public FullTableSpec? Data { get; set; }

        public bool Continuous { get; set; }

        public SourceSpan? Generator { get; set; }

        public bool Broken { get; set; }
    }

    private sealed class AttributeValue(Token name, Token start)
    {
        public Token Name { get; } = name;

        public Token Start { get; } = start;

        public List<Token> Leaves { get; } = [];

        public bool HasNormal { get; set; }
    }
}
