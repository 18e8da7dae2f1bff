using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class RuleProofTests
{
    [Fact]
    public void Should_ProveTheRule_When_TheTableHasAStructuralZero()
    {
        // Given
        var model = TestModels.Treatment(leak: 0);

        // When
        var report = InferenceEngine.Create(model).ProveRules();

        // Then
        Assert.True(report.AllProven);
        Assert.All(report.Proofs, p => Assert.Equal(0.0, p.ViolationProbability));
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public void Should_ReportProbabilityAndWitness_When_TheRuleCanBeBroken()
    {
        // Given: 2% of people without hypertension are treated
        var model = TestModels.Treatment(leak: 0.02);

        // When
        var proof = InferenceEngine.Create(model).ProveRule(model.Rules[0]);

        // Then
        Assert.Equal(RuleProofStatus.Violated, proof.Status);
        Assert.Equal(0.7 * 0.02, proof.ViolationProbability, 15);
        Assert.Equal([new LevelAssignment(0, 0), new LevelAssignment(1, 1)], proof.Witness);
        var diagnostic = proof.Diagnostic!.Value;
        Assert.Equal(DiagnosticCodes.RuleNotProven, diagnostic.Code);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("probability 0.014", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("for example hypertension=no, treated=yes", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_SkipOnlyProvenRules_When_CompilingASamplingPlanWithProofs()
    {
        // Given
        var proven = TestModels.Treatment(leak: 0);
        var broken = TestModels.Treatment(leak: 0.02);

        // When
        var plan = SamplingPlan.Compile(proven, proofs: InferenceEngine.Create(proven).ProveRules());
        var brokenPlan = SamplingPlan.Compile(broken, proofs: InferenceEngine.Create(broken).ProveRules());
        var foreignProofs = SamplingPlan.Compile(broken, proofs: InferenceEngine.Create(proven).ProveRules());

        // Then: proven rules are not checked row by row; the broken one still is; proofs of another model are ignored
        Assert.Empty(plan.Rules);
        Assert.Equal(broken.Rules[0], Assert.Single(brokenPlan.Rules).Rule);
        Assert.Equal(2, foreignProofs.Rules.Length);
    }

    [Fact]
    public void Should_MatchBruteForce_When_ProvingRandomRules()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            // Given: a random model and a random rule "a == s_i and b == s_j" over two of its variables
            var random = new Random(seed);
            var model = RandomModels.Create(seed, maxVariables: 7, maxLevels: 3);
            if (model.Variables.Length < 2)
            {
                return true;
            }

            var pick = model.Variables.OrderBy(_ => random.Next()).Take(2).ToArray();
            var la = random.Next(pick[0].Cardinality);
            var lb = random.Next(pick[1].Cardinality);
            var exact = new ExactJoint(model).Probability(codes => codes[pick[0].Index] == la && codes[pick[1].Index] == lb);
            var engine = InferenceEngine.Create(model);

            // When
            var result = engine.Probability(Evidence.Of(new LevelAssignment(pick[0].Index, la), new LevelAssignment(pick[1].Index, lb)));

            // Then: proof status and probability agree with enumeration, and zero is exactly zero
            return exact == 0 ? result.EvidenceProbability == 0 : Math.Abs(result.EvidenceProbability - exact) < 1e-12;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Should_DecideOnSupport_When_ProbabilitiesUnderflow()
    {
        // Given: 4 variables each at a level of probability 1e-100 multiply to 1e-400, below the smallest double
        var builder = new SpecBuilder();
        var levels = new[] { "rare", "common" };
        for (var i = 0; i < 4; i++)
        {
            builder.Root($"v{i}", levels, 1e-100, 1 - 1e-100);
        }

        builder.Never(string.Join(" and ", Enumerable.Range(0, 4).Select(i => $"v{i} == \"rare\"")));
        var model = builder.BuildModel();

        // When
        var proof = InferenceEngine.Create(model).ProveRule(model.Rules[0]);

        // Then: the rule is not proven, although its probability rounds to 0
        Assert.Equal(RuleProofStatus.Violated, proof.Status);
        Assert.Equal(0.0, proof.ViolationProbability);
        Assert.Contains("below 1e-308", proof.Diagnostic!.Value.Message, StringComparison.Ordinal);
    }
}
