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
/// (conditional-Gaussian) nodes become <c>type: normal</c> variables (see <see cref="NetGaussian"/>).
/// Decision and utility nodes, table generators (<c>model_data</c>), <c>normal</c> potentials on
/// discrete nodes and object-oriented <c>class</c> files are refused with a clear message.
/// </summary>
internal sealed class NetReader
{
    private static readonly LexerOptions Options = new() { Symbols = "{}()[];=|,", PercentComments = true, SlashComments = true };

    private readonly Lexer _lexer;
    private readonly ReaderContext _context;
    private readonly List<NodeDecl> _nodes = [];
    private readonly List<PotentialBlock> _potentials = [];
    private readonly long _textLength;
    private string? _name;
    private int _blocks;
    private Token _lastContent;

    private NetReader(string text, ReaderContext context)
    {
        _context = context;
        _lexer = new Lexer(text, Options, context);
        _textLength = text.Length;
    }

    /// <summary>
    /// The most characters the expressions of all CG nodes may take: a few times the file, so that a
    /// crafted file (long level names repeated in every configuration) cannot make memory explode.
    /// </summary>
    private long ExpressionBudget => (4 * _textLength) + (1 << 20);

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

        if (node.Kind is "decision" or "utility" or "function")
        {
            _context.Error(
                DiagnosticCodes.UnsupportedConstruct,
                node.Name.Span,
                $"'{node.Kind}' node '{node.Name.Value}': influence diagrams and function nodes are not Bayesian networks, and are not supported");
            _context.Broken = true;
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
                        potential.DataSpan = _lexer.SpanOf(value.Name);
                        potential.Gaussians = NetGaussian.Parse(value.Tokens, value.StrayLeaf, [.. potential.Parents.Select(p => p.Value)], potential.Child.Value, _lexer, _context);
                        potential.Broken |= potential.Gaussians is null;
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

            if (!value.HasNormal && _lexer.IsWord(token, "normal") && _lexer.Peek().Is('('))
            {
                value.HasNormal = true;
                value.StrayLeaf = value.Leaves.Count > 0 ? value.Leaves[0] : null;
            }

            if (value.HasNormal && token.Kind != TokenKind.End)
            {
                value.Tokens.Add(token);
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
                if (!value.HasNormal)
                {
                    value.Leaves.Add(token);
                }
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
            if (node.Kind is not ("discrete" or "continuous"))
            {
                continue; // reported with the node
            }

            if (node.Kind == "discrete" && potential.Parents.FirstOrDefault(p => nodes.TryGetValue(p.Value, out var d) && d.Kind == "continuous") is { Value: not null } continuousParent)
            {
                _context.Error(
                    DiagnosticCodes.ContinuousNotSupported,
                    continuousParent.Span,
                    $"discrete node '{potential.Child.Value}' has the continuous parent '{continuousParent.Value}', which conditional-Gaussian networks do not allow",
                    "in a CG network, continuous nodes may have discrete parents, not the other way round");
                _context.Broken = true;
            }
            else if (potential.Continuous && node.Kind == "discrete")
            {
                _context.Error(
                    DiagnosticCodes.ContinuousNotSupported,
                    potential.Span,
                    $"the potential of discrete node '{potential.Child.Value}' holds normal distributions, which only a continuous node can have",
                    $"declare it 'continuous node {potential.Child.Value} {{ }}' to read it as conditional-Gaussian");
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
            else if (node.Kind == "continuous" && !potential.Continuous && !potential.Broken)
            {
                _context.Error(
                    DiagnosticCodes.FormatSyntax,
                    potential.Span,
                    potential.Data is null
                        ? $"the potential of continuous node '{potential.Child.Value}' has no 'data'"
                        : $"the potential of continuous node '{potential.Child.Value}' holds a table, not normal distributions",
                    "write 'data = ( normal ( mean, variance ) ... );', one per configuration of the discrete parents");
                _context.Broken = true;
            }
            else if (potential.Data is null && !potential.Continuous && !potential.Broken)
            {
                _context.Error(DiagnosticCodes.FormatSyntax, potential.Span, $"the potential of '{potential.Child.Value}' has no 'data'");
                _context.Broken = true;
            }
        }

        var variables = ImmutableArray.CreateBuilder<VariableSpec>(_nodes.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var budget = ExpressionBudget;
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

            if (node.Kind == "continuous")
            {
                variables.Add(new VariableSpec
                {
                    Name = node.Name,
                    Span = node.Name.Span,
                    Label = node.Label,
                    Type = new Located<string>("normal", node.Name.Span),
                    Given = potential?.Parents ?? [],
                    Settings = GaussianSettings(node, potential, nodes, ref budget),
                });
                continue;
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

    /// <summary>
    /// The <c>mean</c> and <c>sd</c> settings of a continuous node from its CG potential (none after
    /// an error, which is reported here or was reported with the potential).
    /// </summary>
    private ImmutableArray<SpecEntry> GaussianSettings(NodeDecl node, PotentialBlock? potential, Dictionary<string, NodeDecl> nodes, ref long budget)
    {
        if (potential is null)
        {
            _context.Error(
                DiagnosticCodes.FormatSyntax,
                node.Name.Span,
                $"continuous node '{node.Name.Value}' has no potential",
                $"write 'potential ( {node.Name.Value} | parents ) {{ data = ( normal ( mean, variance ) ... ); }}'");
            _context.Broken = true;
            return [];
        }

        if (potential.Gaussians is not { } entries || potential.Generator is not null)
        {
            return [];
        }

        // Discrete parents choose the distribution; the others (continuous, or undeclared: reported
        // by the validation gate) may appear in the means.
        var discrete = new List<(string Name, ImmutableArray<string> Levels)>();
        var continuous = ImmutableArray.CreateBuilder<string>();
        var configurations = 1L;
        foreach (var parent in potential.Parents)
        {
            if (nodes.TryGetValue(parent.Value, out var decl) && decl.Kind == "discrete")
            {
                if (decl.States is not { Length: > 0 } states)
                {
                    return []; // reported with the node
                }

                discrete.Add((parent.Value, [.. states.Select(s => s.Value)]));
                configurations = Math.Min(configurations * states.Length, int.MaxValue);
            }
            else
            {
                continuous.Add(parent.Value);
            }
        }

        var ok = true;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, span, _) in entries.SelectMany(e => e.Mean.Terms))
        {
            if (!continuous.Contains(name) && reported.Add(name))
            {
                _context.Error(
                    DiagnosticCodes.FormatSyntax,
                    span,
                    $"the mean of '{node.Name.Value}' uses '{name}', a discrete parent; a mean is linear in the continuous parents",
                    "the discrete parents choose which 'normal ( ... )' applies: one per configuration");
                ok = false;
            }
        }

        if (entries.Count != configurations)
        {
            var shape = discrete.Count == 0
                ? "it has no discrete parents"
                : $"one per configuration of {string.Join(" x ", discrete.Select(d => $"{d.Name} ({d.Levels.Length})"))}, the last fastest";
            _context.Error(
                DiagnosticCodes.RowLength,
                potential.DataSpan,
                $"the potential of '{node.Name.Value}' has {entries.Count} normal distribution{(entries.Count == 1 ? string.Empty : "s")}, expected {configurations} ({shape})");
            ok = false;
        }

        foreach (var name in continuous.Concat(discrete.Select(d => d.Name)).Append(node.Name.Value))
        {
            if (!NetGaussian.CanQuote(name))
            {
                _context.Error(DiagnosticCodes.UnsupportedConstruct, node.Name.Span, $"the name '{name}' holds a backquote, which DagSynth's expressions cannot write; '{node.Name.Value}' cannot be read");
                ok = false;
            }
        }

        foreach (var level in discrete.SelectMany(d => d.Levels).Where(l => !NetGaussian.CanQuoteLevel(l)))
        {
            _context.Error(DiagnosticCodes.UnsupportedConstruct, node.Name.Span, $"the level '{level}' holds both kinds of quotes, which DagSynth's expressions cannot write; '{node.Name.Value}' cannot be read");
            ok = false;
        }

        if (!ok)
        {
            _context.Broken = true;
            return [];
        }

        if (NetGaussian.Expressions(entries, discrete, continuous.ToImmutable(), ref budget) is not { } expressions)
        {
            _context.Error(
                DiagnosticCodes.InputTooLarge,
                potential.Span,
                $"the conditional-Gaussian potential of '{node.Name.Value}' would make expressions longer than the file can justify ({ExpressionBudget:N0} characters in all)");
            _context.Broken = true;
            return [];
        }

        var at = entries[0].Span;
        return
        [
            new SpecEntry(new Located<string>("mean", potential.DataSpan), new SpecScalar(at, expressions.Mean)),
            new SpecEntry(new Located<string>("sd", potential.DataSpan), new SpecScalar(at, expressions.Sd)),
        ];
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

        /// <summary>Whether the data holds <c>normal ( ... )</c> distributions.</summary>
        public bool Continuous { get; set; }

        /// <summary>The <c>normal ( ... )</c> distributions, when they could be read.</summary>
        public List<NetGaussian.Entry>? Gaussians { get; set; }

        /// <summary>Where the <c>data</c> attribute of a CG potential is.</summary>
        public SourceSpan DataSpan { get; set; }

        public SourceSpan? Generator { get; set; }

        public bool Broken { get; set; }
    }

    private sealed class AttributeValue(Token name, Token start)
    {
        public Token Name { get; } = name;

        public Token Start { get; } = start;

        /// <summary>The names and numbers before the first <c>normal ( ... )</c> (all of them when there is none).</summary>
        public List<Token> Leaves { get; } = [];

        public bool HasNormal { get; set; }

        /// <summary>Every token from the first <c>normal</c> on, symbols included.</summary>
        public List<Token> Tokens { get; } = [];

        /// <summary>A name or number before the first <c>normal</c>, which a CG potential may not hold.</summary>
        public Token? StrayLeaf { get; set; }
    }
}
