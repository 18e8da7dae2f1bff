using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.Tests.Sampling;

/// <summary>Properties over random models: order, ranges, determinism under threads, batches and edits.</summary>
[Trait("Category", "Property")]
public sealed class SamplerPropertyTests
{
    private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count);

    [Fact]
    public void Should_PutEveryParentBeforeItsChildren_When_SortingTopologically()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 100_000)), seed =>
        {
            var model = RandomModels.Create(seed, maxVariables: 12);
            var position = new int[model.Variables.Length];
            for (var i = 0; i < model.TopologicalOrder.Length; i++)
            {
                position[model.TopologicalOrder[i]] = i;
            }

            return model.TopologicalOrder.Length == model.Variables.Length
                && model.Variables.All(v => v.Parents.All(p => position[p] < position[v.Index]));
        }).Check(Runs(200));
    }

    [Fact]
    public void Should_WriteOnlyPossibleCodes_When_Sampling()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 100_000)), seed =>
        {
            var model = RandomModels.Create(seed, maxVariables: 8, maxLevels: 20);
            var sink = SamplerStatisticalTests.Generate(model, 2000, (ulong)seed);
            foreach (var v in model.Variables)
            {
                var table = ((CptConditional)v.Conditional).Table;
                for (var i = 0; i < sink.Rows; i++)
                {
                    var parentLevels = v.Parents.Select(p => (int)sink.Column(p)[i]).ToArray();
                    var code = sink.Column(v.Index)[i];
                    if (code >= v.Cardinality || table.Probability(parentLevels, code) == 0)
                    {
                        return false; // out of range, or a structural zero drawn
                    }
                }
            }

            return true;
        }).Check(Runs(100));
    }

    [Fact]
    public void Should_GiveIdenticalRows_When_ThreadsAndBatchSizesDiffer()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 100_000)), Arb.From(Gen.Choose(1, 4)), Arb.From(Gen.Choose(1, 700)), (seed, threads, batch) =>
        {
            var model = RandomModels.Create(seed, maxVariables: 6, maxLevels: 12);
            var one = SamplerStatisticalTests.Generate(model, 3000, 7, threads: 1, batchSize: 4096);
            var many = SamplerStatisticalTests.Generate(model, 3000, 7, threads: threads, batchSize: batch);
            return model.Variables.All(v => one.Column(v.Index).SequenceEqual(many.Column(v.Index)));
        }).Check(Runs(60));
    }

    [Fact]
    public void Should_KeepOtherColumns_When_AnUnrelatedVariableIsAdded()
    {
        // Given: a model, and the same model with one more root variable written first in the file
        var levels = new[] { "x", "y", "z" };
        var original = new SpecBuilder()
            .Root("a", levels, 0.2, 0.3, 0.5)
            .Child("b", ["no", "yes"], ["a"], [levels], [[0.9, 0.1], [0.5, 0.5], [0.2, 0.8]])
            .BuildModel();
        var edited = new SpecBuilder()
            .Root("added", ["u", "v"], 0.5, 0.5)
            .Root("a", levels, 0.2, 0.3, 0.5)
            .Child("b", ["no", "yes"], ["a"], [levels], [[0.9, 0.1], [0.5, 0.5], [0.2, 0.8]])
            .BuildModel();

        // When
        var before = SamplerStatisticalTests.Generate(original, 5000, 11);
        var after = SamplerStatisticalTests.Generate(edited, 5000, 11);

        // Then: a and b are unchanged, cell for cell
        Assert.Equal(before.Column(0), after.Column(1));
        Assert.Equal(before.Column(1), after.Column(2));
    }

    [Fact]
    public void Should_DeliverRowsOfAShardExactly_When_StartingAtAnOffset()
    {
        // Given
        var model = RandomModels.Create(42, maxVariables: 6);
        var plan = SamplingPlan.Compile(model);
        var whole = SamplerStatisticalTests.Generate(model, 10_000, 3);

        // When: rows 2500..7499 generated on their own
        var part = new CollectingSink(plan.ColumnCount);
        Generator.Run(plan, new GenerationOptions { Rows = 5000, FirstRow = 2500, Seed = 3, Threads = 2, BatchSize = 999 }, part);

        // Then
        foreach (var v in model.Variables)
        {
            Assert.Equal(whole.Column(v.Index).Skip(2500).Take(5000), part.Column(v.Index));
        }
    }
}
