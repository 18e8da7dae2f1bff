using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.Tests.Inference;

/// <summary>The junction tree's invariants, which conditional sampling and calibration will rely on.</summary>
[Trait("Category", "Property")]
public sealed class JunctionTreeTests
{
    [Fact]
    public void Should_HaveRunningIntersectionAndCalibratedBeliefs_When_CompiledFromRandomModels()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            var model = RandomModels.Create(seed, maxVariables: 10, maxLevels: 3, maxParents: 3);
            var (tree, problem) = JunctionTree.Compile(model, new InferenceOptions());
            if (tree is null || problem is not null)
            {
                return false;
            }

            var evidence = InferenceEnginePropertyTests.RandomEvidence(model, new Random(seed), maxObserved: 2);
            var calibrated = tree.Calibrate(model, evidence);
            return RunningIntersection(tree, model.Variables.Length)
                && FamiliesCovered(tree, model)
                && (!calibrated.IsPossible || Calibrated(tree, calibrated));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Should_PropagateNewNumbers_When_StructureIsReused()
    {
        // Given: two models with the same graph and level counts but different tables
        string[] levels = ["x", "y"];
        Model Build(double p, double q) => new SpecBuilder()
            .Root("a", levels, p, 1 - p)
            .Child("b", levels, ["a"], [levels], [[q, 1 - q], [0.5, 0.5]])
            .BuildModel();
        var first = Build(0.2, 0.9);
        var second = Build(0.7, 0.1);
        var (tree, _) = JunctionTree.Compile(first, new InferenceOptions());

        // When: the structure compiled for the first propagates the second's numbers
        var marginal = tree!.Calibrate(second, Evidence.None).Marginal(1);

        // Then
        Assert.Equal((0.7 * 0.1) + (0.3 * 0.5), marginal[0], 15);
        Assert.Throws<ArgumentException>(() => tree.Calibrate(new SpecBuilder().Root("a", ["x", "y", "z"], 0.2, 0.3, 0.5).Root("b", levels, 0.5, 0.5).BuildModel(), Evidence.None));
    }

    /// <summary>For every variable, the cliques holding it form one connected subtree.</summary>
    private static bool RunningIntersection(JunctionTree tree, int variables)
    {
        for (var v = 0; v < variables; v++)
        {
            var holding = Enumerable.Range(0, tree.Cliques.Length).Where(c => tree.Cliques[c].Contains(v)).ToList();

            // Connected within the forest: exactly one holding clique has no holding parent.
            var tops = holding.Count(c => tree.Parent[c] < 0 || !tree.Cliques[tree.Parent[c]].Contains(v));
            if (holding.Count == 0 || tops != 1)
            {
                return false;
            }
        }

        return true;
    }

    private static bool FamiliesCovered(JunctionTree tree, Model model) =>
        model.Variables.All(v => v.Parents.Append(v.Index).All(w => tree.Cliques[tree.FamilyClique[v.Index]].Contains(w)));

    /// <summary>Every belief sums to 1 and neighbours agree on their separator.</summary>
    private static bool Calibrated(JunctionTree tree, CalibratedJunctionTree calibrated)
    {
        for (var c = 0; c < tree.Cliques.Length; c++)
        {
            if (Math.Abs(calibrated.Belief(c).Sum() - 1) > 1e-9)
            {
                return false;
            }

            if (tree.Parent[c] >= 0)
            {
                var mine = calibrated.Belief(c).Marginalize(tree.Separators[c]).Values;
                var theirs = calibrated.Belief(tree.Parent[c]).Marginalize(tree.Separators[c]).Values;
                var separator = calibrated.SeparatorBelief(c)!.Values;
                if (mine.Zip(theirs).Zip(separator).Any(t => Math.Abs(t.First.First - t.First.Second) > 1e-9 || Math.Abs(t.First.First - t.Second) > 1e-9))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
