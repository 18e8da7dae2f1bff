using System.Collections.Immutable;
using System.Text;
using DagSynth.Diagnostics;
using DagSynth.IO.Yaml;
using DagSynth.Models;

namespace DagSynth.IO;

/// <summary>
/// Reads model files. The format is chosen by the file's extension: <c>.yaml</c>, <c>.yml</c> and
/// <c>.json</c> are DagSynth's own format. Every reader ends in the core's validation gate, so a
/// model from any format meets the same checks.
/// </summary>
public static class ModelFile
{
    /// <summary>The extensions of DagSynth's own model format.</summary>
    public static readonly ImmutableArray<string> NativeExtensions = [".yaml", ".yml", ".json"];

    /// <summary>Reads and validates the model at <paramref name="path"/>.</summary>
    /// <param name="path">The file; diagnostics name it as given.</param>
    /// <param name="limits">Size limits; the defaults when omitted.</param>
    public static ModelLoadResult Read(string path, ModelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!NativeExtensions.Contains(extension))
        {
            return Failure(Diagnostic.Error(
                DiagnosticCodes.UnknownFormat,
                SourceSpan.InSource(path),
                extension.Length == 0
                    ? "cannot tell the model's format: the file name has no extension"
                    : $"'{extension}' is not a model format DagSynth reads",
                $"use a model file ending in {string.Join(", ", NativeExtensions)}"));
        }

        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failure(Diagnostic.Error(DiagnosticCodes.CannotRead, SourceSpan.InSource(path), $"cannot read the model: {Describe(e)}"));
        }

        using var reader = new StringReader(text);
        return ReadYaml(reader, path, limits);
    }

    /// <summary>Reads and validates a model in DagSynth's YAML (or JSON) format.</summary>
    /// <param name="text">The document.</param>
    /// <param name="sourceName">The name diagnostics use for the source.</param>
    /// <param name="limits">Size limits; the defaults when omitted.</param>
    public static ModelLoadResult ReadYaml(TextReader text, string sourceName, ModelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new DiagnosticBag();
        var tree = YamlTreeReader.Read(text, sourceName, diagnostics);
        var spec = diagnostics.HasErrors ? null : ModelDocumentReader.Read(tree, sourceName, diagnostics);
        if (spec is null)
        {
            return new ModelLoadResult(null, diagnostics.ToImmutableSorted());
        }

        // The document's own errors and the gate's errors are reported together: one run, every problem.
        var built = ModelBuilder.Build(spec, limits);
        diagnostics.AddRange(built.Diagnostics);
        return new ModelLoadResult(diagnostics.HasErrors ? null : built.Model, diagnostics.ToImmutableSorted());
    }

    private static ModelLoadResult Failure(Diagnostic diagnostic) => new(null, [diagnostic]);

    internal static string Describe(Exception e) => e switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
