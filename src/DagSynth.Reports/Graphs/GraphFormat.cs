using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Reports.Graphs;

/// <summary>The formats a DAG can be written in, chosen by the output file's extension.</summary>
public enum GraphFormat
{
    /// <summary>SVG, laid out and drawn (<c>.svg</c>).</summary>
    Svg,

    /// <summary>Graphviz DOT (<c>.dot</c>, <c>.gv</c>), for <c>dot -Tpng</c> and friends.</summary>
    Dot,

    /// <summary>Mermaid flowchart (<c>.mmd</c>, <c>.mermaid</c>), for Markdown that renders it.</summary>
    Mermaid,
}

/// <summary>Chooses a <see cref="GraphFormat"/> from a path.</summary>
public static class GraphFormats
{
    /// <summary>The extensions understood, with their formats.</summary>
    public static readonly ImmutableArray<KeyValuePair<string, GraphFormat>> Extensions =
    [
        KeyValuePair.Create(".svg", GraphFormat.Svg),
        KeyValuePair.Create(".dot", GraphFormat.Dot),
        KeyValuePair.Create(".gv", GraphFormat.Dot),
        KeyValuePair.Create(".mmd", GraphFormat.Mermaid),
        KeyValuePair.Create(".mermaid", GraphFormat.Mermaid),
    ];

    /// <summary>The format for <paramref name="path"/>, or a diagnostic naming the known extensions.</summary>
    public static (GraphFormat? Format, Diagnostic? Problem) FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        foreach (var (ext, format) in Extensions)
        {
            if (ext == extension)
            {
                return (format, null);
            }
        }

        return (null, Diagnostic.Error(
            DiagnosticCodes.UnknownFormat,
            SourceSpan.InSource(path),
            extension.Length == 0 ? "cannot tell the graph format: the file name has no extension" : $"'{extension}' is not a graph format DagSynth writes",
            $"end the output file name in {string.Join(", ", Extensions.Select(e => e.Key))}"));
    }
}
