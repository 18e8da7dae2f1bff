using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats.Text;
using DagSynth.Specs;

namespace DagSynth.IO.Formats.Uai;

/// <summary>
/// Reads the UAI competition format for <c>BAYES</c> networks into a <see cref="ModelSpec"/>: the
/// number of variables, their cardinalities, one factor per variable whose scope lists the parents
/// and then the child (the standard convention), and the factors' tables, row-major over the scope.
/// Line breaks mean nothing. The format has no names: variables are called <c>v0, v1, ...</c> and
/// states <c>0, 1, ...</c>. <c>MARKOV</c> networks are refused; aGrUM's <c>#</c> comments are
/// skipped with a warning.
/// </summary>
internal sealed class UaiReader
{
    private static readonly LexerOptions Options = new() { Symbols = string.Empty, HashComments = true };

    private readonly Lexer _lexer;
    private readonly ReaderContext _context;
    private Token _lastContent;

    private UaiReader(string text, ReaderContext context)
    {
        _context = context;
        _lexer = new Lexer(text, Options, context);
    }

    /// <summary>Reads <paramref name="text"/>; problems go to <paramref name="context"/>.</summary>
    public static ModelSpec Read(string text, ReaderContext context)
    {
        var reader = new UaiReader(text, context);
        ModelSpec? spec = null;
        try
        {
            spec = reader.ReadNetwork();
        }
        catch (TooManyErrorsException)
        {
            context.Broken = true;
        }

        if (reader._lexer.FirstHashComment is { } comment)
        {
            context.Warning(DiagnosticCodes.LenientInput, comment, "'#' comments are not part of the UAI format; they were skipped");
        }

        return spec ?? new ModelSpec { Span = SourceSpan.InSource(context.Source), Format = "UAI" };
    }

    private ModelSpec? ReadNetwork()
    {
        var type = Next();
        if (_context.Broken)
        {
            return null;
        }

        if (_lexer.IsWord(type, "MARKOV"))
        {
            _context.Error(
                DiagnosticCodes.UnsupportedConstruct,
                _lexer.SpanOf(type),
                "this is a MARKOV network (undirected factors), not a Bayesian network; only UAI 'BAYES' files can be read");
            _context.Broken = true;
            return null;
        }

        if (!_lexer.IsWord(type, "BAYES"))
        {
            _context.SyntaxError(_lexer.SpanOf(type), $"this is not a UAI file: it should start with BAYES, not {_lexer.Describe(type)}");
            return null;
        }

        if (Count("the number of variables", 0, 1 << 24) is not { } n)
        {
            return null;
        }

        var cardinalities = new (int Value, Token Token)[n];
        for (var i = 0; i < n; i++)
        {
            if (Count($"the number of states of variable {i}", 1, 1 << 24) is not { } c)
            {
                return null;
            }

            cardinalities[i] = (c, _lexer.Last);
        }

        if (Count("the number of factors", 0, 1 << 24) is not { } m)
        {
            return null;
        }

        var scopes = new (Token Start, Token[] Variables)[m];
        for (var f = 0; f < m; f++)
        {
            if (Count($"the size of factor {f}'s scope", 1, Math.Max(1, n)) is not { } k)
            {
                return null;
            }

            var start = _lexer.Last;
            var variables = new Token[k];
            for (var j = 0; j < k; j++)
            {
                if (Count($"a variable of factor {f}'s scope", 0, n - 1) is null)
                {
                    return null;
                }

                variables[j] = _lexer.Last;
            }

            scopes[f] = (start, variables);
        }

        var tables = new FullTableSpec[m];
        for (var f = 0; f < m; f++)
        {
            if (Count($"the number of entries of factor {f}'s table", 0, int.MaxValue) is not { } entries)
            {
                return null;
            }

            var span = _lexer.SpanOf(_lexer.Last);
            var numbers = new NumberList(_context.Source);
            for (var e = 0; e < entries; e++)
            {
                var token = Next();
                if (token.Kind == TokenKind.End)
                {
                    EndsEarly($"entry {e + 1} of the {entries} of factor {f}'s table");
                    return null;
                }

                if (!_lexer.TryNumber(token, out var value))
                {
                    _context.SyntaxError(_lexer.SpanOf(token), $"expected a probability in factor {f}'s table, found {_lexer.Describe(token)}");
                    return null;
                }

                numbers.Add(value, token.Line, token.Column);
            }

            tables[f] = numbers.ToFullTable(span, TableOrder.ChildFastest);
        }

        var extra = Next();
        if (extra.Kind != TokenKind.End)
        {
            _context.SyntaxError(_lexer.SpanOf(extra), $"unexpected {_lexer.Describe(extra)} after the last of the {m} tables");
            return null;
        }

        return Assemble(cardinalities, scopes, tables);
    }

    private ModelSpec Assemble((int Value, Token Token)[] cardinalities, (Token Start, Token[] Variables)[] scopes, FullTableSpec[] tables)
    {
        var n = cardinalities.Length;
        var factorOf = new int[n];
        Array.Fill(factorOf, -1);
        for (var f = 0; f < scopes.Length; f++)
        {
            var scope = scopes[f];
            var child = Index(scope.Variables[^1]);
            if (factorOf[child] >= 0)
            {
                var first = scopes[factorOf[child]];
                _context.Error(
                    DiagnosticCodes.DuplicateTable,
                    _lexer.SpanOf(scope.Start),
                    $"factor {f} (scope '{Describe(scope)}') makes {UaiNames.Variable(child)} the child of a second factor (factor {factorOf[child]}, line {first.Start.Line})",
                    "in a BAYES file each variable's factor lists its parents first and the variable itself last; files that put the child first are not read");
                _context.Broken = true;
                continue;
            }

            factorOf[child] = f;
        }

        var variables = ImmutableArray.CreateBuilder<VariableSpec>(n);
        for (var i = 0; i < n; i++)
        {
            var (cardinality, token) = cardinalities[i];
            var span = _lexer.SpanOf(token);
            var f = factorOf[i];
            if (f < 0 && _context.Broken)
            {
                _context.Error(DiagnosticCodes.MissingDistribution, span, $"variable {UaiNames.Variable(i)} has no factor with it as the last (child) variable, so it has no table");
            }

            variables.Add(new VariableSpec
            {
                Name = new Located<string>(UaiNames.Variable(i), span),
                Span = span,
                Levels = [.. Enumerable.Range(0, cardinality).Select(k => new Located<string>(UaiNames.State(k), span))],
                Given = f < 0 ? [] : [.. scopes[f].Variables[..^1].Select(t => new Located<string>(UaiNames.Variable(Index(t)), _lexer.SpanOf(t)))],
                FlatTable = f < 0 ? null : tables[f],
            });
        }

        return new ModelSpec
        {
            Span = SourceSpan.InSource(_context.Source),
            Format = "UAI",
            SumTolerance = Tolerances.RoundedRows,
            Variables = variables.MoveToImmutable(),
        };
    }

    private int Index(Token token)
    {
        _lexer.TryCount(token, out var index);
        return index;
    }

    private string Describe((Token Start, Token[] Variables) scope) =>
        string.Join(' ', scope.Variables.Select(t => _lexer.TextOf(t).ToString()).Prepend(scope.Variables.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private Token Next()
    {
        var token = _lexer.Next();
        if (token.Kind != TokenKind.End)
        {
            _lastContent = token;
        }

        return token;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null after reporting.</summary>
    private int? Count(string what, int min, int max)
    {
        var token = Next();
        if (token.Kind == TokenKind.End)
        {
            EndsEarly(what);
            return null;
        }

        if (!_lexer.TryCount(token, out var value) || value < min || value > max)
        {
            _context.SyntaxError(
                _lexer.SpanOf(token),
                $"expected {what} (a whole number from {min} to {max}), found {_lexer.Describe(token)}");
            return null;
        }

        return value;
    }

    private void EndsEarly(string what) =>
        _context.SyntaxError(
            _lastContent.Line == 0 ? _context.Span(1, 1) : _lexer.SpanOf(_lastContent),
            $"the UAI file ends early: {what} is missing (truncated preamble or tables)");
}
