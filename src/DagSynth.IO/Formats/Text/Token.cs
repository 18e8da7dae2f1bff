namespace DagSynth.IO.Formats.Text;

/// <summary>What a <see cref="Token"/> is.</summary>
internal enum TokenKind : byte
{
    /// <summary>The end of the text.</summary>
    End,

    /// <summary>A run of characters that are not blanks, symbols, quotes or comment starts: a name, keyword or number.</summary>
    Word,

    /// <summary>A double-quoted string; the token's text is the content without the quotes.</summary>
    String,

    /// <summary>One symbol character, such as <c>{</c> or <c>;</c>.</summary>
    Symbol,
}

/// <summary>A token of a text model file: where its text is, and its 1-based line and column.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, int Line, int Column, char Symbol = '\0')
{
    /// <summary>Whether this is the symbol <paramref name="c"/>.</summary>
    public bool Is(char c) => Kind == TokenKind.Symbol && Symbol == c;

    /// <summary>Whether this is a word or a string (a name, written plain or quoted).</summary>
    public bool IsName => Kind is TokenKind.Word or TokenKind.String;
}
