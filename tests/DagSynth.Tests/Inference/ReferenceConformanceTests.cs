using System.Text.Json;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.Tests.Inference;

/// <summary>
/// Every marginal and every query of the shared corpus's reference answers (computed by an
/// independent exact implementation) matches at 1e-6, including joint posteriors and the
/// impossible-evidence query.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ReferenceConformanceTests
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string> Networks => new() { "asia", "cancer", "earthquake", "sachs", "survey", "alarm", "child", "insurance" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Should_MatchReferenceMarginals_When_ComputingPriorMarginals(string network)
    {
        // Given
        var (model, reference) = Load(network);
        var engine = InferenceEngine.Create(model);

        // When
        var result = engine.Marginals();

        // Then
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var marginals = reference.RootElement.GetProperty("marginals");
        Assert.Equal(model.Variables.Length, marginals.EnumerateObject().Count());
        foreach (var node in marginals.EnumerateObject())
        {
            var variable = model[node.Name];
            foreach (var level in node.Value.EnumerateObject())
            {
                var actual = result.Marginals[variable.Index][variable.LevelIndex(level.Name)];
                Assert.True(Math.Abs(actual - level.Value.GetDouble()) <= Tolerance, $"{network}: P({node.Name}={level.Name}) = {actual}, reference {level.Value.GetDouble()}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Should_MatchReferenceQueries_When_QueryingWithEvidence(string network)
    {
        // Given
        var (model, reference) = Load(network);
        var engine = InferenceEngine.Create(model);
        var queries = reference.RootElement.GetProperty("queries").EnumerateArray().ToList();
        Assert.NotEmpty(queries);

        foreach (var query in queries)
        {
            var evidence = Evidence.Of(query.GetProperty("evidence").EnumerateObject()
                .Select(e => new LevelAssignment(model.IndexOf(e.Name), model[e.Name].LevelIndex(e.Value.GetString()!))));
            var targets = query.TryGetProperty("targets", out var many)
                ? many.EnumerateArray().Select(t => model.IndexOf(t.GetString()!)).ToArray()
                : [model.IndexOf(query.GetProperty("target").GetString()!)];

            // When
            var result = engine.Query(targets, evidence);

            // Then
            var expectedEvidence = query.GetProperty("p_evidence").GetDouble();
            var label = $"{network}: P({string.Join(",", targets.Select(t => model.Variables[t].Name))} | {evidence.Describe(model)})";
            if (expectedEvidence == 0)
            {
                Assert.Equal(0.0, result.EvidenceProbability);
                Assert.Null(result.Posterior);
                Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.ImpossibleEvidence);
                continue;
            }

            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            Assert.True(Math.Abs(result.EvidenceProbability - expectedEvidence) <= Tolerance, $"{label}: P(e) = {result.EvidenceProbability}, reference {expectedEvidence}");
            var posterior = result.Posterior!;
            if (query.TryGetProperty("joint_posterior", out var joint))
            {
                foreach (var cell in joint.EnumerateArray())
                {
                    var levels = targets.Select(t => model.Variables[t].LevelIndex(cell.GetProperty("assignment").GetProperty(model.Variables[t].Name).GetString()!)).ToArray();
                    var expected = cell.GetProperty("p").GetDouble();
                    Assert.True(Math.Abs(posterior.Probability(levels) - expected) <= Tolerance, $"{label}: joint cell {string.Join(",", levels)}");
                }
            }
            else
            {
                var target = model.Variables[targets[0]];
                foreach (var level in query.GetProperty("posterior").EnumerateObject())
                {
                    var actual = posterior.Probability([target.LevelIndex(level.Name)]);
                    Assert.True(Math.Abs(actual - level.Value.GetDouble()) <= Tolerance, $"{label}: {level.Name} = {actual}, reference {level.Value.GetDouble()}");
                }
            }
        }
    }

    internal static (Model Model, JsonDocument Reference) Load(string network)
    {
        var corpus = RepositoryPaths.CorpusOrSkip();
        var model = LoadModel(Path.Combine(corpus, "networks", "bif", network + ".bif"));
        var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "reference", network + ".json")));
        return (model, reference);
    }

    private static DagSynth.Models.Model LoadModel(string path)
    {
        var result = DagSynth.IO.ModelFile.Read(path);
        return result.Model ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }
}
