using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats.Text;
using DagSynth.Specs;

namespace DagSynth.IO.Formats.Dsc;

/// <summary>
/// Reads bnlearn's DSC format (Microsoft's belief-network proposal) into a <see cref="ModelSpec"/>:
/// an optional <c>belief network "name"</c> banner, <c>node</c> blocks with
/// <c>type : discrete [ n ] = { "s1", ... };</c>, and <c>probability</c> blocks whose rows are keyed
/// by 0-based state indices, <c>(0, 2) : p1, p2;</c>, in any order. Files from GeNIe key every row
/// <c>(0, 0)</c>; such rows are read in file order (last parent fastest), with a warning.
/// </summary>
internal sealed class DscReader
{
    private static readonly LexerOptions Options = new() { Symbols = "{}()[];:=", Separators = ",|", SlashComments = true };

    private readonly Lexer _lexer;
    private readonly ReaderContext _context;
    private readonly List<NodeDecl> _nodes = [];
    private readonly List<ProbabilityBlock> _blocks = [];
    private string? _name;
    private SourceSpan? _missingBanner;
    private Token _lastContent;

    private DscReader(string text, ReaderContext context)
    {
        _context = context;
        _lexer = new Lexer(text, Options, context);
    }

    /// <summary>Reads <paramref name="text"/>; problems go to <paramref name="context"/>.</summary>
    public static ModelSpec Read(string text, ReaderContext context)
    {
        var reader = new DscReader(text, context);
        try
        {
            reader.ReadBlocks();
        }
        catch (TooManyErrorsException)
        {
            return new ModelSpec { Span = SourceSpan.InSource(context.Source), Format = "DSC" };
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

    private void ReadBlocks()
    {
        var first = true;
        while (true)
        {
            var token = Next();
            if (token.Kind == TokenKind.End)
            {
                break;
            }

            if (first && token.Kind == TokenKind.Word && _lexer.IsWord(_lexer.Peek(), "network"))
            {
                Next();
                if (_lexer.Peek().IsName)
                {
                    _name = _lexer.NameOf(Next());
                }

                first = false;
                continue;
            }

            if (first)
            {
                first = false;
                _missingBanner = _lexer.SpanOf(token);
            }

            if (_lexer.IsWord(token, "node"))
            {
                ReadNode(token);
            }
            else if (_lexer.IsWord(token, "probability"))
            {
                ReadProbability(token);
            }
            else
            {
                if (!_context.Broken)
                {
                    _context.SyntaxError(_lexer.SpanOf(token), $"unexpected {_lexer.Describe(token)}: a DSC file holds 'node' and 'probability' blocks");
                }

                SkipToBlock();
            }
        }

        if (_nodes.Count == 0 && _blocks.Count == 0 && _name is null && !_context.Broken)
        {
            _context.SyntaxError(_context.Span(1, 1), "this is not a DSC file: it has no 'belief network' line, 'node' or 'probability' block");
        }
        else if (_missingBanner is { } at && !_context.Broken)
        {
            _context.Warning(
                DiagnosticCodes.LenientInput,
                at,
                "the file does not start with a 'belief network \"name\"' line",
                "bnlearn requires it; DagSynth reads the file anyway");
        }
    }

    private void SkipToBlock()
    {
        while (true)
        {
            var next = _lexer.Peek();
            if (next.Kind == TokenKind.End || _lexer.IsWord(next, "node") || _lexer.IsWord(next, "probability"))
            {
                return;
            }

            Next();
        }
    }

    private void ReadNode(Token keyword)
    {
        var nameToken = Next();
        if (!nameToken.IsName)
        {
            Unexpected(nameToken, keyword, "a 'node' block", "the node's name comes after 'node'");
            return;
        }

        var node = new NodeDecl(new Located<string>(_lexer.NameOf(nameToken), _lexer.SpanOf(nameToken)));
        _nodes.Add(node);
        if (!Expect(Next(), '{', $"after 'node {node.Name.Value}'"))
        {
            return;
        }

        while (true)
        {
            var token = Next();
            if (token.Is('}'))
            {
                return;
            }

            if (token.Kind != TokenKind.Word)
            {
                Unexpected(token, keyword, $"node '{node.Name.Value}'", "a node holds 'type : discrete [ n ] = { ... };' and 'name: value;' attributes");
                return;
            }

            if (!Expect(Next(), ':', $"after '{_lexer.NameOf(token)}' in node '{node.Name.Value}'"))
            {
                return;
            }

            if (_lexer.IsWord(token, "type"))
            {
                if (!ReadType(node, keyword))
                {
                    return;
                }
            }
            else if (_lexer.ReadRawUntil(';') is null)
            {
                Eof(keyword, $"node '{node.Name.Value}'");
                return;
            }
        }
    }

    private bool ReadType(NodeDecl node, Token block)
    {
        var kind = Next();
        if (!_lexer.IsWord(kind, "discrete"))
        {
            if (kind.Kind == TokenKind.Word)
            {
                _context.Error(DiagnosticCodes.ContinuousNotSupported, _lexer.SpanOf(kind), $"node '{node.Name.Value}' is of type '{_lexer.NameOf(kind)}'; only discrete nodes are supported");
                _context.Broken = true;
                return _lexer.ReadRawUntil(';') is not null;
            }

            Unexpected(kind, block, $"the type of '{node.Name.Value}'", "write 'type : discrete [ n ] = { \"s1\", \"s2\" };'");
            return false;
        }

        if (!Expect(Next(), '[', "after 'discrete'"))
        {
            return false;
        }

        var countToken = Next();
        if (!_lexer.TryCount(countToken, out var count))
        {
            Unexpected(countToken, block, $"the state count of '{node.Name.Value}'", "write the number of states in brackets, e.g. 'discrete [ 2 ]'");
            return false;
        }

        if (!Expect(Next(), ']', "after the state count") || !Expect(Next(), '=', "after the state count") || !Expect(Next(), '{', "before the states"))
        {
            return false;
        }

        var states = ImmutableArray.CreateBuilder<Located<string>>(Math.Min(count, 1024));
        while (true)
        {
            var token = Next();
            if (token.Is('}'))
            {
                break;
            }

            if (!token.IsName)
            {
                Unexpected(token, block, $"the states of '{node.Name.Value}'", "list the state names between braces");
                return false;
            }

            states.Add(new Located<string>(_lexer.NameOf(token), _lexer.SpanOf(token)));
        }

        if (!Expect(Next(), ';', "after the states"))
        {
            return false;
        }

        if (count != states.Count)
        {
            _context.Error(
                DiagnosticCodes.StateCountMismatch,
                _lexer.SpanOf(countToken),
                $"node '{node.Name.Value}' declares {count} state{(count == 1 ? string.Empty : "s")} but lists {states.Count} ({string.Join(", ", states.Select(s => s.Value))})");
        }

        node.States ??= states.ToImmutable();
        return true;
    }

    private void ReadProbability(Token keyword)
    {
        if (!Expect(Next(), '(', "after 'probability'"))
        {
            return;
        }

        var names = new List<Located<string>>();
        while (true)
        {
            var token = Next();
            if (token.Is(')'))
            {
                break;
            }

            if (!token.IsName)
            {
                Unexpected(token, keyword, "'probability ( ... )'", "write 'probability ( child | parent1, parent2 )'");
                return;
            }

            names.Add(new Located<string>(_lexer.NameOf(token), _lexer.SpanOf(token)));
        }

        if (names.Count == 0)
        {
            _context.SyntaxError(_lexer.SpanOf(keyword), "'probability ( )' names no node");
            return;
        }

        var block = new ProbabilityBlock(names[0], [.. names.Skip(1)], _lexer.SpanOf(keyword));
        _blocks.Add(block);
        if (!Expect(Next(), '{', $"after 'probability ( {block.Child.Value} ... )'"))
        {
            block.Broken = true;
            return;
        }

        while (true)
        {
            var token = _lexer.Peek();
            if (token.Is('}'))
            {
                Next();
                return;
            }

            if (token.Kind == TokenKind.End)
            {
                Next();
                Eof(keyword, $"the probability block of '{block.Child.Value}'");
                block.Broken = true;
                return;
            }

            if (!ReadRow(block, keyword))
            {
                block.Broken = true;
                return;
            }
        }
    }

    private bool ReadRow(ProbabilityBlock block, Token keyword)
    {
        var token = Next();
        var span = _lexer.SpanOf(token);
        var keys = ImmutableArray<RowKey>.Empty;
        var isDefault = false;
        if (token.Is('('))
        {
            var builder = ImmutableArray.CreateBuilder<RowKey>(block.Parents.Length);
            while (true)
            {
                var key = Next();
                if (key.Is(')'))
                {
                    break;
                }

                if (!_lexer.TryCount(key, out var index))
                {
                    Unexpected(key, keyword, $"a row of '{block.Child.Value}'", "rows of a DSC table start with the parents' 0-based state indices: '(0, 1) : p1, p2;'");
                    return false;
                }

                builder.Add(RowKey.ByIndex(index, _lexer.SpanOf(key)));
            }

            keys = builder.ToImmutable();
            if (!Expect(Next(), ':', $"after a row's indices in '{block.Child.Value}'"))
            {
                return false;
            }
        }
        else if (_lexer.IsWord(token, "default"))
        {
            isDefault = true;
            if (_lexer.Peek().Is(':'))
            {
                Next();
            }
        }
        else if (_lexer.IsWord(token, "function"))
        {
            _context.Error(DiagnosticCodes.UnsupportedConstruct, span, $"the probability block of '{block.Child.Value}' is a function, not a table", "DagSynth reads full tables only");
            _context.Broken = true;
            return false;
        }
        else if (_lexer.TryNumber(token, out var value))
        {
            // A root's distribution: numbers without a key.
            var root = new NumberList(_context.Source);
            root.Add(value, token.Line, token.Column);
            if (!ReadNumbers(root, keyword, block))
            {
                return false;
            }

            block.Rows.Add(new KeyedRowSpec(span, [], root.Values()));
            return true;
        }
        else
        {
            Unexpected(token, keyword, $"the probability block of '{block.Child.Value}'", "a probability block holds rows '(i, j) : p1, p2;' (or 'p1, p2;' for a root)");
            return false;
        }

        var numbers = new NumberList(_context.Source);
        if (!ReadNumbers(numbers, keyword, block))
        {
            return false;
        }

        if (isDefault)
        {
            block.Default ??= new KeyedRowSpec(span, [], numbers.Values());
        }
        else
        {
            block.Rows.Add(new KeyedRowSpec(span, keys, numbers.Values()));
        }

        return true;
    }

    private bool ReadNumbers(NumberList numbers, Token keyword, ProbabilityBlock block)
    {
        while (true)
        {
            var token = Next();
            if (token.Is(';'))
            {
                return true;
            }

            if (token.Kind == TokenKind.End)
            {
                Eof(keyword, $"the probability block of '{block.Child.Value}'");
                return false;
            }

            if (!_lexer.TryNumber(token, out var value))
            {
                _context.SyntaxError(_lexer.SpanOf(token), $"expected a probability of '{block.Child.Value}', found {_lexer.Describe(token)}", "a ';' may be missing");
                return false;
            }

            numbers.Add(value, token.Line, token.Column);
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
        var byChild = new Dictionary<string, ProbabilityBlock>(StringComparer.Ordinal);
        foreach (var block in _blocks)
        {
            if (byChild.TryGetValue(block.Child.Value, out var first))
            {
                _context.Error(DiagnosticCodes.DuplicateTable, block.Child.Span, $"a second probability block for '{block.Child.Value}' (the first is at line {first.Span.Line})");
                continue;
            }

            byChild[block.Child.Value] = block;
        }

        var declared = new HashSet<string>(_nodes.Select(n => n.Name.Value), StringComparer.Ordinal);
        foreach (var block in byChild.Values.Where(b => !declared.Contains(b.Child.Value)))
        {
            _context.Error(
                DiagnosticCodes.UndeclaredVariable,
                block.Child.Span,
                $"a probability block for '{block.Child.Value}', which no 'node' block declares",
                NameSuggestion.DidYouMean(block.Child.Value, declared));
        }

        var variables = ImmutableArray.CreateBuilder<VariableSpec>(_nodes.Count);
        var attached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            if (node.States is not { Length: > 0 })
            {
                _context.Error(DiagnosticCodes.FormatSyntax, node.Name.Span, $"node '{node.Name.Value}' declares no states", "write 'type : discrete [ n ] = { \"s1\", \"s2\" };' in its block");
                _context.Broken = true;
            }

            var block = attached.Add(node.Name.Value) && byChild.TryGetValue(node.Name.Value, out var b) ? b : null;
            variables.Add(new VariableSpec
            {
                Name = node.Name,
                Span = node.Name.Span,
                Levels = node.States,
                Given = block?.Parents ?? [],
                FlatTable = block is null ? null : TableOf(block),
            });
        }

        return new ModelSpec
        {
            Span = SourceSpan.InSource(_context.Source),
            Name = _name,
            Format = "DSC",
            SumTolerance = Tolerances.RoundedRows,
            Variables = variables.MoveToImmutable(),
        };
    }

    private FlatTableSpec? TableOf(ProbabilityBlock block)
    {
        if (block.Broken)
        {
            _context.Broken = true;
            return null;
        }

        if (block.Rows.Count == 0 && block.Default is null)
        {
            _context.Error(DiagnosticCodes.FormatSyntax, block.Span, $"the probability block of '{block.Child.Value}' gives no probabilities");
            _context.Broken = true;
            return null;
        }

        var allZero = block.Rows.Count > 1 && block.Default is null && block.Parents.Length > 0
            && block.Rows.All(r => r.Keys.Length > 0 && r.Keys.All(k => k.Index == 0));
        if (!allZero)
        {
            return new KeyedRowsSpec(block.Span, [.. block.Rows], block.Default);
        }

        _context.Warning(
            DiagnosticCodes.LenientInput,
            block.Rows[0].Span,
            $"every row of '{block.Child.Value}' is keyed ({string.Join(", ", block.Rows[0].Keys)}), as GeNIe writes DSC files; the rows are read in file order, the last parent varying fastest");
        var values = block.Rows.SelectMany(r => r.Values).ToImmutableArray();
        var rows = block.Rows;
        var cardinality = rows[0].Values.Length;
        return new FullTableSpec(block.Rows[0].Span, values, TableOrder.ChildFastest, i => rows[Math.Min(rows.Count - 1, i / Math.Max(1, cardinality))].Span);
    }

    private sealed class NodeDecl(Located<string> name)
    {
        public Located<string> Name { get; } = name;

        public ImmutableArray<Located<string>>? States { get; set; }
    }

    private sealed class ProbabilityBlock(Located<string> child, ImmutableArray<Located<string>> parents, SourceSpan span)
    {
        public Located<string> Child { get; } = child;

        public ImmutableArray<Located<string>> Parents { get; } = parents;

        public SourceSpan Span { get; } = span;

        public KeyedRowSpec? Default { get; set; }

        public List<KeyedRowSpec> Rows { get; } = [];

        public bool Broken { get; set; }
    }
}
