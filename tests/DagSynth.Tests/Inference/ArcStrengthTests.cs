using DagSynth.Inference;
using DagSynth.Testing;

namespace DagSynth.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class ArcStrengthTests
{
    [Fact]
    public void Should_MeasureTheArcs_When_ChildCopiesOrIgnoresItsParent()
    {
        // Given: copy = a (deterministic), noise ignores a, half of mixed follows a
        string[] levels = ["x", "y"];
        var model = new SpecBuilder()
            .Root("a", levels, 0.5, 0.5)
            .Child("copy", levels, ["a"], [levels], [[1, 0], [0, 1]])
            .Child("noise", levels, ["a"], [levels], [[0.3, 0.7], [0.3, 0.7]])
            .Child("mixed", levels, ["a"], [levels], [[0.75, 0.25], [0.25, 0.75]])
            .BuildModel();

        // When
        var (arcs, diagnostics) = InferenceEngine.Create(model).ArcStrengths();

        // Then: 1 bit and a full flip; nothing; 1 - H(0.25) bits and a change of 0.5
        Assert.Empty(diagnostics);
        Assert.Equal(3, arcs.Length);
        Assert.Equal(1.0, arcs[0].MutualInformation, 12);
        Assert.Equal(1.0, arcs[0].MaxChange, 12);
        Assert.Equal(0.0, arcs[1].MutualInformation, 12);
        Assert.Equal(0.0, arcs[1].MaxChange, 12);
        var entropy = -(0.25 * Math.Log2(0.25)) - (0.75 * Math.Log2(0.75));
        Assert.Equal(1 - entropy, arcs[2].MutualInformation, 12);
        Assert.Equal(0.5, arcs[2].MaxChange, 12);
    }

    [Fact]
    public void Should_ConditionOnOtherParents_When_ChildHasSeveral()
    {
        // Given: either = lung OR tub in asia
        var model = TestModels.Asia();

        // When
        var (arcs, _) = InferenceEngine.Create(model).ArcStrengths();

        // Then: changing lung flips either when tub = no, so the largest change is 1
        var lungEither = arcs.Single(a => a.Parent == model.IndexOf("lung") && a.Child == model.IndexOf("either"));
        Assert.Equal(1.0, lungEither.MaxChange, 12);
        Assert.True(lungEither.MutualInformation > 0.2);
        Assert.Equal(model.EdgeCount, arcs.Length);
        Assert.All(arcs, a => Assert.InRange(a.MutualInformation, 0, 1));
    }
}
