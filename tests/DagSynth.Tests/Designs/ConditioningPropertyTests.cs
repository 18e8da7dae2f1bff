using DagSynth.Designs;
using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Testing;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Designs;

/// <summary>Conditioned generation keeps the determinism contract: same seed, same rows, whatever the threads and batches.</summary>
[Trait("Category", "Property")]
public sealed class ConditioningPropertyTests
{
    private const string Mixed = """
        dagsynth: 1
        variables:
          sex: {levels: [female, male], probs: [0.5, 0.5]}
          age: {type: uniform, min: 40, max: 80, round: 0}
          z: {type: normal, mean: 0, sd: 1}
          sbp: {type: normal, mean: 110 + 0.5 * (age - 40), sd: 12, round: 0}
          smoker:
            type: boolean
            given: [sex]
            table:
              - when: {sex: female}
                probs: [0.85, 0.15]
              - when: {sex: male}
                probs: [0.75, 0.25]
          event: {type: logistic, baseline: 0.05, odds_ratios: {smoker: 2, "(sbp - 120) / 10": 1.3}}
        """;

    [Theory]
    [InlineData("smoker=true")]
    [InlineData("z >= 1.5")]
    [InlineData("sbp >= 140")]
    [InlineData("event=true")]
    public void Should_GiveIdenticalRows_When_ThreadsAndBatchSizesDiffer(string condition)
    {
        // Given: one condition of each kind (exact, truncation, rejection on a number, rejection on a level)
        var model = MixedModels.Read(Mixed);
        var plan = DesignTesting.Conditioned(model, DesignTesting.Predicate(model, condition));

        // When
        var one = DesignTesting.Run(plan, 9_000, seed: 77, threads: 1, batchSize: 4096);
        var three = DesignTesting.Run(plan, 9_000, seed: 77, threads: 3, batchSize: 333);

        // Then
        foreach (var v in model.Variables)
        {
            Assert.Equal(one.Column(v.Name), three.Column(v.Name));
        }
    }

    [Fact]
    public void Should_GiveEveryShardTheRowsOfAWholeRun_When_StartingAtAnotherRow()
    {
        // Given
        var model = MixedModels.Read(Mixed);
        var plan = DesignTesting.Conditioned(model, DesignTesting.Predicate(model, "sbp >= 140"));
        var whole = DesignTesting.Run(plan, 3_000, seed: 5);

        // When: rows 1,000 to 2,999 alone
        var sink = new MixedModels.Batchless(plan.Model);
        Assert.True(Generator.Run(plan, new GenerationOptions { Rows = 2_000, FirstRow = 1_000, Seed = 5, BatchSize = 700 }, sink).Succeeded);

        // Then
        Assert.Equal(whole.Column("sbp").Skip(1_000), sink.Column("sbp"));
        Assert.Equal(whole.Column("event").Skip(1_000), sink.Column("event"));
    }

    [Fact]
    public void Should_KeepEveryVariableOutsideTheEvidenceAncestry_When_ConditioningExactly()
    {
        // Given: asia conditioned on lung = yes: its ancestors (lung, smoke) are drawn from the
        // posterior; asia and tub are neither ancestors nor descendants of the evidence
        var model = Inference.TestModels.Asia();
        var plan = DesignTesting.Conditioned(model, DesignTesting.Levels(new LevelAssignment(model.IndexOf("lung"), 0)));

        // When
        var conditioned = DesignTesting.Run(plan, 5_000, seed: 21);
        var plain = DesignTesting.Run(SamplingPlan.Compile(model), 5_000, seed: 21);

        // Then: their cells are those of unconditioned generation (their own streams, same parents)
        Assert.Equal(plain.Column("asia"), conditioned.Column("asia"));
        Assert.Equal(plain.Column("tub"), conditioned.Column("tub"));
        Assert.NotEqual(plain.Column("smoke"), conditioned.Column("smoke"));
    }

    [Fact]
    public void Should_KeepRowsThatPassAtOnce_When_ConditioningByRejection()
    {
        // Given: rejection redraws only the rows that fail, from their own attempt streams
        var model = MixedModels.Read(Mixed);
        var plan = DesignTesting.Conditioned(model, DesignTesting.Predicate(model, "sbp >= 120"));

        // When
        var conditioned = DesignTesting.Run(plan, 4_000, seed: 2);
        var plain = DesignTesting.Run(SamplingPlan.Compile(model), 4_000, seed: 2);

        // Then: a row whose first draw meets the condition is the unconditioned row
        var kept = 0;
        for (var i = 0; i < 4_000; i++)
        {
            if (plain.Column("sbp")[i] >= 120)
            {
                kept++;
                Assert.Equal(plain.Column("sbp")[i], conditioned.Column("sbp")[i]);
                Assert.Equal(plain.Column("age")[i], conditioned.Column("age")[i]);
            }
        }

        Assert.True(kept > 1_000);
        Assert.All(conditioned.Column("sbp"), x => Assert.True(x >= 120));
    }
}
