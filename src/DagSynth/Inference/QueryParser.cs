using System.Collections.Immutable;
using System.Text;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// Parses and binds probability queries, the grammar shared by the command line and the designer:
/// <code>
/// query     := [ "P" "(" ] targets [ "|" condition ("," condition)* ] [ ")" ]
/// targets   := term ("," term)*
/// term      := name [ "=" level ]
/// condition := name "=" level | "do" "(" name "=" level ("," name "=" level)* ")"
/// </code>
/// <c>P(lung | smoke=yes, xray=yes)</c> asks for a posterior, <c>P(lung, bronc | dysp=yes)</c> for a
/// joint posterior, <c>P(lung=yes, smoke=no)</c> for the probability of an event, and
/// <c>P(dysp | do(smoke=yes))</c> for an interventional distribution. Names and levels are written
/// bare or quoted ('...' or "..."); a bare level runs to the next <c>,</c> <c>|</c> or <c>)</c>, so
/// levels such as <c>&gt;=7.5</c> or <c>40-49</c> need no quotes. Every problem is reported with its
/// column (line 1 of a source named by the caller).
/// </summary>
public sealed class QueryParser
{
    private const string BareNameStops = "(),|=\"'";
    private const string BareLevelStops = ",|)";
    private readonly string _text;
    private readonly string _source;
    private readonly List<Diagnostic> _diagnostics = [];
    private int _position;

    private QueryParser(string text, string source)
    {
        _text = text;
        _source = source;
    }

    /// <summary>Parses <paramref name="text"/>; the query is null when there are errors.</summary>
    /// <param name="text">The query.</param>
    /// <param name="source">The name diagnostics give the query's source (column numbers are 1-based offsets into the text).</param>
    public static (ParsedQuery? Query, ImmutableArray<Diagnostic> Diagnostics) Parse(string text, string source = "query")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new QueryParser(text, source);
        var query = parser.ParseQuery();
        return parser._diagnostics.Count > 0 ? (null, [.. parser._diagnostics]) : (query, []);
    }

    /// <summary>Parses <paramref name="text"/> and binds it to <paramref name="model"/>; see <see cref="Bind"/>.</summary>
    public static (ProbabilityQuery? Query, ImmutableArray<Diagnostic> Diagnostics) Parse(string text, Model model, string source = "query")
    {
        var (parsed, diagnostics) = Parse(text, source);
        return parsed is null ? (null, diagnostics) : Bind(parsed, model, source);
    }

    /// <summary>
    /// Resolves the names and levels of <paramref name="query"/> in <paramref name="model"/>, and
    /// reports unknown names (with a suggestion), unknown levels, variables named twice or both
    /// asked about and observed, and targets of which only some have a level.
    /// </summary>
    public static (ProbabilityQuery? Query, ImmutableArray<Diagnostic> Diagnostics) Bind(ParsedQuery query, Model model, string source = "query")
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(model);
        var diagnostics = new List<Diagnostic>();
        var used = new Dictionary<int, string>();
        var targets = ImmutableArray.CreateBuilder<int>();
        var eventLevels = ImmutableArray.CreateBuilder<int>();
        var evidence = new List<LevelAssignment>();
        var interventions = ImmutableArray.CreateBuilder<LevelAssignment>();

        var withLevel = query.Targets.Count(t => t.Level is not null);
        if (withLevel > 0 && withLevel < query.Targets.Length)
        {
            var bare = query.Targets.First(t => t.Level is null);
            diagnostics.Add(Error(source, bare.Offset, DiagnosticCodes.QuerySyntax, $"'{bare.Variable}' has no level, but other targets do", "give every target a level (the probability of an event) or none (a distribution)"));
        }

        foreach (var term in query.Targets)
        {
            if (Resolve(term, model, source, diagnostics, used, "a target") is { } v)
            {
                targets.Add(v.Variable);
                if (term.Level is not null && v.Level >= 0)
                {
                    eventLevels.Add(v.Level);
                }
            }
        }

        foreach (var term in query.Evidence)
        {
            if (Resolve(term, model, source, diagnostics, used, "observed") is { Level: >= 0 } v)
            {
                evidence.Add(v);
            }
        }

        foreach (var term in query.Interventions)
        {
            if (Resolve(term, model, source, diagnostics, used, "intervened on") is { Level: >= 0 } v)
            {
                interventions.Add(v);
            }
        }

        if (diagnostics.Count > 0)
        {
            return (null, [.. diagnostics]);
        }

        return (new ProbabilityQuery(query.Text, targets.ToImmutable(), withLevel > 0 ? eventLevels.ToImmutable() : [], Evidence.Of(evidence), interventions.ToImmutable()), []);
    }

    /// <summary>
    /// Parses and binds one assignment written <c>VARIABLE=level</c> (as in <c>--given smoke=yes</c>),
    /// or a bare <c>VARIABLE</c> when <paramref name="levelRequired"/> is false (the level is then -1).
    /// </summary>
    public static (LevelAssignment? Assignment, ImmutableArray<Diagnostic> Diagnostics) ParseAssignment(string text, Model model, bool levelRequired, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        var parser = new QueryParser(text, source);
        var term = parser.ParseTerm(allowBare: !levelRequired);
        parser.SkipSpace();
        if (term is not null && !parser.AtEnd)
        {
            parser.Fail(parser._position, $"unexpected '{text[parser._position]}'", levelRequired ? "write VARIABLE=level" : "write VARIABLE or VARIABLE=level");
        }

        if (parser._diagnostics.Count > 0)
        {
            return (null, [.. parser._diagnostics]);
        }

        var diagnostics = new List<Diagnostic>();
        var resolved = Resolve(term!.Value, model, source, diagnostics, [], "given");
        return diagnostics.Count > 0 ? (null, [.. diagnostics]) : (resolved, []);
    }

    /// <summary>
    /// Parses and binds an independence statement, <c>X _||_ Y | Z1, Z2</c> (also written with
    /// <c>⊥</c> or <c>⫫</c>); each side may list several variables separated by commas.
    /// </summary>
    public static (IndependenceQuery? Query, ImmutableArray<Diagnostic> Diagnostics) ParseIndependence(string text, Model model, string source = "dsep")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        var parser = new QueryParser(text, source);
        var sides = new List<ImmutableArray<int>>();
        var used = new Dictionary<int, string>();
        var diagnostics = parser._diagnostics;
        for (var side = 0; side < 3 && diagnostics.Count == 0; side++)
        {
            var names = ImmutableArray.CreateBuilder<int>();
            parser.SkipSpace();
            if (side == 2 && parser.AtEnd)
            {
                sides.Add([]);
                break;
            }

            while (diagnostics.Count == 0)
            {
                parser.SkipSpace();
                var start = parser._position;
                if (parser.ReadName() is not { } name)
                {
                    break;
                }

                if (Resolve(new QueryTerm(name, null, start, -1), model, source, diagnostics, used, side == 2 ? "given" : "tested") is { } v)
                {
                    names.Add(v.Variable);
                }

                parser.SkipSpace();
                if (!parser.AtEnd && parser._text[parser._position] == ',')
                {
                    parser._position++;
                    continue;
                }

                break;
            }

            sides.Add(names.ToImmutable());
            if (diagnostics.Count > 0)
            {
                break;
            }

            parser.SkipSpace();
            var rest = parser._text.AsSpan(parser._position);
            if (side == 0)
            {
                var length = rest.StartsWith("_||_") ? 4 : rest.StartsWith("⊥") || rest.StartsWith("⫫") ? 1 : 0;
                if (length == 0)
                {
                    parser.Fail(parser._position, "expected '_||_' between the two sides", "write X _||_ Y | Z");
                }

                parser._position += length;
            }
            else if (side == 1)
            {
                if (parser.AtEnd)
                {
                    sides.Add([]);
                    break;
                }

                if (rest[0] != '|')
                {
                    parser.Fail(parser._position, $"expected '|' or the end, found '{rest[0]}'", "write X _||_ Y | Z");
                }

                parser._position++;
            }
            else if (!parser.AtEnd)
            {
                parser.Fail(parser._position, $"unexpected '{rest[0]}'", "write X _||_ Y | Z");
            }
        }

        return diagnostics.Count > 0 ? (null, [.. diagnostics]) : (new IndependenceQuery(text, sides[0], sides[1], sides[2]), []);
    }

    private static LevelAssignment? Resolve(QueryTerm term, Model model, string source, List<Diagnostic> diagnostics, Dictionary<int, string> used, string role)
    {
        if (!model.TryGetVariable(term.Variable, out var variable))
        {
            diagnostics.Add(Error(
                source,
                term.Offset,
                DiagnosticCodes.QueryUnknownVariable,
                $"'{term.Variable}' is not a variable of the model",
                NameSuggestion.DidYouMean(term.Variable, model.Variables.Select(v => v.Name))));
            return null;
        }

        if (used.TryGetValue(variable.Index, out var before))
        {
            diagnostics.Add(Error(
                source,
                term.Offset,
                DiagnosticCodes.QueryConflict,
                before == role ? $"'{variable.Name}' is {role} twice" : $"'{variable.Name}' is both {before} and {role}",
                "name each variable once"));
            return null;
        }

        used[variable.Index] = role;
        if (term.Level is null)
        {
            return new LevelAssignment(variable.Index, -1);
        }

        var level = variable.LevelIndex(term.Level);
        if (level < 0)
        {
            diagnostics.Add(Error(
                source,
                term.LevelOffset,
                DiagnosticCodes.QueryUnknownLevel,
                $"'{term.Level}' is not a level of '{variable.Name}' (levels: {string.Join(", ", variable.Levels)})",
                NameSuggestion.DidYouMean(term.Level, variable.Levels)));
            return null;
        }

        return new LevelAssignment(variable.Index, level);
    }

    private static Diagnostic Error(string source, int offset, string code, string message, string? hint = null) =>
        Diagnostic.Error(code, new SourceSpan(source, 1, offset + 1), message, hint);

    private ParsedQuery? ParseQuery()
    {
        SkipSpace();
        if (AtEnd)
        {
            Fail(0, "the query is empty", "write it as P(TARGET | VARIABLE=level, ...)");
            return null;
        }

        var wrapped = false;
        if (_text[_position] is 'P' or 'p')
        {
            var save = _position;
            _position++;
            SkipSpace();
            if (!AtEnd && _text[_position] == '(')
            {
                _position++;
                wrapped = true;
            }
            else
            {
                _position = save;
            }
        }

        var targets = ImmutableArray.CreateBuilder<QueryTerm>();
        var evidence = ImmutableArray.CreateBuilder<QueryTerm>();
        var interventions = ImmutableArray.CreateBuilder<QueryTerm>();
        if (!ParseList(targets, null, allowBare: true))
        {
            return null;
        }

        SkipSpace();
        if (!AtEnd && _text[_position] == '|')
        {
            _position++;
            if (!ParseList(evidence, interventions, allowBare: false))
            {
                return null;
            }
        }

        SkipSpace();
        if (wrapped)
        {
            if (AtEnd || _text[_position] != ')')
            {
                Fail(_position, AtEnd ? "the query ends before its closing ')'" : $"expected ',', '|' or ')', found '{_text[_position]}'");
                return null;
            }

            _position++;
            SkipSpace();
        }

        if (!AtEnd)
        {
            Fail(_position, $"unexpected '{_text[_position]}' after the end of the query");
            return null;
        }

        return new ParsedQuery(_text, targets.ToImmutable(), evidence.ToImmutable(), interventions.ToImmutable());
    }

    /// <summary>Parses terms separated by commas; in the conditions (<paramref name="interventions"/> not null), also do(...) groups.</summary>
    private bool ParseList(ImmutableArray<QueryTerm>.Builder terms, ImmutableArray<QueryTerm>.Builder? interventions, bool allowBare)
    {
        while (true)
        {
            SkipSpace();
            if (interventions is not null && AtDo())
            {
                _position += 2;
                SkipSpace();
                _position++; // '('
                if (!ParseList(interventions, null, allowBare: false))
                {
                    return false;
                }

                SkipSpace();
                if (AtEnd || _text[_position] != ')')
                {
                    Fail(_position, "expected ')' to close do(");
                    return false;
                }

                _position++;
            }
            else if (ParseTerm(allowBare) is { } term)
            {
                terms.Add(term);
            }
            else
            {
                return false;
            }

            SkipSpace();
            if (AtEnd || _text[_position] != ',')
            {
                return true;
            }

            _position++;
        }
    }

    private QueryTerm? ParseTerm(bool allowBare)
    {
        SkipSpace();
        var start = _position;
        var name = ReadName();
        if (name is null)
        {
            return null;
        }

        SkipSpace();
        if (AtEnd || _text[_position] != '=')
        {
            if (allowBare)
            {
                return new QueryTerm(name, null, start, -1);
            }

            Fail(start, $"'{name}' needs a level here, as {name}=LEVEL", "after '|' every variable is observed at a level");
            return null;
        }

        _position++;
        SkipSpace();
        var levelStart = _position;
        var level = ReadLevel();
        return level is null ? null : new QueryTerm(name, level, start, levelStart);
    }

    private string? ReadName()
    {
        if (AtEnd)
        {
            Fail(_position, "expected a variable name, found the end of the query");
            return null;
        }

        var c = _text[_position];
        if (c is '"' or '\'')
        {
            return ReadQuoted();
        }

        var start = _position;
        while (!AtEnd && !char.IsWhiteSpace(_text[_position]) && !BareNameStops.Contains(_text[_position], StringComparison.Ordinal))
        {
            _position++;
        }

        if (_position == start)
        {
            Fail(_position, $"expected a variable name, found '{c}'");
            return null;
        }

        return _text[start.._position];
    }

    private string? ReadLevel()
    {
        if (AtEnd)
        {
            Fail(_position, "expected a level, found the end of the query");
            return null;
        }

        if (_text[_position] is '"' or '\'')
        {
            return ReadQuoted();
        }

        var start = _position;
        while (!AtEnd && !BareLevelStops.Contains(_text[_position], StringComparison.Ordinal))
        {
            _position++;
        }

        var level = _text[start.._position].TrimEnd();
        if (level.Length == 0)
        {
            Fail(start, AtEnd ? "expected a level, found the end of the query" : $"expected a level, found '{_text[start]}'");
            return null;
        }

        return level;
    }

    private string? ReadQuoted()
    {
        var quote = _text[_position];
        var start = _position++;
        var value = new StringBuilder();
        while (!AtEnd && _text[_position] != quote)
        {
            value.Append(_text[_position++]);
        }

        if (AtEnd)
        {
            Fail(start, $"the quoted name starting here has no closing {quote}");
            return null;
        }

        _position++;
        return value.ToString();
    }

    private bool AtDo()
    {
        if (_position + 2 > _text.Length || !_text.AsSpan(_position, 2).SequenceEqual("do"))
        {
            return false;
        }

        var next = _position + 2;
        while (next < _text.Length && char.IsWhiteSpace(_text[next]))
        {
            next++;
        }

        return next < _text.Length && _text[next] == '(';
    }

    private bool AtEnd => _position >= _text.Length;

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private void Fail(int offset, string message, string? hint = null) =>
        _diagnostics.Add(Error(_source, offset, DiagnosticCodes.QuerySyntax, message, hint ?? "write it as P(TARGET | VARIABLE=level, ...)"));
}
