using DagSynth.Designs;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Testing;
using DagSynth.Tests.Inference;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Designs;

/// <summary>
/// Rows generated given evidence against exact posteriors: brute-force enumeration on random models,
/// the shared corpus's reference queries, and closed forms for truncated roots. Fixed seeds; each
/// test states its significance level and row count.
/// </summary>
[Trait("Category", "Statistical")]
public sealed class ConditionedSamplingTests
{
    /// <summary>Per-test significance level of the chi-square tests.</summary>
    private const double Alpha = 1e-3;

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(20)]
    public void Should_MatchTheExactJointPosterior_When_ConditioningRandomModelsOnRandomEvidence(int seed)
    {
        // Given: a random model with some structure (at least 5 variables, 5 edges and 4 variables
        // with several levels; structural zeros included), one to three observed variables with
        // random levels, and the exact joint by enumeration (at most 3^7 = 2,187 configurations)
        var model = Enumerable.Range(seed * 100, 100)
            .Select(s => RandomModels.Create(s, maxVariables: 7, maxLevels: 3))
            .First(m => m.Variables.Length >= 5 && m.EdgeCount >= 5 && m.Variables.Count(v => v.Cardinality >= 2) >= 4);
        var exact = new ExactJoint(model);
        var random = new Random(seed);
        var candidates = model.Variables.Where(v => v.Cardinality >= 2).Select(v => v.Index).ToArray();
        var observed = candidates.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
        var evidence = observed.Select(v => new LevelAssignment(v, random.Next(model.Variables[v].Cardinality))).ToArray();
        bool Matches(int[] c) => evidence.All(e => c[e.Variable] == e.Level);
        var pEvidence = exact.Probability(Matches);

        // When
        var conditioned = Conditioning.Apply(model, DesignTesting.Levels(evidence), new ConditioningOptions());

        // Then: impossible evidence is refused at once; otherwise 20,000 rows pass a chi-square test
        // of the whole joint configuration against the exact posterior at Alpha
        if (pEvidence == 0)
        {
            Assert.False(conditioned.Succeeded);
            Assert.Equal(0, conditioned.EvidenceProbability);
            Assert.Contains(conditioned.Diagnostics, d => d.Code == DiagnosticCodes.ImpossibleEvidence);
            return;
        }

        Assert.True(Math.Abs(conditioned.EvidenceProbability - pEvidence) < 1e-9 * Math.Max(1, pEvidence));
        const int Rows = 20_000;
        var rows = DesignTesting.Run(conditioned.Compile(), Rows, seed: (ulong)seed);
        var cards = model.Variables.Select(v => v.Cardinality).ToArray();
        var configurations = cards.Aggregate(1, (a, b) => a * b);
        var counts = new long[configurations];
        var columns = model.Variables.Select(v => rows.Column(v.Name)).ToArray();
        for (var i = 0; i < Rows; i++)
        {
            var index = 0;
            for (var v = 0; v < cards.Length; v++)
            {
                index = (index * cards[v]) + (int)columns[v][i];
            }

            counts[index]++;
        }

        var expected = new double[configurations];
        var codes = new int[cards.Length];
        for (var index = 0; index < configurations; index++)
        {
            var rest = index;
            for (var v = cards.Length - 1; v >= 0; v--)
            {
                codes[v] = rest % cards[v];
                rest /= cards[v];
            }

            var snapshot = (int[])codes.Clone();
            expected[index] = Matches(snapshot) ? exact.Probability(c => c.SequenceEqual(snapshot)) / pEvidence : 0;
        }

        var p = ChiSquare.PValue(counts, expected);
        Assert.True(p > Alpha, $"model {seed}, evidence {LevelAssignment.Describe(model, evidence)}: joint chi-square p = {p:G3}");
    }

    public static TheoryData<string> Networks => new() { "asia", "cancer", "earthquake", "sachs", "survey", "alarm", "child", "insurance" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Should_MatchTheReferencePosteriors_When_ConditioningCorpusNetworks(string network)
    {
        // Given: every reference query of the network (36 in all; the references were computed by an
        // independent exact implementation)
        var (model, reference) = ReferenceConformanceTests.Load(network);
        var queries = reference.RootElement.GetProperty("queries").EnumerateArray().ToList();
        var seed = 100UL;
        foreach (var query in queries)
        {
            var evidence = query.GetProperty("evidence").EnumerateObject()
                .Select(e => new LevelAssignment(model.IndexOf(e.Name), model[e.Name].LevelIndex(e.Value.GetString()!)))
                .ToArray();
            var label = $"{network}: | {LevelAssignment.Describe(model, evidence)}";

            // When
            var conditioned = Conditioning.Apply(model, DesignTesting.Levels(evidence), new ConditioningOptions());

            // Then: P(e) as referenced; 20,000 rows, chi-square of the target at 1e-4 per query
            // (about 4e-3 for the whole corpus)
            var pEvidence = query.GetProperty("p_evidence").GetDouble();
            if (pEvidence == 0)
            {
                Assert.False(conditioned.Succeeded, label);
                Assert.Contains(conditioned.Diagnostics, d => d.Code == DiagnosticCodes.ImpossibleEvidence);
                continue;
            }

            Assert.True(Math.Abs(conditioned.EvidenceProbability - pEvidence) <= 1e-6, $"{label}: P(e) = {conditioned.EvidenceProbability}, reference {pEvidence}");
            var rows = DesignTesting.Run(conditioned.Compile(), 20_000, seed++);
            foreach (var e in evidence)
            {
                Assert.All(rows.Column(model.Variables[e.Variable].Name), x => Assert.Equal(e.Level, (int)x));
            }

            if (query.TryGetProperty("target", out var targetName))
            {
                var target = model[targetName.GetString()!];
                var posterior = new double[target.Cardinality];
                foreach (var level in query.GetProperty("posterior").EnumerateObject())
                {
                    posterior[target.LevelIndex(level.Name)] = level.Value.GetDouble();
                }

                var p = ChiSquare.PValue(DesignTesting.Counts(rows.Column(target.Name), target.Cardinality), posterior);
                Assert.True(p > 1e-4, $"{label}: target {target.Name}, chi-square p = {p:G3}");
            }
        }
    }

    [Fact]
    public void Should_DrawRareEvidenceExactly_When_ItsProbabilityIsBelowOneInAMillion()
    {
        // Given: a generated 60-variable network and evidence on five of its variables with
        // P(e) below 1e-6, found by exact inference
        var model = LargeModels.Sparse(seed: 7, variables: 60);
        var engine = InferenceEngine.Create(model);
        var evidence = RareEvidence(model, engine, below: 1e-6);
        var target = model.Variables.First(v => !evidence.Any(e => e.Variable == v.Index) && engine.Query(v.Index, Evidence.Of(evidence)).Posterior!.Values.ToArray().Max() < 0.9);
        var posterior = engine.Query(target.Index, Evidence.Of(evidence)).Posterior!.Values.ToArray();

        // When: 20,000 rows are drawn given it
        var conditioned = Conditioning.Apply(model, DesignTesting.Levels(evidence), new ConditioningOptions());
        Assert.True(conditioned.EvidenceProbability < 1e-6);
        var rows = DesignTesting.Run(conditioned.Compile(), 20_000, seed: 5);

        // Then: no rejection was needed, and the target's frequencies pass a chi-square test at Alpha
        Assert.False(conditioned.UsesRejection);
        var p = ChiSquare.PValue(DesignTesting.Counts(rows.Column(target.Name), target.Cardinality), posterior);
        Assert.True(p > Alpha, $"P(e) = {conditioned.EvidenceProbability:G3}, target {target.Name}: chi-square p = {p:G3}");
    }

    /// <summary>Evidence on a few variables of <paramref name="model"/> whose probability is below <paramref name="below"/>.</summary>
    internal static LevelAssignment[] RareEvidence(Model model, InferenceEngine engine, double below)
    {
        var evidence = new List<LevelAssignment>();
        var marginals = engine.Marginals().Marginals;
        foreach (var v in model.Variables.Reverse())
        {
            var least = Enumerable.Range(0, v.Cardinality).Where(k => marginals[v.Index][k] > 0).MinBy(k => marginals[v.Index][k]);
            var candidate = evidence.Append(new LevelAssignment(v.Index, least)).ToList();
            var p = engine.Probability(Evidence.Of(candidate)).EvidenceProbability;
            if (p > 0)
            {
                evidence = candidate;
                if (p < below)
                {
                    return [.. evidence];
                }
            }
        }

        throw new InvalidOperationException("no rare evidence found");
    }

    [Fact]
    public void Should_KeepDownstreamNumbersForward_When_ConditioningTheDiscretePartOfAMixedModel()
    {
        // Given: sbp depends on smoking; smoking on sex; the evidence is smoker = true
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              sex: {levels: [female, male], probs: [0.5, 0.5]}
              smoker:
                type: boolean
                given: [sex]
                table:
                  - when: {sex: female}
                    probs: [0.9, 0.1]
                  - when: {sex: male}
                    probs: [0.7, 0.3]
              sbp: {type: normal, mean: "120 + 10 * smoker", sd: 10}
            """);

        // When
        var conditioned = Conditioning.Apply(model, DesignTesting.Predicate(model, "smoker=true"), new ConditioningOptions());
        var rows = DesignTesting.Run(conditioned.Compile(), 40_000, seed: 3);

        // Then: exact (P(smoker) = 0.2), sex given smoker is [0.25, 0.75], and sbp has mean 130
        Assert.Equal(ConditioningMethod.Exact, Assert.Single(conditioned.Reports).Method);
        Assert.Equal(0.2, conditioned.EvidenceProbability, 12);
        var p = ChiSquare.PValue(DesignTesting.Counts(rows.Column("sex"), 2), [0.25, 0.75]);
        Assert.True(p > Alpha, $"sex: chi-square p = {p:G3}");
        var mean = rows.Column("sbp").Average();
        Assert.True(Math.Abs(mean - 130) < 4 * 10 / Math.Sqrt(40_000), $"mean sbp {mean}");
    }

    [Fact]
    public void Should_TruncateTheRootByInversion_When_ConditioningOnAFarTail()
    {
        // Given: z ~ normal(0, 1) and z >= 3, whose probability is 0.00135
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              z: {type: normal, mean: 0, sd: 1}
              w: {type: normal, mean: z, sd: 1}
            """);

        // When
        var conditioned = Conditioning.Apply(model, DesignTesting.Predicate(model, "z >= 3"), new ConditioningOptions());
        var rows = DesignTesting.Run(conditioned.Compile(), 40_000, seed: 9);

        // Then: exact, no rejection; every z at least 3; its distribution over bins of the tail
        // matches the exact truncated normal (chi-square at Alpha), and E[z | z >= 3] = phi(3) / Q(3)
        Assert.Equal(ConditioningMethod.Truncation, Assert.Single(conditioned.Reports).Method);
        Assert.False(conditioned.UsesRejection);
        Assert.Equal(0.0013498980316301, conditioned.EvidenceProbability, 12);
        var z = rows.Column("z");
        Assert.All(z, x => Assert.True(x >= 3));
        double[] edges = [3, 3.1, 3.25, 3.5, 4, double.PositiveInfinity];
        var counts = new long[edges.Length - 1];
        foreach (var x in z)
        {
            counts[Array.FindIndex(edges, e => x < e) - 1]++;
        }

        var q3 = NormalTail.Upper(3);
        var expected = Enumerable.Range(0, counts.Length).Select(k => (NormalTail.Upper(edges[k]) - NormalTail.Upper(edges[k + 1])) / q3).ToArray();
        var p = ChiSquare.PValue(counts, expected);
        Assert.True(p > Alpha, $"bins {string.Join(",", counts)}: chi-square p = {p:G3}");
        var mean = z.Average();
        Assert.True(Math.Abs(mean - (NormalTail.Density(3) / q3)) < 0.01, $"mean {mean}");
        Assert.True(Math.Abs(rows.Column("w").Average() - mean) < 4 / Math.Sqrt(40_000));
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.97)]
    [InlineData(1 - 1e-9)]
    [InlineData(1e-12)]
    [InlineData(1e-200)]
    public void Should_InvertTheNormalTails_When_ComputingQuantiles(double q)
    {
        var z = NormalTail.UpperQuantile(q);
        Assert.True(Math.Abs((NormalTail.Upper(z) / q) - 1) < 1e-12, $"Q(Q^-1({q})) = {NormalTail.Upper(z)}");
        Assert.True(Math.Abs(NormalTail.Lower(-z) - NormalTail.Upper(z)) <= 1e-15 * Math.Max(1e-300, NormalTail.Upper(z)) * 10);
    }

    [Fact]
    public void Should_MatchTheExactPosterior_When_ConditioningByRejection()
    {
        // Given: a band cut from a uniform number (not exact: its parent is a number) and a table
        // below it; the evidence on the table's variable must be met by rejection
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              x: {type: uniform, min: 0, max: 10}
              band: {type: derive, formula: 'cut(x, [2, 5], ["low", "mid", "high"])'}
              flag:
                type: boolean
                given: [band]
                table:
                  - when: {band: low}
                    probs: [0.9, 0.1]
                  - when: {band: mid}
                    probs: [0.5, 0.5]
                  - when: {band: high}
                    probs: [0.2, 0.8]
            """);

        // When
        var conditioned = Conditioning.Apply(model, DesignTesting.Predicate(model, "flag=true"), new ConditioningOptions());
        var plan = conditioned.Compile();
        var sink = new MixedModels.Batchless(plan.Model);
        var result = Generator.Run(plan, new GenerationOptions { Rows = 30_000, Seed = 4 }, sink);

        // Then: P(band | flag) = [0.02, 0.15, 0.40] / 0.57, and the acceptance rate is about 0.57
        Assert.True(conditioned.UsesRejection);
        Assert.True(double.IsNaN(conditioned.EvidenceProbability));
        Assert.True(result.Succeeded);
        var p = ChiSquare.PValue(DesignTesting.Counts(sink.Column("band"), 3), [0.02 / 0.57, 0.15 / 0.57, 0.40 / 0.57]);
        Assert.True(p > Alpha, $"band: chi-square p = {p:G3}");
        Assert.All(sink.Column("flag"), f => Assert.Equal(1, f));
        var rate = (double)result.RowsWritten / result.Attempts;
        Assert.True(Math.Abs(rate - 0.57) < 0.02, $"acceptance rate {rate}");
    }

    [Fact]
    public void Should_StopWithTheRowAndTheBound_When_RejectionRunsOutOfAttempts()
    {
        // Given: a condition that no row can meet, on a variable that is not a root
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              x: {type: uniform, min: 0, max: 1}
              y: {type: normal, mean: x, sd: 1}
            """);
        var plan = DesignTesting.Conditioned(model, DesignTesting.Predicate(model, "y > 1000"), maxAttempts: 500);

        // When
        var result = Generator.Run(plan, new GenerationOptions { Rows = 100_000, Seed = 1, Threads = 2, BatchSize = 1000 }, new CollectingSink(0));

        // Then: the first row fails, naming the bound; nothing was written
        var failure = Assert.IsType<RejectionLimitReached>(result.Failure);
        Assert.Equal(0, failure.Row);
        Assert.Equal(500, failure.MaxAttempts);
        Assert.Equal(0, result.RowsWritten);
        Assert.Equal(DiagnosticCodes.RejectionLimit, failure.ToDiagnostic().Code);
        Assert.Contains("none of 500 attempts met the conditions (y > 1000)", failure.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_RefuseAtOnce_When_ARootConditionIsImpossible()
    {
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              age: {type: uniform, min: 40, max: 80}
            """);
        var conditioned = Conditioning.Apply(model, DesignTesting.Predicate(model, "age > 80"), new ConditioningOptions());
        Assert.False(conditioned.Succeeded);
        Assert.Contains("has probability 0", Assert.Single(conditioned.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_BeExact_When_TheConditionIsASetOfLevels()
    {
        // Given: asia, and "either the patient smokes or has bronchitis" cannot be one level, but
        // "dysp in [yes]" and "lung != no" are sets of levels of exact variables
        var model = TestModels.Asia();
        var engine = InferenceEngine.Create(model);
        var expected = engine.Query(model.IndexOf("smoke"), Evidence.Of(new LevelAssignment(model.IndexOf("dysp"), 0), new LevelAssignment(model.IndexOf("lung"), 0))).Posterior!.Values.ToArray();

        // When
        var conditioned = Conditioning.Apply(model, DesignTesting.Predicate(model, "dysp in [\"yes\"] and lung != \"no\""), new ConditioningOptions());
        var rows = DesignTesting.Run(conditioned.Compile(), 20_000, seed: 8);

        // Then
        Assert.Equal(ConditioningMethod.Exact, Assert.Single(conditioned.Reports).Method);
        var p = ChiSquare.PValue(DesignTesting.Counts(rows.Column("smoke"), 2), expected);
        Assert.True(p > Alpha, $"smoke: chi-square p = {p:G3}");
    }
}
