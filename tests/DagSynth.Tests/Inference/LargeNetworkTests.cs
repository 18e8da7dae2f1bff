using System.Diagnostics;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.Tests.Inference;

/// <summary>Scale: networks of hundreds of nodes run in bounded time, and oversized ones give a diagnostic, not an out-of-memory crash.</summary>
[Trait("Category", "Unit")]
public sealed class LargeNetworkTests
{
    [Fact]
    public void Should_ComputeAllMarginalsQuickly_When_NetworkHasHundredsOfNodes()
    {
        // Given: 400 variables, sparse
        var model = LargeModels.Sparse(seed: 7, variables: 400);
        var clock = Stopwatch.StartNew();

        // When
        var result = InferenceEngine.Create(model).Marginals();

        // Then: all marginals, each a distribution, well within the bound (about 0.1 s on a laptop)
        clock.Stop();
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.All(result.Marginals, m => Assert.Equal(1.0, m.Sum(), 9));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Should_AgreeWithJunctionTree_When_QueryingLargeNetworkByElimination()
    {
        // Given
        var model = LargeModels.Sparse(seed: 11, variables: 300);
        var engine = InferenceEngine.Create(model);
        var marginals = engine.Marginals();
        var evidence = Evidence.Of(new LevelAssignment(250, 0), new LevelAssignment(120, 1));

        // When: prior marginals of a few deep variables by elimination, and posterior ones both ways
        var posterior = engine.Marginals(evidence);
        foreach (var v in new[] { 299, 200, 150, 5 })
        {
            var prior = engine.Query(v, Evidence.None);
            var given = engine.Query(v, evidence);

            // Then
            Assert.Equal(marginals.Marginals[v], prior.Posterior!.Values.ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
            if (posterior.EvidenceProbability > 0)
            {
                Assert.Equal(posterior.EvidenceProbability, given.EvidenceProbability, 12);
                Assert.Equal(posterior.Marginals[v], given.Posterior!.Values.ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
            }
        }
    }

    [Fact]
    public void Should_ReportMemoryBudget_When_CliquesAreHuge()
    {
        // Given: a 40 x 40 grid, treewidth 40: its junction tree needs about 2^41 entries
        var model = LargeModels.Grid(40, 40);
        var engine = InferenceEngine.Create(model);

        // When
        var marginals = engine.Marginals();
        var query = engine.Query(model.Variables.Length - 1, Evidence.Of(new LevelAssignment(0, 1)));

        // Then: diagnostics, nothing allocated
        var diagnostic = Assert.Single(marginals.Diagnostics);
        Assert.Equal(DiagnosticCodes.MemoryBudgetExceeded, diagnostic.Code);
        Assert.Contains("does not fit in the memory budget of 1 GiB", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(double.IsNaN(marginals.EvidenceProbability));
        Assert.Equal(DiagnosticCodes.MemoryBudgetExceeded, Assert.Single(query.Diagnostics).Code);
        Assert.Null(query.Posterior);
    }

    [Fact]
    public void Should_AnswerSmallQueries_When_WholeTreeDoesNotFit()
    {
        // Given: the same grid, but a query about its top-left corner only needs the corner's ancestors
        var model = LargeModels.Grid(40, 40);
        var engine = InferenceEngine.Create(model);

        // When
        var result = engine.Query(model.IndexOf("g2_2"), Evidence.Of(new LevelAssignment(model.IndexOf("g0_1"), 1)));

        // Then
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(1.0, result.Posterior!.Values.ToArray().Sum(), 12);
    }

    [Fact]
    public void Should_RespectASmallBudget_When_OptionsLowerIt()
    {
        // Given: a 10 x 10 grid fits in 1 GiB, not in 4 KiB
        var model = LargeModels.Grid(10, 10);

        // When
        var roomy = InferenceEngine.Create(model).Marginals();
        var tight = InferenceEngine.Create(model, new InferenceOptions { MemoryBudgetBytes = 4096 }).Marginals();

        // Then
        Assert.True(roomy.Succeeded);
        Assert.Equal(DiagnosticCodes.MemoryBudgetExceeded, Assert.Single(tight.Diagnostics).Code);
    }
}
