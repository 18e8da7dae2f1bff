using System.Text.Json;
using DagSynth.IO.Formats;
using DagSynth.Testing;

namespace DagSynth.IO.Tests.Formats;

/// <summary>The shared corpus's files as theory data; one placeholder row when the corpus is absent, so the theory skips instead of vanishing.</summary>
internal static class CorpusFiles
{
    /// <summary>The placeholder row used when the corpus is absent.</summary>
    public const string Absent = "(corpus absent)";

    /// <summary>Every network file (relative to <c>corpus/networks</c>) in a format DagSynth reads.</summary>
    public static TheoryData<string> Networks()
    {
        var root = Path.Combine(RepositoryPaths.Corpus, "networks");
        if (!Directory.Exists(root))
        {
            return [Absent];
        }

        // json/ holds pgmpy dumps of bnlearn fits (Gaussian and conditional-Gaussian), not DagSynth's JSON format.
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => ModelFormats.FromExtension(f) is not null && !f.Contains($"{Path.DirectorySeparatorChar}json{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Every case of <c>corpus/edge-cases/expected.json</c>.</summary>
    public static TheoryData<string> EdgeCases()
    {
        var path = Path.Combine(RepositoryPaths.Corpus, "edge-cases", "expected.json");
        if (!File.Exists(path))
        {
            return [Absent];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>The expectation of one edge case.</summary>
    public static JsonElement Expectation(string name)
    {
        var path = Path.Combine(RepositoryPaths.CorpusOrSkip(), "edge-cases", "expected.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty(name).Clone();
    }

    /// <summary>The full path of a corpus file, or skips the test when the corpus is absent.</summary>
    public static string PathOf(string folder, string relative)
    {
        if (relative == Absent)
        {
            RepositoryPaths.CorpusOrSkip();
        }

        return Path.Combine(RepositoryPaths.CorpusOrSkip(), folder, relative);
    }
}
