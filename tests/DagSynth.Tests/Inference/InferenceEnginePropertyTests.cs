using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.Tests.Inference;

/// <summary>The engine against brute-force enumeration of the joint distribution, on random models with structural zeros.</summary>
[Trait("Category", "Property")]
public sealed class InferenceEnginePropertyTests
{
    private const double Tolerance = 1e-9;

    private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count);

    [Fact]
    public void Should_MatchBruteForce_When_ComputingMarginalsWithAndWithoutEvidence()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            var model = RandomModels.Create(seed, maxVariables: 8, maxLevels: 4);
            var exact = new ExactJoint(model);
            var engine = InferenceEngine.Create(model);
            var evidence = RandomEvidence(model, new Random(seed), maxObserved: 3);

            var prior = engine.Marginals();
            var posterior = engine.Marginals(evidence);
            var pe = exact.Probability(codes => Agrees(codes, evidence));

            var ok = prior.Succeeded && model.Variables.All(v => Close(prior.Marginals[v.Index], exact.Marginal(v.Index)));
            if (pe == 0)
            {
                return ok && posterior.EvidenceProbability == 0 && posterior.Diagnostics.Any(d => d.Code == DiagnosticCodes.ImpossibleEvidence);
            }

            return ok && posterior.Succeeded && Math.Abs(posterior.EvidenceProbability - pe) <= Tolerance
                && model.Variables.All(v => Close(posterior.Marginals[v.Index], Conditional(exact, model, [v.Index], evidence, pe)));
        }).Check(Runs(150));
    }

    [Fact]
    public void Should_MatchBruteForce_When_QueryingJointPosteriors()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            var model = RandomModels.Create(seed, maxVariables: 8, maxLevels: 4);
            var random = new Random(seed ^ 0x5eed);
            var exact = new ExactJoint(model);
            var evidence = RandomEvidence(model, random, maxObserved: 3);
            var free = model.Variables.Select(v => v.Index).Where(v => !evidence.Contains(v)).OrderBy(_ => random.Next()).ToArray();
            var targets = free.Take(random.Next(0, Math.Min(3, free.Length) + 1)).ToArray();
            var heuristic = (EliminationHeuristic)random.Next(4);
            var engine = InferenceEngine.Create(model, new InferenceOptions { Heuristic = heuristic });

            var result = engine.Query(targets, evidence);
            var pe = exact.Probability(codes => Agrees(codes, evidence));

            if (pe == 0)
            {
                return result.EvidenceProbability == 0 && result.Posterior is null && engine.IsPossible(evidence) == false;
            }

            return result.Succeeded
                && engine.IsPossible(evidence) == true
                && Math.Abs(result.EvidenceProbability - pe) <= Tolerance
                && result.Posterior!.Variables.SequenceEqual(targets)
                && Close(result.Posterior.Values.ToArray(), Conditional(exact, model, targets, evidence, pe));
        }).Check(Runs(300));
    }

    [Fact]
    public void Should_GiveExactlyZero_When_EvidenceIsStructurallyImpossible()
    {
        // Given: b copies a, so (a=x, b=y) is impossible, and the last-bit arithmetic must say 0, not 1e-17
        var levels = new[] { "x", "y" };
        var model = new SpecBuilder()
            .Root("a", levels, 0.3, 0.7)
            .Child("b", levels, ["a"], [levels], [[1, 0], [0, 1]])
            .Child("c", levels, ["b"], [levels], [[0.1, 0.9], [0.6, 0.4]])
            .BuildModel();
        var engine = InferenceEngine.Create(model);
        var evidence = Evidence.Of(new LevelAssignment(0, 0), new LevelAssignment(1, 1));

        // When
        var query = engine.Query(2, evidence);
        var marginals = engine.Marginals(evidence);

        // Then
        Assert.Equal(0.0, query.EvidenceProbability);
        Assert.Equal(0.0, marginals.EvidenceProbability);
        var diagnostic = Assert.Single(query.Diagnostics);
        Assert.Equal(DiagnosticCodes.ImpossibleEvidence, diagnostic.Code);
        Assert.Contains("a=x, b=y", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("the table of 'b' gives b=y probability 0 whenever a=x", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_NameTheMinimalConflict_When_OnlySomeObservationsConflict()
    {
        // Given: the asia-like either = lung OR tub, with unrelated evidence alongside
        var yn = new[] { "yes", "no" };
        var model = new SpecBuilder()
            .Root("lung", yn, 0.1, 0.9)
            .Root("tub", yn, 0.05, 0.95)
            .Root("smoke", yn, 0.5, 0.5)
            .Child("either", yn, ["lung", "tub"], [yn, yn], [[1, 0], [1, 0], [1, 0], [0, 1]])
            .BuildModel();
        var engine = InferenceEngine.Create(model);
        var evidence = Evidence.Of(new LevelAssignment(0, 0), new LevelAssignment(2, 0), new LevelAssignment(3, 1));

        // When
        var result = engine.Probability(evidence);

        // Then
        Assert.Equal(0.0, result.EvidenceProbability);
        var message = Assert.Single(result.Diagnostics).Message;
        Assert.Contains("lung=yes, either=no cannot happen together", message, StringComparison.Ordinal);
        Assert.Contains("the table of 'either' gives either=no probability 0 whenever lung=yes", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_AgreeAcrossHeuristics_When_ComputingMarginals()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            var model = RandomModels.Create(seed, maxVariables: 10, maxLevels: 4, maxParents: 4);
            var reference = InferenceEngine.Create(model).Marginals();
            return Enum.GetValues<EliminationHeuristic>().All(h =>
            {
                var other = InferenceEngine.Create(model, new InferenceOptions { Heuristic = h }).Marginals();
                return model.Variables.All(v => Close(other.Marginals[v.Index], reference.Marginals[v.Index]));
            });
        }).Check(Runs(60));
    }

    internal static Evidence RandomEvidence(Model model, Random random, int maxObserved)
    {
        var count = random.Next(0, Math.Min(maxObserved, model.Variables.Length) + 1);
        return Evidence.Of(model.Variables.OrderBy(_ => random.Next()).Take(count)
            .Select(v => new LevelAssignment(v.Index, random.Next(v.Cardinality))));
    }

    private static bool Agrees(int[] codes, Evidence evidence) => evidence.Assignments.All(a => codes[a.Variable] == a.Level);

    /// <summary>P(targets | evidence) by enumeration, row-major over the targets in the order given.</summary>
    private static double[] Conditional(ExactJoint exact, Model model, int[] targets, Evidence evidence, double pe)
    {
        var cards = targets.Select(t => model.Variables[t].Cardinality).ToArray();
        var result = new double[cards.Aggregate(1, (a, c) => a * c)];
        for (var index = 0; index < result.Length; index++)
        {
            var levels = new int[targets.Length];
            var rest = index;
            for (var j = targets.Length - 1; j >= 0; j--)
            {
                levels[j] = rest % cards[j];
                rest /= cards[j];
            }

            result[index] = exact.Probability(codes => Agrees(codes, evidence) && targets.Select((t, j) => codes[t] == levels[j]).All(b => b)) / pe;
        }

        return result;
    }

    private static bool Close(IReadOnlyList<double> actual, IReadOnlyList<double> expected) =>
        actual.Count == expected.Count && actual.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= Tolerance);
}
