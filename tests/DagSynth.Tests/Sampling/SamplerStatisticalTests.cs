using DagSynth.Sampling;
using DagSynth.Testing;

namespace DagSynth.Tests.Sampling;

/// <summary>
/// Sampled frequencies against exact marginals from brute-force enumeration. Each test uses fixed
/// seeds, so it is deterministic; the significance level is stated, and a failure means the sampler
/// draws from the wrong distribution (or the seed is one in a thousand).
/// </summary>
[Trait("Category", "Statistical")]
public sealed class SamplerStatisticalTests
{
    /// <summary>Per-marginal significance level.</summary>
    private const double Alpha = 1e-3;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Should_MatchExactMarginals_When_SamplingRandomModels(int modelSeed)
    {
        // Given: a random model (some structural zeros) and its exact joint by enumeration
        var model = RandomModels.Create(modelSeed, maxVariables: 6, maxLevels: 10);
        var exact = new ExactJoint(model);
        const int Rows = 200_000;

        // When
        var sink = Generate(model, Rows, seed: 1000UL + (ulong)modelSeed);

        // Then: every marginal passes a chi-square test at Alpha, and zero-probability levels never occur
        foreach (var variable in model.Variables)
        {
            var counts = new long[variable.Cardinality];
            foreach (var code in sink.Column(variable.Index))
            {
                counts[code]++;
            }

            var p = ChiSquare.PValue(counts, exact.Marginal(variable.Index));
            Assert.True(p > Alpha, $"model {modelSeed}, variable {variable.Name}: chi-square p = {p:G3} (counts {string.Join(",", counts)})");
        }
    }

    [Fact]
    public void Should_MatchExactJointOfParentAndChild_When_ChildHasManyLevels()
    {
        // Given: a 40-level child (the guide-table path) of a 3-level parent, with zeros in its rows
        var random = new Random(99);
        var parentLevels = new[] { "a", "b", "c" };
        var childLevels = Enumerable.Range(0, 40).Select(i => $"l{i}").ToArray();
        var rows = Enumerable.Range(0, 3).Select(_ => RandomModels.RandomRow(random, 40)).ToArray();
        var model = new SpecBuilder()
            .Root("p", parentLevels, 0.2, 0.5, 0.3)
            .Child("c", childLevels, ["p"], [parentLevels], rows)
            .BuildModel();
        var exact = new ExactJoint(model);

        // When
        var sink = Generate(model, 300_000, seed: 5);

        // Then: the joint of (p, c) matches, cell by cell
        var counts = new long[3 * 40];
        for (var i = 0; i < sink.Rows; i++)
        {
            counts[(sink.Column(0)[i] * 40) + sink.Column(1)[i]]++;
        }

        var probabilities = Enumerable.Range(0, 120).Select(k => exact.Probability(c => c[0] == k / 40 && c[1] == k % 40)).ToArray();
        var pValue = ChiSquare.PValue(counts, probabilities);
        Assert.True(pValue > Alpha, $"joint chi-square p = {pValue:G3}");
    }

    internal static CollectingSink Generate(DagSynth.Models.Model model, long rows, ulong seed, int threads = 1, int batchSize = 4096)
    {
        var plan = SamplingPlan.Compile(model);
        var sink = new CollectingSink(plan.ColumnCount);
        var result = Generator.Run(plan, new GenerationOptions { Rows = rows, Seed = seed, Threads = threads, BatchSize = batchSize }, sink);
        Assert.True(result.Succeeded);
        return sink;
    }
}
