using DagSynth.Diagnostics;
using DagSynth.IO.Formats;
using static DagSynth.IO.Tests.Formats.TextModels;

namespace DagSynth.IO.Tests.Formats;

[Trait("Category", "Unit")]
public sealed class BifReaderTests
{
    private const string TwoNodes = """
        network n {
        }
        variable A { type discrete [ 2 ] { a0, a1 }; }
        variable B { type discrete [ 2 ] { b0, b1 }; }
        probability ( A ) { table 0.3, 0.7; }
        probability ( B | A ) {
          (a0) 0.2, 0.8;
          (a1) 0.6, 0.4;
        }
        """;

    [Fact]
    public void Should_ReadTheSameTables_When_LinesEndInCrLfAndTheLastHasNoNewline()
    {
        // Given
        var crlf = TwoNodes.Replace("\n", "\r\n", StringComparison.Ordinal).TrimEnd();

        // When
        var model = Load(crlf, ModelFormat.Bif);

        // Then
        Assert.Equal([0.2, 0.8, 0.6, 0.4], Values(model, "B"));
    }

    [Fact]
    public void Should_OverrideTheDefault_When_RowsComeAfterIt()
    {
        // Given: bif/valid/05 of the edge-case README (default after rows): rows win in any order
        var text = TwoNodes.Replace("(a1) 0.6, 0.4;", "default 0.5 0.5;", StringComparison.Ordinal);

        // When
        var model = Load(text, ModelFormat.Bif);

        // Then
        Assert.Equal([0.2, 0.8, 0.5, 0.5], Values(model, "B"));
    }

    [Fact]
    public void Should_AcceptWithAWarning_When_TextLiesBetweenBlocks()
    {
        // Given
        var text = TwoNodes.Replace("probability ( A )", "some notes a tool left here\nprobability ( A )", StringComparison.Ordinal);

        // When
        var result = Read(text, ModelFormat.Bif);

        // Then
        Assert.NotNull(result.Model);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.LenientInput, warning.Code);
        Assert.Equal(5, warning.Location.Line);
    }

    [Fact]
    public void Should_KeepQuotedText_When_ItLooksLikeACommentOrASeparator()
    {
        // Given
        var text = """
            network "a // b" { property "x; y" ; }
            variable "http://v" { type discrete [ 2 ] { "a, b", "c | d" }; }
            /* variable hidden { type discrete [ 1 ] { x }; } */
            probability ( "http://v" ) { table 0.5 0.5; } // done
            """;

        // When
        var model = Load(text, ModelFormat.Bif);

        // Then
        Assert.Equal("a // b", model.Name);
        Assert.Equal(["a, b", "c | d"], model["http://v"].Levels);
    }

    [Fact]
    public void Should_RefuseNoisyMax_When_ABlockDeclaresFunctionMax()
    {
        // Given: aGrUM exports GeNIe noisy-MAX nodes this way; a one-parent block even looks complete
        var text = TwoNodes.Replace("(a0) 0.2, 0.8;", "property function max;\n  (a0) 0.2, 0.8;", StringComparison.Ordinal);

        // When
        var result = Read(text, ModelFormat.Bif);

        // Then
        Assert.Null(result.Model);
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.UnsupportedConstruct, error.Code);
        Assert.Contains("noisy-MAX", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, error.Location.Line);
    }

    [Theory]
    [InlineData("(a0) 0.2, 0.8;", "(a0) 0.2, 0.8;\n  (a0) 0.3, 0.7;", DiagnosticCodes.AmbiguousConfiguration, 8)]
    [InlineData("(a0) 0.2, 0.8;", "(a0, a1) 0.2, 0.8;", DiagnosticCodes.RowKeyCount, 7)]
    [InlineData("(a0) 0.2, 0.8;", "(a0) 0.2, -0.8;", DiagnosticCodes.BadProbability, 7)]
    [InlineData("(a0) 0.2, 0.8;", "(a0) 0.2, x;", DiagnosticCodes.FormatSyntax, 7)]
    [InlineData("(a0) 0.2, 0.8;", "table 0.2 0.8 0.6 0.4;", DiagnosticCodes.FormatSyntax, 7)]
    [InlineData("type discrete [ 2 ] { b0, b1 };", "type continuous;", DiagnosticCodes.ContinuousNotSupported, 4)]
    [InlineData("probability ( A ) { table 0.3, 0.7; }", "probability ( A ) { table 0.3, 0.7; }\nprobability ( A ) { table 0.3, 0.7; }", DiagnosticCodes.DuplicateTable, 6)]
    [InlineData("probability ( A ) { table 0.3, 0.7; }", "probability ( A ) { table 0.3, 0.7; }\nprobability ( C ) { table 1; }", DiagnosticCodes.UndeclaredVariable, 6)]
    public void Should_ReportTheProblemAtItsLine_When_ABlockIsWrong(string replace, string with, string code, int line)
    {
        // Given
        var text = TwoNodes.Replace(replace, with, StringComparison.Ordinal);

        // When
        var result = Read(text, ModelFormat.Bif);

        // Then
        Assert.Null(result.Model);
        Assert.Contains(result.Errors, d => d.Code == code && d.Location.Line == line);
    }

    [Fact]
    public void Should_ReportEveryProblem_When_AFileHasSeveral()
    {
        // Given: a bad state count, a row that does not sum to 1 and an unknown state
        var text = TwoNodes
            .Replace("variable A { type discrete [ 2 ]", "variable A { type discrete [ 3 ]", StringComparison.Ordinal)
            .Replace("(a0) 0.2, 0.8;", "(a0) 0.2, 0.7;", StringComparison.Ordinal)
            .Replace("(a1) 0.6, 0.4;", "(a2) 0.6, 0.4;", StringComparison.Ordinal);

        // When
        var result = Read(text, ModelFormat.Bif);

        // Then
        Assert.Equal([3, 7, 8], result.Errors.Select(d => d.Location.Line).Order());
        Assert.Contains(result.Errors, d => d.Code == DiagnosticCodes.StateCountMismatch);
        Assert.Contains(result.Errors, d => d.Code == DiagnosticCodes.RowSum);
        Assert.Contains(result.Errors, d => d.Code == DiagnosticCodes.UnknownLevel);
    }

    [Fact]
    public void Should_ReportNotABifFile_When_TheTextHasNoBlock()
    {
        // When
        var result = Read("// only a comment\nhello world\n", ModelFormat.Bif);

        // Then
        Assert.Null(result.Model);
        Assert.Contains(result.Errors, d => d.Message.Contains("not a BIF file", StringComparison.Ordinal));
    }
}
