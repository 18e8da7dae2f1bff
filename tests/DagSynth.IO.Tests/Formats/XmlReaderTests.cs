using DagSynth.Diagnostics;
using DagSynth.IO.Formats;
using static DagSynth.IO.Tests.Formats.TextModels;

namespace DagSynth.IO.Tests.Formats;

[Trait("Category", "Unit")]
public sealed class XmlReaderTests
{
    private const string Xdsl = """
        <?xml version="1.0" encoding="UTF-8"?>
        <smile version="1.0" id="net">
          <nodes>
            <cpt id="A"><state id="a0" /><state id="a1" /><probabilities>0.3 0.7</probabilities></cpt>
            <deterministic id="D"><state id="no" /><state id="yes" /><parents>A</parents><resultingstates>yes no</resultingstates></deterministic>
          </nodes>
          <extensions><genie version="1.0" name="x"><node id="A"><name>Alpha &amp; co</name></node></genie></extensions>
        </smile>
        """;

    [Fact]
    public void Should_ReadDeterministicNodesAndLabels_When_ReadingXdsl()
    {
        // When
        var model = Load(Xdsl, ModelFormat.Xdsl);

        // Then
        Assert.Equal([0.0, 1.0, 1.0, 0.0], Values(model, "D"));
        Assert.Equal("Alpha & co", model["A"].Label);
        Assert.Null(model["D"].Label);
    }

    [Theory]
    [InlineData("<resultingstates>yes no</resultingstates>", "<resultingstates>yes maybe</resultingstates>", DiagnosticCodes.UnknownLevel)]
    [InlineData("<resultingstates>yes no</resultingstates>", "<resultingstates>yes</resultingstates>", DiagnosticCodes.RowLength)]
    [InlineData("<cpt id=\"A\">", "<equation id=\"E\"><state id=\"x\" /></equation><cpt id=\"A\">", DiagnosticCodes.UnsupportedConstruct)]
    [InlineData("<parents>A</parents>", "<parents>Z</parents>", DiagnosticCodes.UnknownParent)]
    [InlineData("<smile version", "<smiles version", DiagnosticCodes.FormatSyntax)]
    public void Should_ReportTheProblem_When_AnXdslNodeIsWrong(string replace, string with, string code)
    {
        // Given
        var text = Xdsl.Replace(replace, with, StringComparison.Ordinal).Replace("</smile>", replace == "<smile version" ? "</smiles>" : "</smile>", StringComparison.Ordinal);

        // When
        var result = Read(text, ModelFormat.Xdsl);

        // Then
        Assert.Null(result.Model);
        Assert.Contains(result.Errors, d => d.Code == code);
    }

    [Theory]
    [InlineData("<DEFINITION><FOR>A</FOR><TABLE>0.3 0.7</TABLE></DEFINITION>", DiagnosticCodes.DuplicateTable)]
    [InlineData("<PROBABILITY><FOR>A</FOR><TABLE>0.3 0.7</TABLE></PROBABILITY>", DiagnosticCodes.UnsupportedConstruct)]
    [InlineData("<DEFINITION><FOR>Z</FOR><TABLE>1</TABLE></DEFINITION>", DiagnosticCodes.UndeclaredVariable)]
    [InlineData("<DEFINITION><FOR>A</FOR></DEFINITION>", DiagnosticCodes.FormatSyntax)]
    public void Should_ReportTheProblem_When_AnXmlBifNetworkIsWrong(string extra, string code)
    {
        // Given
        var text = $"""
            <?xml version="1.0"?>
            <BIF VERSION="0.3"><NETWORK><NAME>n</NAME>
            <VARIABLE TYPE="nature"><NAME>A</NAME><OUTCOME>a0</OUTCOME><OUTCOME>a1</OUTCOME></VARIABLE>
            <DEFINITION><FOR>A</FOR><TABLE>0.3 0.7</TABLE></DEFINITION>
            {extra}
            </NETWORK></BIF>
            """;

        // When
        var result = Read(text, ModelFormat.XmlBif);

        // Then
        Assert.Null(result.Model);
        Assert.Contains(result.Errors, d => d.Code == code && d.Location.Line == 5);
    }

    [Fact]
    public void Should_ReadLowerCaseTags_When_AWriterUsesThem()
    {
        // Given
        const string Text = "<?xml version=\"1.0\"?>\n<bif version=\"0.3\"><network><name>n</name><variable type=\"nature\"><name>A</name><outcome>a0</outcome><outcome>a1</outcome></variable>"
            + "<definition><for>A</for><table>0.3 0.7</table></definition></network></bif>";

        // When
        var model = Load(Text, ModelFormat.XmlBif);

        // Then
        Assert.Equal([0.3, 0.7], Values(model, "A"));
    }
}
