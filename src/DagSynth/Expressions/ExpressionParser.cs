using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;

namespace DagSynth.Expressions;

/// <summary>
/// Parses the expression language of model files (rules now; formulas and node parameters later):
/// numbers, quoted strings, names (plain, or in backquotes for names with spaces), <c>true</c>/<c>false</c>,
/// <c>+ - * / ^</c>, comparisons, <c>in [..]</c>, <c>and or not</c>, parentheses and function calls.
/// A hand-written recursive-descent parser: the grammar is small and errors must point at one column.
/// </summary>
public sealed class ExpressionParser
{
    /// <summary>Nesting deeper than this is refused, so hostile input cannot overflow the stack.</summary>
    public const int MaxDepth = 128;

    private readonly string _text;
    private readonly List<ExpressionError> _errors = [];
    private Token _token;
    private int _position;
    private int _depth;

    private ExpressionParser(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>; the result is null when there are errors.</summary>
    public static (Expr? Expression, ImmutableArray<ExpressionError> Errors) Parse(string text)
    {
        var parser = new ExpressionParser(text);
        Expr? expr = null;
        try
        {
            parser.Advance();
            if (parser._token.Kind == TokenKind.End)
            {
                parser.Fail(0, "the expression is empty");
            }
            else
            {
                expr = parser.ParseOr();
                if (parser._token.Kind != TokenKind.End)
                {
                    parser.Fail(parser._token.Start, $"unexpected {parser._token.Describe()}");
                }
            }
        }
        catch (ParseAbort)
        {
            expr = null;
        }

        return parser._errors.Count > 0 ? (null, [.. parser._errors]) : (expr, []);
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (_token.IsWord("or"))
        {
            var op = _token.Start;
            Advance();
            var right = ParseAnd();
            left = Binary(BinaryOperator.Or, op, left, right);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (_token.IsWord("and"))
        {
            var op = _token.Start;
            Advance();
            var right = ParseNot();
            left = Binary(BinaryOperator.And, op, left, right);
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (_token.IsWord("not"))
        {
            var start = _token.Start;
            Advance();
            Enter(start);
            var operand = ParseNot();
            _depth--;
            return new UnaryExpr(start, End(operand) - start, UnaryOperator.Not, operand);
        }

        return ParseComparison();
    }

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        if (_token.Kind == TokenKind.Operator && ComparisonOf(_token.Text) is { } op)
        {
            var at = _token.Start;
            Advance();
            var right = ParseAdditive();
            left = Binary(op, at, left, right);
            if (_token.Kind == TokenKind.Operator && ComparisonOf(_token.Text) is not null)
            {
                Fail(_token.Start, "comparisons cannot be chained; combine them with 'and'");
            }

            return left;
        }

        var negated = false;
        if (_token.IsWord("not") && PeekWord() == "in")
        {
            negated = true;
            Advance();
        }

        if (_token.IsWord("in"))
        {
            Advance();
            if (_token.Kind != TokenKind.Punct || _token.Text != "[")
            {
                Fail(_token.Start, $"expected '[' after 'in', found {_token.Describe()}");
            }

            var list = (ListExpr)ParsePrimary();
            return new InExpr(left.Start, End(list) - left.Start, left, list.Items, negated);
        }

        if (negated)
        {
            Fail(_token.Start, "expected 'in' after 'not'");
        }

        return left;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (_token.Kind == TokenKind.Operator && _token.Text is "+" or "-")
        {
            var op = _token.Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract;
            var at = _token.Start;
            Advance();
            left = Binary(op, at, left, ParseMultiplicative());
        }

        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (_token.Kind == TokenKind.Operator && _token.Text is "*" or "/")
        {
            var op = _token.Text == "*" ? BinaryOperator.Multiply : BinaryOperator.Divide;
            var at = _token.Start;
            Advance();
            left = Binary(op, at, left, ParseUnary());
        }

        return left;
    }

    private Expr ParseUnary()
    {
        if (_token.Kind == TokenKind.Operator && _token.Text == "-")
        {
            var start = _token.Start;
            Advance();
            Enter(start);
            var operand = ParseUnary();
            _depth--;
            return new UnaryExpr(start, End(operand) - start, UnaryOperator.Negate, operand);
        }

        return ParsePower();
    }

    private Expr ParsePower()
    {
        var left = ParsePrimary();
        if (_token.Kind == TokenKind.Operator && _token.Text == "^")
        {
            var at = _token.Start;
            Advance();
            Enter(at);
            var right = ParseUnary(); // right-associative; -x binds looser than ^ on the left only
            _depth--;
            return Binary(BinaryOperator.Power, at, left, right);
        }

        return left;
    }

    private Expr ParsePrimary()
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (!double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    Fail(token.Start, $"'{token.Text}' is not a number");
                }

                return new NumberExpr(token.Start, token.Length, value);
            case TokenKind.String:
                Advance();
                return new StringExpr(token.Start, token.Length, token.Text);
            case TokenKind.Name:
                Advance();
                if (!token.Quoted && token.Text is "true" or "false")
                {
                    return new BooleanExpr(token.Start, token.Length, token.Text == "true");
                }

                if (!token.Quoted && token.Text is "and" or "or" or "not" or "in")
                {
                    Fail(token.Start, $"expected a value, found '{token.Text}'");
                }

                if (_token.Kind == TokenKind.Punct && _token.Text == "(")
                {
                    var args = ParseItems(")", token.Start);
                    return new CallExpr(token.Start, _lastEnd - token.Start, token.Text, args);
                }

                return new NameExpr(token.Start, token.Length, token.Text);
            case TokenKind.Punct when token.Text == "(":
                {
                    Advance();
                    Enter(token.Start);
                    var inner = ParseOr();
                    _depth--;
                    Expect(")", token.Start);
                    return inner;
                }

            case TokenKind.Punct when token.Text == "[":
                {
                    var items = ParseItems("]", token.Start);
                    return new ListExpr(token.Start, _lastEnd - token.Start, items);
                }

            case TokenKind.End:
                Fail(token.Start, "the expression ends too early");
                break;
            default:
                Fail(token.Start, $"unexpected {token.Describe()}");
                break;
        }

        throw new ParseAbort();
    }

    private int _lastEnd;

    /// <summary>Parses <c>( a, b, ... )</c> or <c>[ a, b, ... ]</c>; the current token is the opener.</summary>
    private ImmutableArray<Expr> ParseItems(string close, int openedAt)
    {
        Advance();
        Enter(openedAt);
        var items = ImmutableArray.CreateBuilder<Expr>();
        if (!(_token.Kind == TokenKind.Punct && _token.Text == close))
        {
            while (true)
            {
                items.Add(ParseOr());
                if (_token.Kind == TokenKind.Punct && _token.Text == ",")
                {
                    Advance();
                    continue;
                }

                break;
            }
        }

        _depth--;
        Expect(close, openedAt);
        return items.ToImmutable();
    }

    private void Expect(string punct, int openedAt)
    {
        if (_token.Kind == TokenKind.Punct && _token.Text == punct)
        {
            _lastEnd = _token.Start + _token.Length;
            Advance();
            return;
        }

        var found = _token.Kind == TokenKind.End ? "the end of the expression" : _token.Describe();
        Fail(_token.Start, $"expected '{punct}' to close the one at column {openedAt + 1}, found {found}");
    }

    private void Enter(int at)
    {
        if (++_depth > MaxDepth)
        {
            Fail(at, $"the expression is nested more than {MaxDepth} levels deep");
        }
    }

    private static BinaryExpr Binary(BinaryOperator op, int at, Expr left, Expr right) =>
        new(left.Start, End(right) - left.Start, op, at, left, right);

    private static int End(Expr e) => e.Start + e.Length;

    private static BinaryOperator? ComparisonOf(string op) => op switch
    {
        "==" => BinaryOperator.Equal,
        "!=" => BinaryOperator.NotEqual,
        "<" => BinaryOperator.Less,
        "<=" => BinaryOperator.LessOrEqual,
        ">" => BinaryOperator.Greater,
        ">=" => BinaryOperator.GreaterOrEqual,
        _ => null,
    };

    private void Fail(int offset, string message)
    {
        _errors.Add(new ExpressionError(offset, message, DiagnosticCodes.ExpressionSyntax));
        throw new ParseAbort();
    }

    private string? PeekWord()
    {
        var saved = (_token, _position);
        Advance();
        var word = _token.Kind == TokenKind.Name && !_token.Quoted ? _token.Text : null;
        (_token, _position) = saved;
        return word;
    }

    private void Advance()
    {
        var text = _text;
        var i = _position;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length)
        {
            _token = new Token(TokenKind.End, string.Empty, text.Length, 0);
            _position = i;
            return;
        }

        var c = text[i];
        var start = i;
        if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
        {
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i < text.Length && text[i] is 'e' or 'E')
            {
                var j = i + 1;
                if (j < text.Length && text[j] is '+' or '-')
                {
                    j++;
                }

                if (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    i = j;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }
            }

            _token = new Token(TokenKind.Number, text[start..i], start, i - start);
        }
        else if (char.IsLetter(c) || c == '_')
        {
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
            {
                i++;
            }

            _token = new Token(TokenKind.Name, text[start..i], start, i - start);
        }
        else if (c is '"' or '\'' or '`')
        {
            var close = text.IndexOf(c, i + 1);
            if (close < 0)
            {
                _position = text.Length;
                Fail(start, $"unterminated {(c == '`' ? "backquoted name" : "string")}");
            }

            var inner = text[(i + 1)..close];
            _token = c == '`'
                ? new Token(TokenKind.Name, inner, start, close + 1 - start, Quoted: true)
                : new Token(TokenKind.String, inner, start, close + 1 - start);
            i = close + 1;
        }
        else if (c is '(' or ')' or '[' or ']' or ',')
        {
            i++;
            _token = new Token(TokenKind.Punct, c.ToString(), start, 1);
        }
        else
        {
            var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
            if (two is "==" or "!=" or "<=" or ">=")
            {
                i += 2;
                _token = new Token(TokenKind.Operator, two, start, 2);
            }
            else if (c is '+' or '-' or '*' or '/' or '^' or '<' or '>')
            {
                i++;
                _token = new Token(TokenKind.Operator, c.ToString(), start, 1);
            }
            else
            {
                _position = i + 1;
                var hint = c switch
                {
                    '=' => "; use '==' to compare",
                    '&' => "; use 'and'",
                    '|' => "; use 'or'",
                    '!' => "; use 'not'",
                    _ => string.Empty,
                };
                Fail(start, $"unexpected character '{c}'{hint}");
            }
        }

        _position = i;
    }

    private enum TokenKind
    {
        End,
        Number,
        String,
        Name,
        Operator,
        Punct,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Start, int Length, bool Quoted = false)
    {
        public bool IsWord(string word) => Kind == TokenKind.Name && !Quoted && Text == word;

        public string Describe() => Kind switch
        {
            TokenKind.End => "the end of the expression",
            TokenKind.String => $"\"{Text}\"",
            _ => $"'{Text}'",
        };
    }

    private sealed class ParseAbort : Exception;
}
