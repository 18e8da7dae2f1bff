using System.Collections.Immutable;

namespace DagSynth.Diagnostics;

/// <summary>
/// Collects diagnostics while a model is read or checked, so that every problem is reported in one
/// run instead of stopping at the first.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Whether any error has been added.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>The number of diagnostics collected so far.</summary>
    public int Count => _items.Count;

    /// <summary>Messages longer than this are shortened in the middle (a name read from garbage can be huge).</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>Adds one diagnostic.</summary>
    public void Add(Diagnostic diagnostic)
    {
        if (diagnostic.Message.Length > MaxMessageLength)
        {
            var keep = (MaxMessageLength - 5) / 2;
            diagnostic = diagnostic with { Message = string.Concat(diagnostic.Message.AsSpan(0, keep), " ... ", diagnostic.Message.AsSpan(diagnostic.Message.Length - keep)) };
        }

        _items.Add(diagnostic);
        HasErrors |= diagnostic.IsError;
    }

    /// <summary>Adds several diagnostics.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    /// <summary>Adds an error.</summary>
    public void Error(string code, SourceSpan location, string message, string? hint = null) =>
        Add(Diagnostic.Error(code, location, message, hint));

    /// <summary>Adds a warning.</summary>
    public void Warning(string code, SourceSpan location, string message, string? hint = null) =>
        Add(Diagnostic.Warning(code, location, message, hint));

    /// <summary>The diagnostics in source order (stable for diagnostics at the same place).</summary>
    public ImmutableArray<Diagnostic> ToImmutableSorted() =>
        [.. _items
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location.Source, StringComparer.Ordinal)
            .ThenBy(x => x.d.Location.Line)
            .ThenBy(x => x.d.Location.Column)
            .ThenBy(x => x.i)
            .Select(x => x.d)];
}
