using DagSynth.Graphs;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Testing;
using DagSynth.Tests.Inference;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.Tests.Graphs;

[Trait("Category", "Unit")]
public sealed class DagAnalysisTests
{
    private static readonly Model Asia = TestModels.Asia();

    private static int V(string name) => Asia.IndexOf(name);

    private static int[] Vs(params string[] names) => [.. names.Select(V).Order()];

    [Theory]
    [InlineData("asia", "smoke", "", true)]
    [InlineData("tub", "lung", "", true)]
    [InlineData("tub", "lung", "either", false)]
    [InlineData("tub", "lung", "dysp", false)]
    [InlineData("xray", "dysp", "either", true)]
    [InlineData("xray", "dysp", "", false)]
    [InlineData("asia", "xray", "tub", true)]
    [InlineData("smoke", "dysp", "bronc,either", true)]
    [InlineData("smoke", "dysp", "bronc", false)]
    public void Should_DecideDSeparation_When_AskedAboutAsia(string x, string y, string given, bool separated)
    {
        // Given
        var z = given.Length == 0 ? [] : given.Split(',').Select(V).ToArray();

        // When
        var result = DagAnalysis.IsDSeparated(Asia, [V(x)], [V(y)], z);

        // Then
        Assert.Equal(separated, result);
    }

    [Fact]
    public void Should_ListRelatives_When_AskedAboutAsia()
    {
        Assert.Equal(Vs("lung", "tub", "xray", "dysp", "bronc"), DagAnalysis.MarkovBlanket(Asia, V("either")));
        Assert.Equal(Vs("asia", "tub", "smoke", "lung", "bronc", "either"), DagAnalysis.Ancestors(Asia, V("dysp")));
        Assert.Equal(Vs("lung", "bronc", "either", "xray", "dysp"), DagAnalysis.Descendants(Asia, V("smoke")));
        Assert.Equal(Vs("asia", "tub", "smoke", "lung", "either"), DagAnalysis.AncestralSet(Asia, [V("either")]));
        Assert.False(DagAnalysis.HasBackdoorPath(Asia, V("smoke"), V("dysp")));
        Assert.True(DagAnalysis.HasBackdoorPath(Asia, V("lung"), V("dysp")));
    }

    [Fact]
    public void Should_ImplyNumericIndependence_When_DSeparated()
    {
        // Property: whenever the graph says X _||_ Y | Z, the exact joint agrees, P(x, y | z) = P(x | z) P(y | z)
        Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            var random = new Random(seed);
            var model = RandomModels.Create(seed, maxVariables: 7, maxLevels: 3);
            if (model.Variables.Length < 3)
            {
                return true;
            }

            var pick = model.Variables.Select(v => v.Index).OrderBy(_ => random.Next()).ToArray();
            int x = pick[0], y = pick[1];
            var z = pick.Skip(2).Take(random.Next(0, 3)).ToArray();
            if (!DagAnalysis.IsDSeparated(model, [x], [y], z))
            {
                return true;
            }

            var engine = InferenceEngine.Create(model);
            var evidence = Evidence.Of(z.Select(v => new LevelAssignment(v, random.Next(model.Variables[v].Cardinality))));
            var joint = engine.Query([x, y], evidence);
            if (joint.Posterior is null)
            {
                return joint.IsEvidenceImpossible;
            }

            var px = engine.Query(x, evidence).Posterior!;
            var py = engine.Query(y, evidence).Posterior!;
            for (var a = 0; a < model.Variables[x].Cardinality; a++)
            {
                for (var b = 0; b < model.Variables[y].Cardinality; b++)
                {
                    if (Math.Abs(joint.Posterior.Probability([a, b]) - (px.Values[a] * py.Values[b])) > 1e-12)
                    {
                        return false;
                    }
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }
}
