using System.Buffers;

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

    /// <summary>
    /// The characters that may end a word: blanks and control characters (any Unicode ones), quotes,
    /// symbols, separators, and the first characters of comments (the lexer checks those one by one).
    /// Computed once per options instance.
    /// </summary>
    public SearchValues<char> WordEnds => field ??= ComputeWordEnds();

    private SearchValues<char> ComputeWordEnds()
    {
        var ends = new List<char>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            if (char.IsWhiteSpace(ch) || char.IsControl(ch) || ch is '"' or '/' or '%' or '#'
                || Symbols.Contains(ch, StringComparison.Ordinal) || Separators.Contains(ch, StringComparison.Ordinal))
            {
                ends.Add(ch);
            }
        }

        return SearchValues.Create([.. ends]);
    }
}
