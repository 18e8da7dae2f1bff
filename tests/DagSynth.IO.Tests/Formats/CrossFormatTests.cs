using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.IO.Tests.Formats;

/// <summary>The same network in several formats loads to the same tables (SOURCES.md's cross-format checks).</summary>
[Trait("Category", "Unit")]
public sealed class CrossFormatTests
{
    public static TheoryData<string> SameNetworks() =>
    [
        "networks/bif/asia.bif | networks/net/asia.net | networks/dsc/asia.dsc",
        "networks/bif/cancer.bif | networks/net/cancer.net | networks/dsc/cancer.dsc",
        "networks/bif/earthquake.bif | networks/net/earthquake.net | networks/dsc/earthquake.dsc",
        "networks/bif/sachs.bif | networks/net/sachs.net | networks/dsc/sachs.dsc",
        "networks/bif/survey.bif | networks/net/survey.net | networks/dsc/survey.dsc | networks/bif/agrum-survey.bif",
        "networks/bif/child.bif | networks/dsc/child.dsc",
        "networks/bif/insurance.bif | networks/dsc/insurance.dsc | networks/bif/agrum-insurance.bif",
        "networks/bif/alarm.bif | networks/net/agrum-alarm.net | networks/bif/agrum-alarm.bif",
        "networks/bif/bnlearn-written-asia-fitted.bif | networks/net/bnlearn-written-asia-fitted.net | networks/dsc/bnlearn-written-asia-fitted.dsc",
        "networks/bif/bnlearn-written-insurance-fitted.bif | networks/net/bnlearn-written-insurance-fitted.net | networks/dsc/bnlearn-written-insurance-fitted.dsc",
        "networks/bif/bnlearn-written-learning.test-fitted.bif | networks/net/bnlearn-written-learning.test-fitted.net | networks/dsc/bnlearn-written-learning.test-fitted.dsc",
        "networks/bif/bnlearn-written-lizards-fitted.bif | networks/net/bnlearn-written-lizards-fitted.net | networks/dsc/bnlearn-written-lizards-fitted.dsc",
        "networks/bif/javabayes-alarm.bif | networks/xmlbif/javabayes-alarm.xmlbif03.xml",
        "networks/bif/javabayes-asia.bif | networks/xmlbif/javabayes-asia.xmlbif03.xml",
        "networks/bif/javabayes-cancer.bif | networks/xmlbif/javabayes-cancer.xmlbif03.xml",
        "networks/bif/javabayes-car-starts.bif | networks/xmlbif/javabayes-car-starts.xmlbif03.xml",
        "networks/bif/javabayes-dog-problem.bif | networks/xmlbif/javabayes-dog-problem.xmlbif03.xml",
        "networks/bif/javabayes-elimbel2.bif | networks/xmlbif/javabayes-elimbel2.xmlbif03.xml",
        "networks/bif/javabayes-john-mary-call.bif | networks/xmlbif/javabayes-john-mary-call.xmlbif03.xml",
    ];

    [Theory]
    [MemberData(nameof(SameNetworks))]
    public void Should_LoadToTheSameTables_When_TheSameNetworkIsInSeveralFormats(string sameNetwork)
    {
        // Given
        var corpus = RepositoryPaths.CorpusOrSkip();
        var files = sameNetwork.Split(" | ");

        // When
        var models = files.Select(f => Load(Path.Combine(corpus, f))).ToList();

        // Then (the files print 4 to 9 digits, hence SOURCES.md's tolerance)
        foreach (var other in models.Skip(1))
        {
            ModelAssert.Equivalent(models[0], other, 1e-6);
        }
    }

    [Fact]
    public void Should_LoadToIdenticalCanonicalTables_When_TheEdgeCaseModelIsInFiveSyntaxes()
    {
        // Given: P(C | A, B) written child-slowest (BIF table), child-fastest (NET, UAI, XDSL) and keyed by index (DSC)
        var corpus = RepositoryPaths.CorpusOrSkip();
        string Edge(string f) => Path.Combine(corpus, "edge-cases", f);

        // When
        var bif = Load(Edge("bif/valid/02-table-two-parents-child-slowest.bif"));
        var net = Load(Edge("net/valid/02-flat-data-two-parents.net"));
        var dsc = Load(Edge("dsc/valid/01-index-rows-scrambled.dsc"));
        var uai = Load(Edge("uai/valid/01-child-last.uai"));
        var xdsl = Load(Edge("xdsl/valid/01-deterministic-and-cpt.xdsl"));

        // Then
        double[] Table(Model m, string name) => ModelAssert.Table(m[name]).Values.ToArray();
        var expected = Table(bif, "C");
        Assert.Equal(expected, Table(net, "C"));
        Assert.Equal(expected, Table(dsc, "C"));
        Assert.Equal(expected, Table(uai, "v2"));
        Assert.Equal(expected, Table(xdsl, "C"));
        ModelAssert.Identical(bif, net);
        ModelAssert.Identical(bif, dsc);
        ModelAssert.SameTablesByPosition(bif, uai);
    }

    private static Model Load(string path)
    {
        var result = ModelFile.Read(path);
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }
}
