using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats.Text;

namespace DagSynth.IO.Formats.Net;

/// <summary>
/// Hugin's conditional-Gaussian potentials: <c>data = ( normal ( MEAN, VARIANCE ) ... )</c>, one
/// <c>normal</c> per configuration of the discrete parents (last parent fastest, parentheses
/// optional), MEAN linear in the continuous parents (<c>1.5 + 2 * C2</c>), VARIANCE a positive
/// number. Read into DagSynth's <c>type: normal</c> vocabulary: a <c>mean</c> expression (nested
/// <c>if()</c> over the discrete parents, or the plain linear expression) and an <c>sd</c> (the square
/// root of the variance, per configuration).
/// </summary>
internal static class NetGaussian
{
    /// <summary>Words the expression language reads as keywords or constants; such names are backquoted.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "and", "or", "not", "in", "true", "false" };

    /// <summary>
    /// Reads the <c>normal(...)</c> entries of a potential's <c>data</c>, in order; null after an
    /// error (reported). Names in a mean must be among <paramref name="parents"/>.
    /// </summary>
    public static List<Entry>? Parse(
        List<Token> tokens, Token? strayLeaf, ImmutableArray<string> parents, string child, Lexer lexer, ReaderContext context)
    {
        if (strayLeaf is { } stray)
        {
            context.SyntaxError(lexer.SpanOf(stray), $"expected 'normal ( mean, variance )' in the data of '{child}', found {lexer.Describe(stray)}");
            return null;
        }

        // Longest names first, so that a parent whose name extends another's is matched whole.
        var byLength = parents.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length).ToList();
        var entries = new List<Entry>();
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Is('(') || token.Is(')') || token.Is(','))
            {
                i++; // grouping parentheses, and commas between entries as in tables
                continue;
            }

            if (!lexer.IsWord(token, "normal") || i + 1 >= tokens.Count || !tokens[i + 1].Is('('))
            {
                context.SyntaxError(lexer.SpanOf(token), $"expected 'normal ( mean, variance )' in the data of '{child}', found {lexer.Describe(token)}");
                return null;
            }

            var at = token;
            i += 2;
            var mean = Argument(tokens, ref i, ',', at, child, "a mean and a variance, separated by ','", lexer, context);
            if (mean is null)
            {
                return null;
            }

            var variance = Argument(tokens, ref i, ')', at, child, "two arguments, a mean and a variance", lexer, context);
            if (variance is null)
            {
                return null;
            }

            var linear = ParseMean(mean, byLength, child, lexer, context);
            if (linear is null || ParseVariance(variance, child, lexer, context) is not { } v)
            {
                return null;
            }

            entries.Add(new Entry(lexer.SpanOf(at), linear, v));
        }

        return entries;
    }

    /// <summary>The tokens of one argument of <c>normal(...)</c>, up to <paramref name="end"/> (consumed); null after an error.</summary>
    private static List<Token>? Argument(List<Token> tokens, ref int i, char end, Token normal, string child, string expected, Lexer lexer, ReaderContext context)
    {
        var start = i;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Is(end))
            {
                i++;
                if (i - 1 == start)
                {
                    context.SyntaxError(lexer.SpanOf(token), $"an empty argument in 'normal ( ... )' of '{child}': it takes {expected}");
                    return null;
                }

                return tokens.GetRange(start, i - 1 - start);
            }

            if (token.Kind == TokenKind.Symbol)
            {
                context.SyntaxError(
                    lexer.SpanOf(token),
                    $"unexpected {lexer.Describe(token)} in 'normal ( ... )' of '{child}': it takes {expected}",
                    token.Is('(') ? "a mean is a sum of numbers and numbers times continuous parents, without parentheses: 1.5 + 2 * C2" : null);
                return null;
            }

            i++;
        }

        context.SyntaxError(lexer.SpanOf(normal), $"'normal ( ... )' of '{child}' is not closed: it takes {expected}");
        return null;
    }

    private static double? ParseVariance(List<Token> tokens, string child, Lexer lexer, ReaderContext context)
    {
        if (tokens.Count != 1 || !lexer.TryNumber(tokens[0], out var variance) || !double.IsFinite(variance))
        {
            context.SyntaxError(
                lexer.SpanOf(tokens[0]),
                $"the variance in 'normal ( ... )' of '{child}' must be a number",
                "Hugin's second argument is the variance, a positive number");
            return null;
        }

        if (!(variance > 0))
        {
            context.Error(
                DiagnosticCodes.OutOfDomain,
                lexer.SpanOf(tokens[0]),
                $"the variance of '{child}' in 'normal ( ... )' is {Number(variance)}; it must be positive",
                "Hugin's second argument is the variance (the square of the standard deviation)");
            return null;
        }

        return variance;
    }

    /// <summary>A sum of numbers and numbers times names (<c>-1 - 0.5 * C2</c>, <c>C2 * 2e-1 + 3</c>); null after an error.</summary>
    private static LinearMean? ParseMean(List<Token> tokens, List<string> names, string child, Lexer lexer, ReaderContext context)
    {
        var pieces = new List<Piece>();
        foreach (var token in tokens)
        {
            if (!Split(token, names, pieces, lexer))
            {
                context.SyntaxError(lexer.SpanOf(token), $"in the mean of '{child}': cannot read {lexer.Describe(token)}");
                return null;
            }
        }

        if (pieces.Count == 0)
        {
            context.SyntaxError(lexer.SpanOf(tokens[0]), $"in the mean of '{child}': cannot read {lexer.Describe(tokens[0])}");
            return null;
        }

        var mean = new LinearMean();
        var p = 0;
        var termSign = 1.0;
        while (true)
        {
            // One term: factors joined by '*' or '/', each with optional signs.
            var coefficient = termSign;
            Piece? name = null;
            var divide = false;
            while (true)
            {
                var sign = 1.0;
                while (p < pieces.Count && pieces[p].Operator is '+' or '-')
                {
                    sign *= pieces[p].Operator == '-' ? -1 : 1;
                    p++;
                }

                if (p >= pieces.Count || pieces[p].Operator != '\0')
                {
                    return Fail(p < pieces.Count ? pieces[p] : pieces[^1], p < pieces.Count ? $"unexpected '{pieces[p].Operator}'" : "it ends too early");
                }

                var factor = pieces[p++];
                if (factor.Name is not null)
                {
                    if (!names.Contains(factor.Name, StringComparer.Ordinal))
                    {
                        return Fail(factor, $"'{factor.Name}' is not a parent of '{child}'");
                    }

                    if (divide)
                    {
                        return Fail(factor, $"it divides by the parent '{factor.Name}'");
                    }

                    if (name is not null)
                    {
                        return Fail(factor, $"'{name.Value.Name} * {factor.Name}' is not linear");
                    }

                    name = factor;
                    coefficient *= sign;
                }
                else
                {
                    coefficient = divide ? coefficient / (sign * factor.Value) : coefficient * sign * factor.Value;
                }

                if (p < pieces.Count && pieces[p].Operator is '*' or '/')
                {
                    divide = pieces[p].Operator == '/';
                    p++;
                    continue;
                }

                break;
            }

            if (!double.IsFinite(coefficient))
            {
                return Fail(pieces[p - 1], "a number is not finite");
            }

            if (name is { } n)
            {
                mean.Add(n.Name!, new SourceSpan(context.Source, n.Line, n.Column), coefficient);
            }
            else
            {
                mean.Intercept += coefficient;
            }

            if (p >= pieces.Count)
            {
                return double.IsFinite(mean.Intercept) && mean.Terms.All(t => double.IsFinite(t.Coefficient))
                    ? mean
                    : Fail(pieces[^1], "it is not finite");
            }

            if (pieces[p].Operator is not ('+' or '-'))
            {
                return Fail(pieces[p], $"expected '+' or '-' between terms, found '{pieces[p].Text}'");
            }

            termSign = pieces[p].Operator == '-' ? -1 : 1;
            p++;
        }

        LinearMean? Fail(Piece at, string message)
        {
            context.SyntaxError(
                new SourceSpan(context.Source, at.Line, at.Column),
                $"in the mean of '{child}': {message}",
                "a mean is linear in the continuous parents: 1.5 + 2 * C2 - 0.5 * C3");
            return null;
        }
    }

    /// <summary>Splits one NET word (which may hold <c>1.5+2*C2</c> without blanks) into numbers, names and operators.</summary>
    private static bool Split(Token token, List<string> names, List<Piece> into, Lexer lexer)
    {
        var text = lexer.TextOf(token);
        if (token.Kind == TokenKind.String)
        {
            into.Add(new Piece(lexer.NameOf(token), 0, '\0', lexer.NameOf(token), token.Line, token.Column));
            return true;
        }

        var i = 0;
        while (i < text.Length)
        {
            var column = token.Column + i;
            var c = text[i];
            if (c is '+' or '-' or '*' or '/')
            {
                into.Add(new Piece(null, 0, c, c.ToString(), token.Line, column));
                i++;
                continue;
            }

            string? name = null;
            foreach (var n in names)
            {
                if (text[i..].StartsWith(n, StringComparison.Ordinal) && (i + n.Length == text.Length || text[i + n.Length] is '+' or '-' or '*' or '/'))
                {
                    name = n;
                    break;
                }
            }

            if (name is not null)
            {
                into.Add(new Piece(name, 0, '\0', name, token.Line, column));
                i += name.Length;
                continue;
            }

            var end = i;
            if (char.IsAsciiDigit(c) || c == '.')
            {
                while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
                {
                    end++;
                }

                if (end + 1 < text.Length && text[end] is 'e' or 'E')
                {
                    var j = end + 1 + (text[end + 1] is '+' or '-' ? 1 : 0);
                    if (j < text.Length && char.IsAsciiDigit(text[j]))
                    {
                        end = j;
                        while (end < text.Length && char.IsAsciiDigit(text[end]))
                        {
                            end++;
                        }
                    }
                }

                if (!double.TryParse(text[i..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    return false;
                }

                into.Add(new Piece(null, value, '\0', text[i..end].ToString(), token.Line, column));
                i = end;
                continue;
            }

            // A name that is not a parent: kept, to be reported by name.
            while (end < text.Length && text[end] is not ('+' or '-' or '*' or '/'))
            {
                end++;
            }

            into.Add(new Piece(text[i..end].ToString(), 0, '\0', text[i..end].ToString(), token.Line, column));
            i = end;
        }

        return true;
    }

    /// <summary>
    /// The <c>mean</c> and <c>sd</c> expressions of a CG node: per configuration of the discrete
    /// parents (listed with their levels, in the potential's order, last fastest), nested
    /// <c>if()</c>s; a subtree whose configurations agree is written once. Null when the text
    /// would exceed <paramref name="budget"/> characters.
    /// </summary>
    public static (string Mean, string Sd)? Expressions(
        List<Entry> entries, IReadOnlyList<(string Name, ImmutableArray<string> Levels)> discrete, ImmutableArray<string> continuousOrder, ref long budget)
    {
        // Parents with one level choose nothing (and leave the strides of the others unchanged).
        discrete = [.. discrete.Where(d => d.Levels.Length > 1)];
        var means = entries.Select(e => e.Mean.ToExpression(continuousOrder)).ToArray();
        var sds = entries.Select(e => Number(Math.Sqrt(e.Variance))).ToArray();
        var strides = new int[discrete.Count];
        for (int d = discrete.Count - 1, stride = 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= discrete[d].Levels.Length;
        }

        var remaining = budget;
        var mean = Tree(means, 0, 0);
        var sd = mean is null ? null : Tree(sds, 0, 0);
        if (mean is null || sd is null)
        {
            return null;
        }

        budget = remaining;
        return (mean, sd);

        string? Tree(string[] leaves, int d, int offset)
        {
            if (d == discrete.Count)
            {
                return leaves[offset];
            }

            var (name, levels) = discrete[d];
            var children = new string?[levels.Length];
            for (var k = 0; k < levels.Length; k++)
            {
                children[k] = Tree(leaves, d + 1, offset + (k * strides[d]));
                if (children[k] is null)
                {
                    return null;
                }
            }

            return Choose(Quote(name), levels, children!, 0, levels.Length);
        }

        // Levels lo..hi-1 of one parent: a chain of '==' for a few levels, halves split by '<' beyond.
        string? Choose(string variable, ImmutableArray<string> levels, string[] children, int lo, int hi)
        {
            var first = children[lo];
            var same = true;
            for (var k = lo + 1; k < hi && same; k++)
            {
                same = string.Equals(children[k], first, StringComparison.Ordinal);
            }

            if (same)
            {
                return first;
            }

            string? inner;
            string test;
            if (hi - lo <= 4)
            {
                test = $"{variable} == {Literal(levels[lo])}";
                inner = Choose(variable, levels, children, lo + 1, hi);
                return inner is null ? null : Join(test, first, inner);
            }

            var mid = (lo + hi) / 2;
            var low = Choose(variable, levels, children, lo, mid);
            inner = low is null ? null : Choose(variable, levels, children, mid, hi);
            return inner is null ? null : Join($"{variable} < {Literal(levels[mid])}", low!, inner);
        }

        string? Join(string test, string whenTrue, string whenFalse)
        {
            var length = 7L + test.Length + whenTrue.Length + whenFalse.Length;
            remaining -= length;
            return remaining < 0 ? null : $"if({test}, {whenTrue}, {whenFalse})";
        }
    }

    /// <summary>Whether <paramref name="name"/> can be written in an expression (in backquotes if need be).</summary>
    public static bool CanQuote(string name) => !name.Contains('`', StringComparison.Ordinal);

    /// <summary>Whether <paramref name="level"/> can be written as an expression string.</summary>
    public static bool CanQuoteLevel(string level) => !(level.Contains('"', StringComparison.Ordinal) && level.Contains('\'', StringComparison.Ordinal));

    /// <summary>A variable name as the expression language reads it: plain, or in backquotes.</summary>
    public static string Quote(string name)
    {
        var plain = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.')
            && !Reserved.Contains(name);
        return plain ? name : $"`{name}`";
    }

    /// <summary>A level as an expression string: in double quotes, or single quotes when it holds a double quote.</summary>
    public static string Literal(string level) =>
        level.Contains('"', StringComparison.Ordinal) ? $"'{level}'" : $"\"{level}\"";

    /// <summary>A number with round-trip digits.</summary>
    public static string Number(double value) =>
        value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One <c>normal(mean, variance)</c>.</summary>
    internal sealed record Entry(SourceSpan Span, LinearMean Mean, double Variance);

    /// <summary>A piece of a mean: a number, a name, or an operator (<c>+ - * /</c>).</summary>
    private readonly record struct Piece(string? Name, double Value, char Operator, string Text, int Line, int Column);

    /// <summary>An intercept plus coefficients times parents.</summary>
    internal sealed class LinearMean
    {
        public double Intercept { get; set; }

        public List<(string Name, SourceSpan Span, double Coefficient)> Terms { get; } = [];

        public void Add(string name, SourceSpan span, double coefficient)
        {
            var k = Terms.FindIndex(t => t.Name == name);
            if (k < 0)
            {
                Terms.Add((name, span, coefficient));
            }
            else
            {
                Terms[k] = (name, Terms[k].Span, Terms[k].Coefficient + coefficient);
            }
        }

        /// <summary>The mean as an expression, its terms in the order of <paramref name="order"/>: <c>-1 - 0.5 * C2</c>.</summary>
        public string ToExpression(ImmutableArray<string> order)
        {
            var text = new StringBuilder();
            if (Intercept != 0)
            {
                text.Append(Number(Intercept));
            }

            foreach (var name in order)
            {
                var k = Terms.FindIndex(t => t.Name == name);
                if (k < 0 || Terms[k].Coefficient == 0)
                {
                    continue;
                }

                var c = Terms[k].Coefficient;
                if (text.Length > 0)
                {
                    text.Append(c < 0 ? " - " : " + ");
                    c = Math.Abs(c);
                }
                else if (c < 0)
                {
                    text.Append('-');
                    c = -c;
                }

                if (c != 1)
                {
                    text.Append(Number(c)).Append(" * ");
                }

                text.Append(Quote(name));
            }

            return text.Length == 0 ? "0" : text.ToString();
        }
    }
}
