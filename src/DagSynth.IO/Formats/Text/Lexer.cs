using System.Buffers;
using System.Globalization;
using DagSynth.Diagnostics;

namespace DagSynth.IO.Formats.Text;

/// <summary>
/// Splits a text model file into tokens, tracking lines and columns, skipping blanks and comments,
/// reporting stray control characters, unterminated strings and comments, and overlong tokens.
/// One pass, no backtracking, no recursion: linear in the text whatever the input.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly LexerOptions _options;
    private readonly ReaderContext _context;
    private readonly bool[] _symbol = new bool[128];
    private readonly bool[] _separator = new bool[128];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly SearchValues<char> _wordEnds;
    private int _position;
    private int _line = 1;
    private int _lineStart;
    private Token? _peeked;

    public Lexer(string text, LexerOptions options, ReaderContext context)
    {
        _text = text;
        _options = options;
        _context = context;
        foreach (var c in options.Symbols)
        {
            _symbol[c] = true;
        }

        foreach (var c in options.Separators)
        {
            _separator[c] = true;
        }

        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _wordEnds = options.WordEnds;
    }

    /// <summary>The last token returned by <see cref="Next"/>.</summary>
    public Token Last { get; private set; }

    /// <summary>Whether a <c>#</c> comment was skipped (a lenient extension in UAI).</summary>
    public SourceSpan? FirstHashComment { get; private set; }

    /// <summary>The next token, consumed.</summary>
    public Token Next()
    {
        if (_peeked is { } p)
        {
            _peeked = null;
            Last = p;
            return p;
        }

        Last = Scan();
        return Last;
    }

    /// <summary>The next token, not consumed.</summary>
    public Token Peek() => _peeked ??= Scan();

    /// <summary>The token's text (a string's content, without quotes).</summary>
    public ReadOnlySpan<char> TextOf(Token token) => _text.AsSpan(token.Start, token.Length);

    /// <summary>The token's text as a string, shared with every equal name read before.</summary>
    public string NameOf(Token token)
    {
        var span = TextOf(token);
        if (_nameLookup.TryGetValue(span, out var name))
        {
            return name;
        }

        name = span.ToString();
        _names.Add(name);
        return name;
    }

    /// <summary>Where the token is.</summary>
    public SourceSpan SpanOf(Token token) => _context.Span(token.Line, token.Column);

    /// <summary>The token, for messages: a name quoted, a symbol as itself, the end as "the end of the file".</summary>
    public string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the file",
        TokenKind.String => $"\"{Shorten(TextOf(token))}\"",
        _ => $"'{Shorten(TextOf(token))}'",
    };

    /// <summary>Whether the token is the word <paramref name="keyword"/> (case-sensitive).</summary>
    public bool IsWord(Token token, string keyword) =>
        token.Kind == TokenKind.Word && TextOf(token).SequenceEqual(keyword);

    /// <summary>Parses a word as a number (invariant culture, exponent allowed).</summary>
    public bool TryNumber(Token token, out double value)
    {
        value = 0;
        return token.Kind == TokenKind.Word
            && double.TryParse(TextOf(token), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a word as a non-negative whole number.</summary>
    public bool TryCount(Token token, out int value)
    {
        value = 0;
        return token.Kind == TokenKind.Word
            && int.TryParse(TextOf(token), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Skips free text up to and including <paramref name="terminator"/> (outside quotes), as BIF's
    /// <c>property</c> statements need; returns the text, or null at the end of the file.
    /// </summary>
    public string? ReadRawUntil(char terminator)
    {
        if (_peeked is not null)
        {
            throw new InvalidOperationException("raw text cannot follow a peeked token");
        }

        var start = _position;
        var inString = false;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n')
            {
                NewLine();
                continue;
            }

            if (c == '"')
            {
                inString = !inString;
            }
            else if (c == terminator && !inString)
            {
                var raw = _text[start.._position];
                _position++;
                return raw;
            }

            _position++;
            if (_position - start > _options.MaxTokenLength)
            {
                _context.Error(DiagnosticCodes.InputTooLarge, _context.Span(_line, Column), $"free text longer than {_options.MaxTokenLength:N0} characters without '{terminator}'");
                _context.Broken = true;
                _position = _text.Length;
                return null;
            }
        }

        return null;
    }

    private int Column => _position - _lineStart + 1;

    private void NewLine()
    {
        _position++;
        _line++;
        _lineStart = _position;
    }

    private Token Scan()
    {
        var text = _text;
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == '\n')
            {
                NewLine();
                continue;
            }

            if (c < 128 ? c is ' ' or '\t' or '\r' or '\f' or '\v' || _separator[c] : char.IsWhiteSpace(c))
            {
                _position++;
                continue;
            }

            if (IsCommentStart(c))
            {
                SkipComment(c);
                continue;
            }

            var line = _line;
            var column = Column;
            if (c == '"')
            {
                return ScanString(line, column);
            }

            if (c < 128 && _symbol[c])
            {
                _position++;
                return new Token(TokenKind.Symbol, _position - 1, 1, line, column, c);
            }

            if (char.IsControl(c))
            {
                _context.Error(
                    DiagnosticCodes.FormatSyntax,
                    _context.Span(line, column),
                    $"unexpected control character U+{(int)c:X4}; this does not look like a text model file");
                _context.Broken = true;
                _position++;
                continue;
            }

            return ScanWord(line, column);
        }

        return new Token(TokenKind.End, text.Length, 0, _line, Column);
    }

    private bool IsCommentStart(char c)
    {
        if (c == '/' && _options.SlashComments && _position + 1 < _text.Length)
        {
            var next = _text[_position + 1];
            return next is '/' or '*';
        }

        return (c == '%' && _options.PercentComments) || (c == '#' && _options.HashComments);
    }

    private void SkipComment(char c)
    {
        if (c == '#' && FirstHashComment is null)
        {
            FirstHashComment = _context.Span(_line, Column);
        }

        if (c == '/' && _text[_position + 1] == '*')
        {
            var line = _line;
            var column = Column;
            _position += 2;
            while (_position < _text.Length)
            {
                if (_text[_position] == '\n')
                {
                    NewLine();
                }
                else if (_text[_position] == '*' && _position + 1 < _text.Length && _text[_position + 1] == '/')
                {
                    _position += 2;
                    return;
                }
                else
                {
                    _position++;
                }
            }

            _context.Error(DiagnosticCodes.FormatSyntax, _context.Span(line, column), "a '/*' comment is never closed with '*/'");
            _context.Broken = true;
            return;
        }

        var end = _text.IndexOf('\n', _position);
        _position = end < 0 ? _text.Length : end;
    }

    private Token ScanString(int line, int column)
    {
        var start = _position + 1;
        _position = start;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                var length = _position - 1 - start;
                if (length > _options.MaxTokenLength)
                {
                    _context.Error(DiagnosticCodes.InputTooLarge, _context.Span(line, column), $"a quoted string of {length:N0} characters; names are limited to {_options.MaxTokenLength:N0}");
                    _context.Broken = true;
                    return new Token(TokenKind.String, start, 0, line, column);
                }

                return new Token(TokenKind.String, start, length, line, column);
            }

            if (c == '\n')
            {
                NewLine();
            }
            else
            {
                _position++;
            }
        }

        _context.Error(DiagnosticCodes.FormatSyntax, _context.Span(line, column), "a quoted string is never closed with '\"'");
        _context.Broken = true;
        return new Token(TokenKind.String, start, 0, line, column);
    }

    private Token ScanWord(int line, int column)
    {
        var start = _position;
        var text = _text;
        while (_position < text.Length)
        {
            // Jump to the next character that may end the word (vectorised: long garbage is cheap).
            var skip = text.AsSpan(_position).IndexOfAny(_wordEnds);
            if (skip < 0)
            {
                _position = text.Length;
                break;
            }

            _position += skip;
            var c = text[_position];
            if (c is '/' or '%' or '#' && !IsCommentStart(c))
            {
                _position++;
                continue;
            }

            break;
        }

        var length = _position - start;
        if (length > _options.MaxTokenLength)
        {
            _context.Error(DiagnosticCodes.InputTooLarge, _context.Span(line, column), $"a word of {length:N0} characters; names and numbers are limited to {_options.MaxTokenLength:N0}");
            _context.Broken = true;
            return new Token(TokenKind.Word, start, 0, line, column);
        }

        return new Token(TokenKind.Word, start, length, line, column);
    }

    private static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= 40 ? text.ToString() : string.Concat(text[..37], "...");
}
