using DagSynth.Diagnostics;

namespace DagSynth.IO.Formats.Text;

/// <summary>
/// What an interchange reader shares with its helpers: the source's name, the diagnostics, and
/// whether the structure read so far can be trusted. Stops a reader, through
/// <see cref="TooManyErrorsException"/>, once garbage has produced <see cref="MaxErrors"/> errors.
/// </summary>
internal sealed class ReaderContext(string source, DiagnosticBag diagnostics)
{
    /// <summary>Errors reported before a reader gives up on a file.</summary>
    public const int MaxErrors = 50;

    private readonly HashSet<string> _onceKeys = new(StringComparer.Ordinal);
    private int _errors;

    /// <summary>The source's name, as diagnostics give it.</summary>
    public string Source { get; } = source;

    /// <summary>The diagnostics collected.</summary>
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>
    /// Whether an error left the model incomplete (a syntax error, a skipped block): the validation
    /// gate is then not run, because it would only repeat the same problem in other words.
    /// </summary>
    public bool Broken { get; set; }

    /// <summary>A span in this source.</summary>
    public SourceSpan Span(int line, int column) => new(Source, line, column);

    /// <summary>Reports an error; throws <see cref="TooManyErrorsException"/> past <see cref="MaxErrors"/>.</summary>
    public void Error(string code, SourceSpan span, string message, string? hint = null)
    {
        Diagnostics.Error(code, span, message, hint);
        if (++_errors >= MaxErrors)
        {
            Broken = true;
            Diagnostics.Add(new Diagnostic(code, Severity.Info, $"stopped reading after {MaxErrors} errors; this may not be a model file", span));
            throw new TooManyErrorsException(span);
        }
    }

    /// <summary>Reports a syntax error and marks the structure as untrustworthy.</summary>
    public void SyntaxError(SourceSpan span, string message, string? hint = null)
    {
        Broken = true;
        Error(DiagnosticCodes.FormatSyntax, span, message, hint);
    }

    /// <summary>Reports a warning.</summary>
    public void Warning(string code, SourceSpan span, string message, string? hint = null) =>
        Diagnostics.Warning(code, span, message, hint);

    /// <summary>Reports a warning only the first time <paramref name="key"/> is seen.</summary>
    public void WarningOnce(string key, string code, SourceSpan span, string message, string? hint = null)
    {
        if (_onceKeys.Add(key))
        {
            Warning(code, span, message, hint);
        }
    }
}

/// <summary>Thrown by <see cref="ReaderContext.Error"/> when a file has too many errors to be worth reading further.</summary>
internal sealed class TooManyErrorsException(SourceSpan at) : Exception("too many errors")
{
    /// <summary>Where the reader stopped.</summary>
    public SourceSpan At { get; } = at;
}
