using DagSynth.Diagnostics;
using DagSynth.IO.Formats;
using static DagSynth.IO.Tests.Formats.TextModels;

namespace DagSynth.IO.Tests.Formats;

[Trait("Category", "Unit")]
public sealed class NetReaderTests
{
    [Fact]
    public void Should_ReadUnquotedStatesAndEmptyParentLists_When_WrittenLikeAGrumOrGenie()
    {
        // Given
        var text = "net\r\n{\r\n  node_size = (50 50);\r\n}\r\nnode A { states = (0 1 ); label = \"The A\"; }\r\nnode B { states = (\"x y\" \"z\"); }\r\n"
            + "potential (A |) { data = (0.4 0.6); }\r\npotential (B | A)\r\n{\r\n data\r\n = ((0.1 0.9)   % A=0\r\n   (0.7 0.3)); % A=1\r\n}";

        // When
        var model = Load(text, ModelFormat.Net);

        // Then
        Assert.Equal(["0", "1"], model["A"].Levels);
        Assert.Equal("The A", model["A"].Label);
        Assert.Equal(["x y", "z"], model["B"].Levels);
        Assert.Equal([0.1, 0.9, 0.7, 0.3], Values(model, "B"));
    }

    [Fact]
    public void Should_NormaliseWithOneWarning_When_TablesHoldPercentages()
    {
        // Given
        var text = "net { }\nnode A { states = (\"a\" \"b\"); }\nnode B { states = (\"x\" \"y\"); }\npotential (A) { data = (10 90); }\npotential (B | A) { data = ((20 80) (50 50)); }\n";

        // When
        var result = Read(text, ModelFormat.Net);

        // Then
        Assert.NotNull(result.Model);
        Assert.Equal([0.1, 0.9], Values(result.Model!, "A"));
        Assert.Equal([0.2, 0.8, 0.5, 0.5], Values(result.Model!, "B"));
        Assert.Equal(2, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.Renormalized, d.Code));
        Assert.Contains("2 rows of 'B'", result.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decision D { states = (\"a\" \"b\"); }", DiagnosticCodes.UnsupportedConstruct, 3)]
    [InlineData("utility U { }", DiagnosticCodes.UnsupportedConstruct, 3)]
    [InlineData("continuous node C { }", DiagnosticCodes.ContinuousNotSupported, 3)]
    [InlineData("node C { states = (\"c0\" \"c1\"); }\npotential (A C) { data = (1 0 0 1); }", DiagnosticCodes.UnsupportedConstruct, 4)]
    [InlineData("node C { states = (\"c0\" \"c1\"); }\npotential (C) { experience = (1); }", DiagnosticCodes.FormatSyntax, 4)]
    [InlineData("potential (A) { data = (0.5 0.5); }", DiagnosticCodes.DuplicateTable, 3)]
    [InlineData("node C { states = (\"c0\" \"c1\"); }\npotential (C) { data = normal(0, 1); }", DiagnosticCodes.ContinuousNotSupported, 4)]
    [InlineData("node C { states = (\"c0\" \"c1\"); }\npotential (C) { data = (0.5 0.5) }", DiagnosticCodes.FormatSyntax, 4)]
    public void Should_RefuseClearly_When_TheNetworkIsNotADiscreteBayesianNetwork(string extra, string code, int line)
    {
        // Given
        var text = "node A { states = (\"a\" \"b\"); }\npotential (A) { data = (0.5 0.5); }\n" + extra + "\n";

        // When
        var result = Read(text, ModelFormat.Net);

        // Then
        Assert.Null(result.Model);
        Assert.Contains(result.Errors, d => d.Code == code && d.Location.Line == line);
    }
}
