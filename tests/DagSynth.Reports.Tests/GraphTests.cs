using DagSynth.IO;
using DagSynth.Models;
using DagSynth.Reports.Graphs;
using DagSynth.Testing;

namespace DagSynth.Reports.Tests;

/// <summary>The DAG drawn: layout properties on real networks, and the SVG, DOT and Mermaid text pinned.</summary>
public sealed class GraphTests
{
    public static TheoryData<string, GraphDirection> Networks()
    {
        var data = new TheoryData<string, GraphDirection>();
        foreach (var direction in new[] { GraphDirection.LeftToRight, GraphDirection.TopToBottom })
        {
            foreach (var name in new[] { "asia.yaml", "cvd-risk.yaml", "hospital.yaml", "maternal.yaml", "diabetes.yaml" })
            {
                data.Add(RepositoryPaths.InRepository("examples", name), direction);
            }

            data.Add(RepositoryPaths.InRepository("tests", "DagSynth.Reports.Tests", "Models", "forty.yaml"), direction);
        }

        return data;
    }

    [Theory]
    [Trait("Category", "Property")]
    [MemberData(nameof(Networks))]
    public void Should_PlaceCausesBeforeEffectsWithoutOverlaps_When_ANetworkIsLaidOut(string path, GraphDirection direction)
    {
        // Given
        var model = Load(path);

        // When
        var layout = DagLayout.Compute(model, direction);

        // Then: every arrow runs forward, no two nodes overlap, everything is inside the drawing
        foreach (var v in model.Variables)
        {
            foreach (var p in v.Parents)
            {
                var (parent, child) = (layout.Nodes[p], layout.Nodes[v.Index]);
                var forward = direction == GraphDirection.LeftToRight
                    ? parent.X + (parent.Width / 2) < child.X - (child.Width / 2)
                    : parent.Y + (parent.Height / 2) < child.Y - (child.Height / 2);
                Assert.True(forward, $"{model.Variables[p].Name} -> {v.Name} does not run forward");
            }
        }

        foreach (var a in layout.Nodes)
        {
            Assert.InRange(a.X - (a.Width / 2), 0, layout.Width);
            Assert.InRange(a.X + (a.Width / 2), 0, layout.Width);
            Assert.InRange(a.Y - (a.Height / 2), 0, layout.Height);
            Assert.InRange(a.Y + (a.Height / 2), 0, layout.Height);
            foreach (var b in layout.Nodes.Where(b => b.Variable > a.Variable))
            {
                var apart = Math.Abs(a.X - b.X) >= (a.Width + b.Width) / 2 || Math.Abs(a.Y - b.Y) >= (a.Height + b.Height) / 2;
                Assert.True(apart, $"{model.Variables[a.Variable].Name} overlaps {model.Variables[b.Variable].Name}");
            }
        }

        Assert.Equal(model.EdgeCount, layout.Edges.Length);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_DrawTheSameBytes_When_DrawnTwice()
    {
        var model = Load(RepositoryPaths.InRepository("tests", "DagSynth.Reports.Tests", "Models", "forty.yaml"));
        Assert.Equal(DagGraph.Write(model, GraphFormat.Svg, new GraphOptions()), DagGraph.Write(model, GraphFormat.Svg, new GraphOptions()));
    }

    [Theory]
    [Trait("Category", "Golden")]
    [InlineData("asia.yaml", GraphFormat.Svg, "asia.svg")]
    [InlineData("asia.yaml", GraphFormat.Dot, "asia.dot")]
    [InlineData("asia.yaml", GraphFormat.Mermaid, "asia.mmd")]
    [InlineData("cvd-risk.yaml", GraphFormat.Svg, "cvd-risk.svg")]
    [InlineData("cvd-risk.yaml", GraphFormat.Mermaid, "cvd-risk.mmd")]
    public void Should_KeepTheDrawing_When_AnExampleIsDrawn(string example, GraphFormat format, string golden)
    {
        var model = Load(RepositoryPaths.InRepository("examples", example));
        var text = DagGraph.Write(model, format, new GraphOptions { EdgeLabels = example == "asia.yaml" });
        Golden.Verify($"graphs/{golden}", text);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("dag.svg", GraphFormat.Svg)]
    [InlineData("dag.DOT", GraphFormat.Dot)]
    [InlineData("dag.gv", GraphFormat.Dot)]
    [InlineData("dag.mmd", GraphFormat.Mermaid)]
    [InlineData("dag.mermaid", GraphFormat.Mermaid)]
    public void Should_ChooseTheFormat_When_GivenAnExtension(string path, GraphFormat expected)
    {
        Assert.Equal(expected, GraphFormats.FromPath(path).Format);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_ExplainTheKnownExtensions_When_OneIsUnknown()
    {
        var (format, problem) = GraphFormats.FromPath("dag.png");
        Assert.Null(format);
        Assert.Contains(".svg", problem!.Value.Hint, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_EscapeNamesInEveryFormat_When_NamesHoldQuotesAndBrackets()
    {
        var model = ModelFile.ReadYaml(
            new StringReader("""
                dagsynth: 1
                variables:
                  "a \"b\" <c>":
                    levels: [x, y]
                    probs: [0.5, 0.5]
                  "d|e#f":
                    type: boolean
                    given: ["a \"b\" <c>"]
                    table:
                      - default: [0.5, 0.5]
                """),
            "escape.yaml").Model!;
        Assert.Contains("\"a \\\"b\\\" <c>\" -> \"d|e#f\"", DagGraph.Write(model, GraphFormat.Dot, new GraphOptions()), StringComparison.Ordinal);
        var mermaid = DagGraph.Write(model, GraphFormat.Mermaid, new GraphOptions());
        Assert.Contains("a #quot;b#quot; #lt;c#gt;", mermaid, StringComparison.Ordinal);
        Assert.Contains("d#124;e#35;f", mermaid, StringComparison.Ordinal);
        var svg = DagGraph.Write(model, GraphFormat.Svg, new GraphOptions());
        Assert.Contains("a &quot;b&quot; &lt;c&gt;", svg, StringComparison.Ordinal);
        System.Xml.Linq.XDocument.Parse(svg);
    }

    private static Model Load(string path)
    {
        var result = ModelFile.Read(path);
        Assert.True(result.Model is not null, string.Join('\n', result.Diagnostics));
        return result.Model;
    }
}
