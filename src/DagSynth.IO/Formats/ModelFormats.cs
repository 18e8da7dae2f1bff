using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.IO.Formats;

/// <summary>Chooses a <see cref="ModelFormat"/> from a file name, and names formats in messages.</summary>
public static class ModelFormats
{
    /// <summary>Every extension understood, lower case with the dot, with its format.</summary>
    public static readonly ImmutableArray<KeyValuePair<string, ModelFormat>> Extensions =
    [
        KeyValuePair.Create(".yaml", ModelFormat.Yaml),
        KeyValuePair.Create(".yml", ModelFormat.Yaml),
        KeyValuePair.Create(".json", ModelFormat.Json),
        KeyValuePair.Create(".bif", ModelFormat.Bif),
        KeyValuePair.Create(".xmlbif", ModelFormat.XmlBif),
        KeyValuePair.Create(".xml", ModelFormat.XmlBif),
        KeyValuePair.Create(".net", ModelFormat.Net),
        KeyValuePair.Create(".dsc", ModelFormat.Dsc),
        KeyValuePair.Create(".uai", ModelFormat.Uai),
        KeyValuePair.Create(".xdsl", ModelFormat.Xdsl),
    ];

    /// <summary>The format of <paramref name="path"/> by its extension (any case), or null.</summary>
    public static ModelFormat? FromExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        foreach (var (ext, format) in Extensions)
        {
            if (ext == extension)
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>The format of <paramref name="path"/>, or a diagnostic naming the known extensions.</summary>
    /// <param name="path">The file name.</param>
    /// <param name="role">What the file is, for the message: "model" or "output".</param>
    public static (ModelFormat? Format, Diagnostic? Problem) FromPath(string path, string role = "model")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (FromExtension(path) is { } format)
        {
            return (format, null);
        }

        var extension = Path.GetExtension(path);
        return (null, Diagnostic.Error(
            DiagnosticCodes.UnknownFormat,
            SourceSpan.InSource(path),
            extension.Length == 0
                ? $"cannot tell the {role}'s format: the file name has no extension"
                : $"'{extension}' is not a model format DagSynth knows",
            $"name the {role} file with one of {string.Join(", ", Extensions.Select(e => e.Key))}"));
    }

    /// <summary>The format's name for messages and documentation.</summary>
    public static string DisplayName(ModelFormat format) => format switch
    {
        ModelFormat.Yaml => "YAML",
        ModelFormat.Json => "JSON",
        ModelFormat.Bif => "BIF",
        ModelFormat.XmlBif => "XMLBIF",
        ModelFormat.Net => "Hugin NET",
        ModelFormat.Dsc => "DSC",
        ModelFormat.Uai => "UAI",
        ModelFormat.Xdsl => "XDSL",
        _ => format.ToString(),
    };

    /// <summary>Whether <paramref name="format"/> is DagSynth's own (YAML or JSON).</summary>
    public static bool IsNative(ModelFormat format) => format is ModelFormat.Yaml or ModelFormat.Json;
}
