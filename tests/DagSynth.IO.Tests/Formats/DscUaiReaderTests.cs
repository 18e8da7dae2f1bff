using DagSynth.Diagnostics;
using DagSynth.IO.Formats;
using static DagSynth.IO.Tests.Formats.TextModels;

namespace DagSynth.IO.Tests.Formats;

[Trait("Category", "Unit")]
public sealed class DscUaiReaderTests
{
    private const string DscHead = "belief network \"n\"\nnode A {\n  type : discrete [ 2 ] = { \"a0\", \"a1\" };\n  name : \"The A\";\n  position : (10, 20);\n}\nnode B {\n  type : discrete [ 2 ] = { \"b0\", \"b1\" };\n}\nprobability ( A ) {\n   0.3, 0.7;\n}\n";

    [Fact]
    public void Should_ReadRowsByIndex_When_RowsComeInAnyOrder()
    {
        // Given
        var text = DscHead + "probability ( B | A ) {\n  (1) : 0.6, 0.4;\n  (0) : 0.2, 0.8;\n}\n";

        // When
        var model = Load(text, ModelFormat.Dsc);

        // Then
        Assert.Equal([0.2, 0.8, 0.6, 0.4], Values(model, "B"));
    }

    [Fact]
    public void Should_ReadRowsInFileOrderWithAWarning_When_GenieKeysEveryRowWithZeros()
    {
        // Given
        var text = DscHead.Replace("node B {", "node C {\n  type : discrete [ 2 ] = { \"c0\", \"c1\" };\n}\nnode B {", StringComparison.Ordinal)
            + "probability ( C ) { 0.5, 0.5; }\nprobability ( B | A, C ) {\n  (0, 0) : 0.1, 0.9;\n  (0, 0) : 0.2, 0.8;\n  (0, 0) : 0.3, 0.7;\n  (0, 0) : 0.4, 0.6;\n}\n";

        // When
        var result = Read(text, ModelFormat.Dsc);

        // Then: positional, last parent fastest
        Assert.NotNull(result.Model);
        Assert.Equal([0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6], Values(result.Model!, "B"));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.LenientInput, warning.Code);
    }

    [Fact]
    public void Should_ReportTheIndex_When_ARowIndexIsOutOfRange()
    {
        // Given
        var text = DscHead + "probability ( B | A ) {\n  (0) : 0.2, 0.8;\n  (2) : 0.6, 0.4;\n}\n";

        // When
        var result = Read(text, ModelFormat.Dsc);

        // Then
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.UnknownLevel, error.Code);
        Assert.Equal(15, error.Location.Line);
        Assert.Contains("index 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ReadTheSameModel_When_UaiLineBreaksMoveAround()
    {
        // Given: line breaks carry no meaning in UAI
        const string Lines = "BAYES\n2\n2 2\n2\n1 0\n2 0 1\n\n2\n 0.3 0.7\n4\n 0.1 0.9\n 0.6 0.4\n";
        var oneLine = Lines.Replace('\n', ' ');

        // When
        var a = Load(Lines, ModelFormat.Uai);
        var b = Load(oneLine.TrimEnd(), ModelFormat.Uai);

        // Then
        Assert.Equal(Values(a, "v1"), Values(b, "v1"));
        Assert.Equal(["v0"], b.Variables[1].Parents.Select(p => b.Variables[p].Name));
    }

    [Theory]
    [InlineData("BAYES\n2\n2 2\n2\n1 0\n2 0 1\n\n2\n 0.3 0.7\n4\n 0.1 0.9\n 0.6 0.4\n 9\n", DiagnosticCodes.FormatSyntax, 13)]
    [InlineData("BAYES\n2\n2 2\n2\n1 0\n2 0 5\n", DiagnosticCodes.FormatSyntax, 6)]
    [InlineData("BAYES\n2\n2 2\n2\n1 0\n2 0 1\n\n2\n 0.3 0.7\n4\n 0.1 0.9\n", DiagnosticCodes.FormatSyntax, 11)]
    [InlineData("MARKOV\n1\n2\n1\n1 0\n2\n 1 1\n", DiagnosticCodes.UnsupportedConstruct, 1)]
    [InlineData("BAYES\n2\n2 2\n2\n1 0\n2 0 1\n\n2\n 0.3 0.7\n4\n 0.1 0.9\n 0.6 0.3\n", DiagnosticCodes.RowSum, 12)]
    public void Should_ReportTheLine_When_AUaiFileIsWrong(string text, string code, int line)
    {
        // When
        var result = Read(text, ModelFormat.Uai);

        // Then
        Assert.Null(result.Model);
        Assert.Contains(result.Errors, d => d.Code == code && d.Location.Line == line);
    }
}
