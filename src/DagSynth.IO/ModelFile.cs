using System.Buffers;
using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats;
using DagSynth.IO.Formats.Bif;
using DagSynth.IO.Formats.Dsc;
using DagSynth.IO.Formats.Net;
using DagSynth.IO.Formats.Text;
using DagSynth.IO.Formats.Uai;
using DagSynth.IO.Formats.XmlBif;
using DagSynth.IO.Formats.Xdsl;
using DagSynth.IO.Yaml;
using DagSynth.Models;
using DagSynth.Specs;

namespace DagSynth.IO;

/// <summary>
/// Reads model files. The format is chosen by the file's extension: <c>.yaml</c>, <c>.yml</c> and
/// <c>.json</c> are DagSynth's own format; <c>.bif</c>, <c>.xmlbif</c>/<c>.xml</c>, <c>.net</c>,
/// <c>.dsc</c>, <c>.uai</c> and <c>.xdsl</c> are the Bayesian-network interchange formats. Every
/// reader ends in the core's validation gate, so a model from any format meets the same checks.
/// </summary>
public static class ModelFile
{
    /// <summary>The extensions of DagSynth's own model format.</summary>
    public static readonly ImmutableArray<string> NativeExtensions = [".yaml", ".yml", ".json"];

    /// <summary>
    /// The largest model file read (256 MiB): far above the largest real networks (a few MB), and a
    /// bound on the memory a wrong file can take.
    /// </summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>The longest run of characters without a blank or a YAML/JSON delimiter that a model may hold.</summary>
    private const int MaxRunLength = 1 << 16;

    /// <summary>What ends a run in YAML or JSON: blanks, control characters and flow indicators.</summary>
    private static readonly SearchValues<char> YamlBreaks = SearchValues.Create([.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => char.IsWhiteSpace(c) || char.IsControl(c) || ",[]{}:\"'#".Contains(c, StringComparison.Ordinal))]);

    /// <summary>Reads and validates the model at <paramref name="path"/>, in the format its extension names.</summary>
    /// <param name="path">The file; diagnostics name it as given.</param>
    /// <param name="limits">Size limits; the defaults when omitted.</param>
    public static ModelLoadResult Read(string path, ModelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (format, problem) = ModelFormats.FromPath(path);
        if (format is not { } f)
        {
            return Failure(problem!.Value);
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (stream.Length > MaxFileBytes)
            {
                return Failure(Diagnostic.Error(
                    DiagnosticCodes.InputTooLarge,
                    SourceSpan.InSource(path),
                    $"the file is {stream.Length / (1 << 20):N0} MiB; model files are limited to {MaxFileBytes / (1 << 20):N0} MiB"));
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failure(Diagnostic.Error(DiagnosticCodes.CannotRead, SourceSpan.InSource(path), $"cannot read the model: {Describe(e)}"));
        }

        return Read(bytes, path, f, limits);
    }

    /// <summary>Reads and validates a model held in memory.</summary>
    /// <param name="content">The file's bytes (any encoding <see cref="ModelFile"/> detects; UTF-8 usually).</param>
    /// <param name="sourceName">The name diagnostics use for the source.</param>
    /// <param name="format">The model's format.</param>
    /// <param name="limits">Size limits; the defaults when omitted.</param>
    public static ModelLoadResult Read(ReadOnlySpan<byte> content, string sourceName, ModelFormat format, ModelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var diagnostics = new DiagnosticBag();
        if (content.Length > MaxFileBytes)
        {
            diagnostics.Error(DiagnosticCodes.InputTooLarge, SourceSpan.InSource(sourceName), $"the model is {content.Length / (1 << 20):N0} MiB; model files are limited to {MaxFileBytes / (1 << 20):N0} MiB");
            return new ModelLoadResult(null, diagnostics.ToImmutableSorted());
        }

        if (format is ModelFormat.XmlBif or ModelFormat.Xdsl)
        {
            return Finish(format == ModelFormat.XmlBif ? XmlBifReader.Read(content, sourceName, diagnostics) : XdslReader.Read(content, sourceName, diagnostics), diagnostics, limits);
        }

        var text = SourceText.Decode(content, sourceName, diagnostics);
        if (text is null)
        {
            return new ModelLoadResult(null, diagnostics.ToImmutableSorted());
        }

        if (ModelFormats.IsNative(format))
        {
            if (SourceText.OverlongRun(text, YamlBreaks, MaxRunLength) is var (index, length))
            {
                var (line, column) = SourceText.LineOf(text, index);
                diagnostics.Error(
                    DiagnosticCodes.InputTooLarge,
                    new SourceSpan(sourceName, line, column),
                    $"a run of {length:N0} characters without a blank or a delimiter; names and numbers are limited to {MaxRunLength:N0}",
                    "this does not look like a model file");
                return new ModelLoadResult(null, diagnostics.ToImmutableSorted());
            }

            using var reader = new StringReader(text);
            var result = ReadYaml(reader, sourceName, limits);
            diagnostics.AddRange(result.Diagnostics);
            return new ModelLoadResult(diagnostics.HasErrors ? null : result.Model, diagnostics.ToImmutableSorted());
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Error(DiagnosticCodes.EmptyDocument, new SourceSpan(sourceName, 1, 1), "the file is empty", $"a {ModelFormats.DisplayName(format)} file describes a network");
            return new ModelLoadResult(null, diagnostics.ToImmutableSorted());
        }

        var context = new ReaderContext(sourceName, diagnostics);
        var spec = format switch
        {
            ModelFormat.Bif => BifReader.Read(text, context),
            ModelFormat.Net => NetReader.Read(text, context),
            ModelFormat.Dsc => DscReader.Read(text, context),
            ModelFormat.Uai => UaiReader.Read(text, context),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a model format"),
        };
        return Finish(context.Broken ? null : spec, diagnostics, limits);
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

    /// <summary>Runs the validation gate on a spec an interchange reader produced (unless it could not produce one).</summary>
    private static ModelLoadResult Finish(ModelSpec? spec, DiagnosticBag diagnostics, ModelLimits? limits)
    {
        if (spec is null)
        {
            return new ModelLoadResult(null, diagnostics.ToImmutableSorted());
        }

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
