using System.Text.Json;
using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

[Trait("Category", "Cli")]
public sealed class QueryCommandTests
{
    private static readonly string Asia = CliRunner.Model("asia.yaml");

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_PrintThePosterior_When_QueryHasEvidence()
    {
        var result = CliRunner.Run("query", Asia, "P(lung | smoke=yes, xray=yes)");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Golden.Verify("query-posterior.txt", result.Output);
    }

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_WriteJointPosteriorJson_When_QueryHasTwoTargets()
    {
        var result = CliRunner.Run("query", Asia, "P(lung, bronc | dysp=yes)", "--json");
        Assert.Equal(0, result.ExitCode);
        Golden.Verify("query-joint.json", result.Output);
    }

    [Fact]
    public void Should_WriteTheContractedJsonShape_When_QueryHasOneTarget()
    {
        // When
        var result = CliRunner.Run("query", Asia, "P(lung | smoke=yes, xray=yes)", "--json");

        // Then: {"target": [...], "evidence": {...}, "p_evidence": p, "posterior": {"LEVEL": p}}
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("lung", root.GetProperty("target")[0].GetString());
        Assert.Equal("yes", root.GetProperty("evidence").GetProperty("xray").GetString());
        Assert.Equal(0.0758524, root.GetProperty("p_evidence").GetDouble(), 9);
        Assert.Equal(0.645991425453, root.GetProperty("posterior").GetProperty("yes").GetDouble(), 9);
    }

    [Fact]
    public void Should_GiveTheEventProbability_When_EveryTargetHasALevel()
    {
        var text = CliRunner.Run("query", Asia, "P(lung=yes, smoke=no)");
        var json = CliRunner.Run("query", Asia, "P(lung=yes, smoke=no)", "--json");
        Assert.Equal(0, text.ExitCode);
        Assert.Equal("P(lung=yes, smoke=no)\nP(lung=yes, smoke=no) = 0.005\n", text.Output);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(0.005, document.RootElement.GetProperty("probability").GetDouble(), 15);
    }

    [Fact]
    public void Should_ComputeInterventionalDistribution_When_QueryUsesDo()
    {
        // P(lung=yes | do(smoke=yes)) is the table's 0.1; P(smoke=yes | do(lung=yes)) stays 0.5
        var down = CliRunner.Run("query", Asia, "P(lung=yes | do(smoke=yes))", "--json");
        var up = CliRunner.Run("query", Asia, "P(smoke | do(lung=yes))", "--json");
        using var a = JsonDocument.Parse(down.Output);
        using var b = JsonDocument.Parse(up.Output);
        Assert.Equal(0.1, a.RootElement.GetProperty("probability").GetDouble(), 15);
        Assert.Equal("yes", a.RootElement.GetProperty("do").GetProperty("smoke").GetString());
        Assert.Equal(0.5, b.RootElement.GetProperty("posterior").GetProperty("yes").GetDouble(), 15);
    }

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_ExitWith4AndSayProbabilityZero_When_EvidenceIsImpossible()
    {
        // When
        var text = CliRunner.Run("query", Asia, "P(bronc | lung=yes, either=no)");
        var json = CliRunner.Run("query", Asia, "P(bronc | lung=yes, either=no)", "--json");

        // Then
        Assert.Equal(4, text.ExitCode);
        Assert.Equal(string.Empty, text.Output);
        Golden.Verify("query-impossible.stderr.txt", text.Error);
        Assert.Equal(4, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(0.0, document.RootElement.GetProperty("p_evidence").GetDouble());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("posterior").ValueKind);
    }

    [Theory]
    [InlineData("P(lng | smoke=yes)", "query:1:3: error DS0403: 'lng' is not a variable of the model")]
    [InlineData("P(lung | smoke=maybe)", "query:1:16: error DS0404: 'maybe' is not a level of 'smoke' (levels: yes, no)")]
    [InlineData("P(lung | smoke)", "query:1:10: error DS0405: 'smoke' needs a level here, as smoke=LEVEL")]
    public void Should_ExitWith2AndPointAtTheColumn_When_QueryIsWrong(string query, string expected)
    {
        var result = CliRunner.Run("query", Asia, query);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains($"  in: {query}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ExitWith4_When_QueryExceedsTheMemoryBudget()
    {
        // Given: a 1 MiB budget and a query whose answer alone is a 2^20-entry table (8 MiB)
        var path = Path.Combine(Path.GetTempPath(), $"dagsynth-wide-{Guid.NewGuid():N}.yaml");
        var lines = new List<string> { "dagsynth: 1", "variables:" };
        for (var i = 0; i < 20; i++)
        {
            lines.Add($"  v{i}: {{type: boolean, probs: [0.5, 0.5]}}");
        }

        File.WriteAllLines(path, lines);
        try
        {
            // When
            var result = CliRunner.Run("query", path, $"P({string.Join(", ", Enumerable.Range(0, 20).Select(i => $"v{i}"))})", "--memory-budget", "1");

            // Then
            Assert.Equal(4, result.ExitCode);
            Assert.Contains("error DS0402: the joint distribution of the 20 targets has 1.05E+06 entries (8 MiB), more than the memory budget of 1 MiB holds", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
