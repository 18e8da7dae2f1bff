using System.Text;
using DagSynth.IO;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.IO.Tests;

/// <summary>
/// Every invalid model under <c>Models/Invalid</c> produces exactly the diagnostics pinned in
/// <c>Golden/diagnostics/NAME.txt</c>: code, line, column, message and hint, all problems at once.
/// </summary>
[Trait("Category", "Golden")]
public sealed class ModelFileDiagnosticsTests
{
    public static TheoryData<string> InvalidModels() =>
        [.. Directory.GetFiles(ModelsDirectory("Invalid"), "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(InvalidModels))]
    public void Should_ReportEveryProblemWithItsPosition_When_TheModelIsInvalid(string file)
    {
        // Given
        using var reader = new StreamReader(Path.Combine(ModelsDirectory("Invalid"), file));

        // When
        var result = ModelFile.ReadYaml(reader, file);

        // Then
        Assert.Null(result.Model);
        Assert.Contains(result.Diagnostics, d => d.IsError);
        Golden.Verify($"diagnostics/{Path.GetFileNameWithoutExtension(file)}.txt", string.Join("\n", result.Diagnostics) + "\n");
    }

    [Fact]
    public void Should_RefuseWithALimit_When_ATableIsTooLargeToHold()
    {
        // Given: three parents of 600 levels each, so the child's table would hold 432 million entries
        var levels = "[" + string.Join(", ", Enumerable.Range(0, 600).Select(i => $"l{i}")) + "]";
        var uniform = "[" + string.Join(", ", Enumerable.Repeat("1", 600)) + "]";
        var yaml = new StringBuilder("dagsynth: 1\nnormalize: true\nvariables:\n");
        foreach (var p in new[] { "a", "b", "c" })
        {
            yaml.Append($"  {p}:\n    levels: {levels}\n    probs: {uniform}\n");
        }

        yaml.Append("  child:\n    type: boolean\n    given: [a, b, c]\n    table:\n      - default: [0.5, 0.5]\n");

        // When
        var result = ModelFile.ReadYaml(new StringReader(yaml.ToString()), "big.yaml");

        // Then: a clear diagnostic, not an attempt to allocate
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("DS0210", error.Code);
        Assert.Contains("'child'", error.Message, StringComparison.Ordinal);
        Assert.Equal(13, error.Location.Line);
    }

    [Fact]
    public void Should_NameTheFileWithoutPosition_When_ItDoesNotExist()
    {
        var result = ModelFile.Read(Path.Combine(Path.GetTempPath(), "no-such-model-d41d8.yaml"));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("DS0901", error.Code);
        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
    }

    internal static string ModelsDirectory(string kind) =>
        RepositoryPaths.InRepository("tests", "DagSynth.IO.Tests", "Models", kind);
}
