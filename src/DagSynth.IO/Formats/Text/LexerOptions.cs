namespace DagSynth.IO.Formats.Text;

/// <summary>The lexical rules of one text format.</summary>
internal sealed record LexerOptions
{
    /// <summary>Characters that are tokens of their own.</summary>
    public required string Symbols { get; init; }

    /// <summary>Characters read as blanks (BIF's <c>,</c> and <c>|</c>).</summary>
    public string Separators { get; init; } = string.Empty;

    /// <summary>Whether <c>//</c> and <c>/* */</c> start comments.</summary>
    public bool SlashComments { get; init; }

    /// <summary>Whether <c>%</c> starts a comment to the end of the line (Hugin NET).</summary>
    public bool PercentComments { get; init; }

    /// <summary>Whether <c>#</c> starts a comment to the end of the line (aGrUM's UAI files).</summary>
    public bool HashComments { get; init; }

    /// <summary>The longest word or string accepted; longer ones are an error, so garbage cannot allocate without bound.</summary>
    public int MaxTokenLength { get; init; } = 1 << 16;
}
