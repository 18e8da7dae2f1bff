namespace DagSynth.Diagnostics;

/// <summary>
/// One problem found in a model, a data file or a request, reported compiler-style:
/// <c>path:line:col: error DS0203: message</c>, with an optional hint on the next line.
/// </summary>
/// <param name="Code">The stable code, such as <c>DS0203</c>; see <see cref="DiagnosticCodes"/>.</param>
/// <param name="Severity">Whether this is an error, a warning or information.</param>
/// <param name="Message">What is wrong, naming the thing that is wrong.</param>
/// <param name="Location">Where it is.</param>
/// <param name="Hint">How to fix it, when that is not obvious from the message.</param>
public readonly record struct Diagnostic(
    string Code,
    Severity Severity,
    string Message,
    SourceSpan Location,
    string? Hint = null)
{
    /// <summary>Whether this diagnostic is an error.</summary>
    public bool IsError => Severity == Severity.Error;

    /// <summary>Creates an error.</summary>
    public static Diagnostic Error(string code, SourceSpan location, string message, string? hint = null) =>
        new(code, Severity.Error, message, location, hint);

    /// <summary>Creates a warning.</summary>
    public static Diagnostic Warning(string code, SourceSpan location, string message, string? hint = null) =>
        new(code, Severity.Warning, message, location, hint);

    /// <summary>Formats the diagnostic as one line, or two when there is a hint.</summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        var where = Location.Source.Length == 0 ? "dagsynth" : Location.ToString();
        var line = $"{where}: {severity} {Code}: {Message}";
        return Hint is null ? line : $"{line}\n  hint: {Hint}";
    }
}
