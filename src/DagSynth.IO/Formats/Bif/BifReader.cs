using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats.Text;
using DagSynth.Specs;

namespace DagSynth.IO.Formats.Bif;

/// <summary>
/// Reads BIF 0.15 (the bnlearn repository's, JavaBayes', pgmpy's and aGrUM's <c>.bif</c>) into a
/// <see cref="ModelSpec"/>. Names may be quoted or not and hold any character but blanks and
/// <c>{ } ( ) [ ] ; , | "</c> unquoted; <c>,</c> and <c>|</c> are blanks; <c>//</c> and
/// <c>/* */</c> are comments; <c>property</c> statements are skipped. A <c>table</c> lists the
/// child slowest (last parent fastest); rows are matched to configurations by state names, in any
/// order; <c>default</c> fills the configurations no row names. Blocks may come in any order.
/// </summary>
internal sealed class BifReader
{
    private static readonly LexerOptions Options = new() { Symbols = "{}()[];", Separators = ",|", SlashComments = true };

    private readonly Lexer _lexer;
    private readonly ReaderContext _context;
    private readonly List<VariableDecl> _variables = [];
    private readonly List<ProbabilityBlock> _blocks = [];
    private string? _networkName;
    private int _networkBlocks;
    private Token _lastContent;

    private BifReader(string text, ReaderContext context)
    {
        _context = context;
        _lexer = new Lexer(text, Options, context);
    }

    /// <summary>Reads <paramref name="text"/>; problems go to <paramref name="context"/>.</summary>
    public static ModelSpec Read(string text, ReaderContext context)
    {
        var reader = new BifReader(text, context);
        try
        {
            reader.ReadBlocks();
        }
        catch (TooManyErrorsException)
        {
            return Empty(context);
        }

        return reader.Assemble();
    }

    private static ModelSpec Empty(ReaderContext context) =>
        new() { Span = SourceSpan.InSource(context.Source), Format = "BIF" };

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
        while (true)
        {
            var token = Next();
            if (token.Kind == TokenKind.End)
            {
                break;
            }

            if (_lexer.IsWord(token, "network"))
            {
                ReadNetwork(token);
            }
            else if (_lexer.IsWord(token, "variable"))
            {
                ReadVariable(token);
            }
            else if (_lexer.IsWord(token, "probability"))
            {
                ReadProbability(token);
            }
            else
            {
                if (!_context.Broken)
                {
                    _context.WarningOnce(
                        "between-blocks",
                        DiagnosticCodes.LenientInput,
                        _lexer.SpanOf(token),
                        $"text outside any block is ignored, starting with {_lexer.Describe(token)}",
                        "BIF allows text between blocks, but bnlearn rejects it");
                }

                SkipToKeyword();
            }
        }

        if (_networkBlocks == 0 && _variables.Count == 0 && _blocks.Count == 0 && !_context.Broken)
        {
            _context.SyntaxError(_context.Span(1, 1), "this is not a BIF file: it has no 'network', 'variable' or 'probability' block");
        }
    }

    private void SkipToKeyword()
    {
        while (true)
        {
            var next = _lexer.Peek();
            if (next.Kind == TokenKind.End || _lexer.IsWord(next, "network") || _lexer.IsWord(next, "variable") || _lexer.IsWord(next, "probability"))
            {
                return;
            }

            Next();
        }
    }

    private void ReadNetwork(Token keyword)
    {
        if (++_networkBlocks > 1)
        {
            _context.Warning(DiagnosticCodes.LenientInput, _lexer.SpanOf(keyword), "a second 'network' block; its name is ignored");
        }

        var token = Next();
        if (token.IsName)
        {
            _networkName ??= _lexer.NameOf(token);
            token = Next();
        }

        if (!Expect(token, '{', "after the network's name"))
        {
            return;
        }

        while (true)
        {
            token = Next();
            if (token.Is('}'))
            {
                return;
            }

            if (_lexer.IsWord(token, "property"))
            {
                if (!SkipProperty(keyword, "network"))
                {
                    return;
                }

                continue;
            }

            Unexpected(token, keyword, "the network block", "only 'property' statements belong here");
            return;
        }
    }

    private void ReadVariable(Token keyword)
    {
        var nameToken = Next();
        if (!nameToken.IsName)
        {
            Unexpected(nameToken, keyword, "a 'variable' block", "the variable's name comes after 'variable'");
            return;
        }

        var decl = new VariableDecl(new Located<string>(_lexer.NameOf(nameToken), _lexer.SpanOf(nameToken)));
        _variables.Add(decl);
        if (!Expect(Next(), '{', $"after 'variable {decl.Name.Value}'"))
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

            if (_lexer.IsWord(token, "property"))
            {
                if (!SkipProperty(keyword, $"variable '{decl.Name.Value}'"))
                {
                    return;
                }
            }
            else if (_lexer.IsWord(token, "type"))
            {
                if (!ReadType(decl, keyword))
                {
                    return;
                }
            }
            else
            {
                Unexpected(token, keyword, $"the block of variable '{decl.Name.Value}'", "a variable block holds 'type discrete [n] { ... };' and 'property' statements");
                return;
            }
        }
    }

    private bool ReadType(VariableDecl decl, Token block)
    {
        var kind = Next();
        if (!_lexer.IsWord(kind, "discrete"))
        {
            if (kind.Kind == TokenKind.Word)
            {
                _context.Error(
                    DiagnosticCodes.ContinuousNotSupported,
                    _lexer.SpanOf(kind),
                    $"variable '{decl.Name.Value}' is of type '{_lexer.NameOf(kind)}'; only discrete variables are supported");
                _context.Broken = true;
                return _lexer.ReadRawUntil(';') is not null || Eof(block);
            }

            Unexpected(kind, block, $"the type of '{decl.Name.Value}'", "write 'type discrete [n] { s1, s2, ... };'");
            return false;
        }

        if (!Expect(Next(), '[', "after 'discrete'"))
        {
            return false;
        }

        var countToken = Next();
        if (!_lexer.TryCount(countToken, out var count))
        {
            Unexpected(countToken, block, $"the state count of '{decl.Name.Value}'", "write the number of states in brackets, e.g. 'discrete [ 2 ]'");
            return false;
        }

        if (!Expect(Next(), ']', "after the state count") || !Expect(Next(), '{', "before the states"))
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
                Unexpected(token, block, $"the states of '{decl.Name.Value}'", "list the state names between braces");
                return false;
            }

            states.Add(new Located<string>(_lexer.NameOf(token), _lexer.SpanOf(token)));
        }

        if (!Expect(Next(), ';', "after the states"))
        {
            return false;
        }

        if (decl.States is not null)
        {
            _context.Error(DiagnosticCodes.FormatSyntax, _lexer.SpanOf(countToken), $"variable '{decl.Name.Value}' has two 'type' statements");
            return true;
        }

        if (count != states.Count)
        {
            _context.Error(
                DiagnosticCodes.StateCountMismatch,
                _lexer.SpanOf(countToken),
                $"variable '{decl.Name.Value}' declares {count} state{(count == 1 ? string.Empty : "s")} but lists {states.Count} ({string.Join(", ", states.Select(s => s.Value))})");
        }

        decl.States = states.ToImmutable();
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
                Unexpected(token, keyword, "'probability ( ... )'", "list the child, then its parents: 'probability ( child | parent1, parent2 )'");
                return;
            }

            names.Add(new Located<string>(_lexer.NameOf(token), _lexer.SpanOf(token)));
        }

        if (names.Count == 0)
        {
            _context.SyntaxError(_lexer.SpanOf(keyword), "'probability ( )' names no variable");
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
            var token = Next();
            if (token.Is('}'))
            {
                return;
            }

            if (token.Kind == TokenKind.End)
            {
                Eof(keyword, $"the probability block of '{block.Child.Value}'");
                block.Broken = true;
                return;
            }

            if (!ReadEntry(block, keyword, token))
            {
                block.Broken = true;
                return;
            }
        }
    }

    private bool ReadEntry(ProbabilityBlock block, Token keyword, Token token)
    {
        var span = _lexer.SpanOf(token);
        if (_lexer.IsWord(token, "table"))
        {
            var numbers = ReadNumbers(keyword, block);
            if (numbers is null)
            {
                return false;
            }

            if (block.Table is not null)
            {
                _context.Error(DiagnosticCodes.FormatSyntax, span, $"the probability block of '{block.Child.Value}' has two 'table' statements");
                block.Broken = true;
                return true;
            }

            block.Table = numbers.ToFullTable(span, TableOrder.ChildSlowest);
            return true;
        }

        if (_lexer.IsWord(token, "default"))
        {
            var numbers = ReadNumbers(keyword, block);
            if (numbers is null)
            {
                return false;
            }

            if (block.Default is not null)
            {
                _context.Error(DiagnosticCodes.FormatSyntax, span, $"the probability block of '{block.Child.Value}' has two 'default' rows (the first at line {block.Default.Span.Line})");
                block.Broken = true;
                return true;
            }

            block.Default = new KeyedRowSpec(span, [], numbers.Values());
            return true;
        }

        if (token.Is('('))
        {
            var keys = ImmutableArray.CreateBuilder<RowKey>(block.Parents.Length);
            while (true)
            {
                var key = Next();
                if (key.Is(')'))
                {
                    break;
                }

                if (!key.IsName)
                {
                    Unexpected(key, keyword, $"a row of '{block.Child.Value}'", "a row starts with the parents' states in parentheses: '(s1, s2) p1, p2;'");
                    return false;
                }

                keys.Add(RowKey.ByName(_lexer.NameOf(key), _lexer.SpanOf(key)));
            }

            var numbers = ReadNumbers(keyword, block);
            if (numbers is null)
            {
                return false;
            }

            block.Rows.Add(new KeyedRowSpec(span, keys.ToImmutable(), numbers.Values()));
            return true;
        }

        if (_lexer.IsWord(token, "property"))
        {
            var text = _lexer.ReadRawUntil(';');
            if (text is null)
            {
                Eof(keyword, $"a property of '{block.Child.Value}'");
                return false;
            }

            var trimmed = text.AsSpan().Trim();
            if (trimmed.StartsWith("function", StringComparison.Ordinal) && (trimmed.Length == 8 || char.IsWhiteSpace(trimmed[8])))
            {
                block.Function ??= (trimmed[8..].Trim().ToString(), span);
            }

            return true;
        }

        Unexpected(token, keyword, $"the probability block of '{block.Child.Value}'", "a probability block holds 'table', 'default', '(states) numbers;' rows and 'property' statements");
        return false;
    }

    /// <summary>Numbers up to ';'. Returns null after reporting anything else.</summary>
    private NumberList? ReadNumbers(Token keyword, ProbabilityBlock block)
    {
        var numbers = new NumberList(_context.Source);
        while (true)
        {
            var token = _lexer.Peek();
            if (token.Is(';'))
            {
                Next();
                return numbers;
            }

            if (token.Kind == TokenKind.End)
            {
                Next();
                Eof(keyword, $"the probability block of '{block.Child.Value}'");
                return null;
            }

            if (token.Is('}'))
            {
                _context.SyntaxError(_lexer.SpanOf(token), $"missing ';' after the numbers of '{block.Child.Value}'");
                return null;
            }

            Next();
            if (!_lexer.TryNumber(token, out var value))
            {
                _context.SyntaxError(_lexer.SpanOf(token), $"expected a probability of '{block.Child.Value}', found {_lexer.Describe(token)}");
                return null;
            }

            numbers.Add(value, token.Line, token.Column);
        }
    }

    private bool SkipProperty(Token block, string where)
    {
        if (_lexer.ReadRawUntil(';') is not null)
        {
            return true;
        }

        Eof(block, $"a property of {where}");
        return false;
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

    private bool Eof(Token block, string? where = null)
    {
        _context.SyntaxError(
            _lexer.SpanOf(_lastContent),
            $"the file ends inside {where ?? "a block"} (opened at line {block.Line}): a '}}' or ';' is missing");
        return false;
    }

    private ModelSpec Assemble()
    {
        var byChild = new Dictionary<string, ProbabilityBlock>(StringComparer.Ordinal);
        foreach (var block in _blocks)
        {
            if (byChild.TryGetValue(block.Child.Value, out var first))
            {
                _context.Error(
                    DiagnosticCodes.DuplicateTable,
                    block.Child.Span,
                    $"a second probability block for '{block.Child.Value}' (the first is at line {first.Span.Line})");
                continue;
            }

            byChild[block.Child.Value] = block;
        }

        var declared = new HashSet<string>(_variables.Select(v => v.Name.Value), StringComparer.Ordinal);
        foreach (var block in byChild.Values.Where(b => !declared.Contains(b.Child.Value)))
        {
            _context.Error(
                DiagnosticCodes.UndeclaredVariable,
                block.Child.Span,
                $"a probability block for '{block.Child.Value}', which no 'variable' block declares",
                NameSuggestion.DidYouMean(block.Child.Value, declared));
        }

        var variables = ImmutableArray.CreateBuilder<VariableSpec>(_variables.Count);
        var attached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decl in _variables)
        {
            if (decl.States is not { Length: > 0 })
            {
                _context.Error(DiagnosticCodes.FormatSyntax, decl.Name.Span, $"variable '{decl.Name.Value}' declares no states", "write 'type discrete [ n ] { s1, s2, ... };' in its block");
                _context.Broken = true;
            }

            var block = attached.Add(decl.Name.Value) && byChild.TryGetValue(decl.Name.Value, out var b) ? b : null;
            variables.Add(new VariableSpec
            {
                Name = decl.Name,
                Span = decl.Name.Span,
                Levels = decl.States,
                Given = block?.Parents ?? [],
                FlatTable = block is null ? null : TableOf(block),
            });
        }

        return new ModelSpec
        {
            Span = SourceSpan.InSource(_context.Source),
            Name = _networkName,
            Format = "BIF",
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

        if (block.Function is var (function, span))
        {
            _context.Error(
                DiagnosticCodes.UnsupportedConstruct,
                span,
                function == "max"
                    ? $"the probability block of '{block.Child.Value}' holds noisy-MAX parameters ('property function max': a leak row and one row per parent), not a table"
                    : $"the probability block of '{block.Child.Value}' is a '{function}' function, not a table",
                "DagSynth reads full tables only; expand the node to its table in the tool that wrote the file");
            _context.Broken = true;
            return null;
        }

        if (block.Table is { } table)
        {
            if (block.Rows.Count > 0 || block.Default is not null)
            {
                _context.Error(
                    DiagnosticCodes.FormatSyntax,
                    table.Span,
                    $"the probability block of '{block.Child.Value}' has both a 'table' and rows; give one or the other");
                _context.Broken = true;
                return null;
            }

            return table;
        }

        if (block.Rows.Count == 0 && block.Default is null)
        {
            _context.Error(DiagnosticCodes.FormatSyntax, block.Span, $"the probability block of '{block.Child.Value}' gives no probabilities");
            _context.Broken = true;
            return null;
        }

        return new KeyedRowsSpec(block.Span, [.. block.Rows], block.Default);
    }

    private sealed class VariableDecl(Located<string> name)
    {
        public Located<string> Name { get; } = name;

        public ImmutableArray<Located<string>>? States { get; set; }
    }

    private sealed class ProbabilityBlock(Located<string> child, ImmutableArray<Located<string>> parents, SourceSpan span)
    {
        public Located<string> Child { get; } = child;

        public ImmutableArray<Located<string>> Parents { get; } = parents;

        public SourceSpan Span { get; } = span;

        public FullTableSpec? Table { get; set; }

        public KeyedRowSpec? Default { get; set; }

        public List<KeyedRowSpec> Rows { get; } = [];

        public (string Name, SourceSpan Span)? Function { get; set; }

        public bool Broken { get; set; }
    }
}
