using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class QueryParserTests
{
    private static readonly Model Asia = TestModels.Asia();

    [Fact]
    public void Should_BindTargetAndEvidence_When_QueryIsAPosterior()
    {
        // When
        var (query, diagnostics) = QueryParser.Parse("P(lung | smoke=yes, xray = no)", Asia);

        // Then
        Assert.Empty(diagnostics);
        Assert.Equal([Asia.IndexOf("lung")], query!.Targets);
        Assert.False(query.IsEvent);
        Assert.Equal(Evidence.Of(new LevelAssignment(Asia.IndexOf("smoke"), 0), new LevelAssignment(Asia.IndexOf("xray"), 1)), query.Evidence);
        Assert.Empty(query.Interventions);
    }

    [Theory]
    [InlineData("P(lung, bronc | dysp=yes)", 2, false, 1, 0)]
    [InlineData("p( lung )", 1, false, 0, 0)]
    [InlineData("lung | smoke=no", 1, false, 1, 0)]
    [InlineData("P(lung=yes, smoke=no)", 2, true, 0, 0)]
    [InlineData("P(dysp | do(smoke=yes), asia=no)", 1, false, 1, 1)]
    [InlineData("P(dysp | do(smoke=yes, asia = no))", 1, false, 0, 2)]
    [InlineData("P('lung' | \"smoke\"='yes')", 1, false, 1, 0)]
    public void Should_AcceptEveryForm_When_QueryIsWellFormed(string text, int targets, bool isEvent, int evidence, int interventions)
    {
        // When
        var (query, diagnostics) = QueryParser.Parse(text, Asia);

        // Then
        Assert.Empty(diagnostics);
        Assert.Equal(targets, query!.Targets.Length);
        Assert.Equal(isEvent, query.IsEvent);
        Assert.Equal(evidence, query.Evidence.Count);
        Assert.Equal(interventions, query.Interventions.Length);
    }

    [Fact]
    public void Should_ReadLevelsWithSymbols_When_LevelsAreBare()
    {
        // Given: levels like child's "<5", ">=7.5" and "0-3_days"
        string[] o2 = ["<5", "5-12", "12+"];
        string[] co2 = ["<7.5", ">=7.5"];
        var model = new SpecBuilder().Root("O2", o2, 0.2, 0.3, 0.5).Root("CO2 report", co2, 0.4, 0.6).BuildModel();

        // When
        var (query, diagnostics) = QueryParser.Parse("P(O2 | 'CO2 report'=>=7.5)", model);
        var (second, _) = QueryParser.Parse("P(O2=12+)", model);

        // Then
        Assert.Empty(diagnostics);
        Assert.Equal(1, query!.Evidence.Assignments[0].Level);
        Assert.Equal([2], second!.EventLevels);
    }

    [Theory]
    [InlineData("", 1, DiagnosticCodes.QuerySyntax, "the query is empty")]
    [InlineData("P(lung | smoke)", 10, DiagnosticCodes.QuerySyntax, "'smoke' needs a level here")]
    [InlineData("P(lung | smoke=yes", 19, DiagnosticCodes.QuerySyntax, "the query ends before its closing ')'")]
    [InlineData("P(lung) extra", 9, DiagnosticCodes.QuerySyntax, "unexpected 'e'")]
    [InlineData("P(lng | smoke=yes)", 3, DiagnosticCodes.QueryUnknownVariable, "'lng' is not a variable of the model")]
    [InlineData("P(lung | smoke=maybe)", 16, DiagnosticCodes.QueryUnknownLevel, "'maybe' is not a level of 'smoke' (levels: yes, no)")]
    [InlineData("P(lung | lung=yes)", 10, DiagnosticCodes.QueryConflict, "'lung' is both a target and observed")]
    [InlineData("P(lung | smoke=yes, smoke=no)", 21, DiagnosticCodes.QueryConflict, "'smoke' is observed twice")]
    [InlineData("P(lung=yes, bronc)", 13, DiagnosticCodes.QuerySyntax, "'bronc' has no level, but other targets do")]
    [InlineData("P(lung | 'smoke=yes)", 10, DiagnosticCodes.QuerySyntax, "has no closing '")]
    public void Should_ReportTheColumn_When_QueryIsWrong(string text, int column, string code, string message)
    {
        // When
        var (query, diagnostics) = QueryParser.Parse(text, Asia);

        // Then
        Assert.Null(query);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(new SourceSpan("query", 1, column), diagnostic.Location);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_SuggestTheClosestName_When_VariableIsMisspelt()
    {
        var (_, diagnostics) = QueryParser.Parse("P(lugn)", Asia);
        Assert.Equal("did you mean 'lung'?", Assert.Single(diagnostics).Hint);
    }

    [Theory]
    [InlineData("tub _||_ lung", 1, 1, 0)]
    [InlineData("tub, asia _||_ lung | smoke", 2, 1, 1)]
    [InlineData("xray ⊥ dysp | either, bronc", 1, 1, 2)]
    public void Should_ParseIndependence_When_StatementIsWellFormed(string text, int left, int right, int given)
    {
        var (query, diagnostics) = QueryParser.ParseIndependence(text, Asia);
        Assert.Empty(diagnostics);
        Assert.Equal((left, right, given), (query!.Left.Length, query.Right.Length, query.Given.Length));
    }

    [Fact]
    public void Should_ReportProblem_When_IndependenceHasNoSeparator()
    {
        var (query, diagnostics) = QueryParser.ParseIndependence("tub lung", Asia);
        Assert.Null(query);
        Assert.Equal(new SourceSpan("dsep", 1, 5), Assert.Single(diagnostics).Location);
    }
}
