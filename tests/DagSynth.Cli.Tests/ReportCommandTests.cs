using System.Text.RegularExpressions;
using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

/// <summary><c>dagsynth report</c> and <c>dagsynth graph</c>: outputs, exit codes, safety.</summary>
[Trait("Category", "Cli")]
public sealed partial class ReportCommandTests
{
    private static string Example(string name) => RepositoryPaths.InRepository("examples", name);

    [Fact]
    public void Should_WriteASelfContainedReport_When_AskedForOne()
    {
        using var directory = new TempDirectory();
        var output = directory.File("asia.html");

        var run = CliRunner.Run("report", Example("asia.yaml"), "--rows", "2000", "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^wrote .*asia\.html: 2,000 rows, \d+ of \d+ checks outside their 95% interval \(about [\d.]+ expected by chance\), every rule kept\n$", run.Error);
        var html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>asia</h1>", html, StringComparison.Ordinal);
        Assert.Contains("2,000 rows generated from asia.yaml with seed 42", html, StringComparison.Ordinal);
        Assert.Equal(["asia.html"], directory.Entries());
    }

    [Fact]
    public void Should_WriteTheSameReport_When_RunTwiceWithTheSameSeed()
    {
        using var directory = new TempDirectory();
        var (a, b) = (directory.File("a.html"), directory.File("b.html"));
        Assert.Equal(0, CliRunner.Run("report", Example("cvd-risk.yaml"), "-n", "1500", "--simulate-rows", "20000", "-o", a, "-t", "1").ExitCode);
        Assert.Equal(0, CliRunner.Run("report", Example("cvd-risk.yaml"), "-n", "1500", "--simulate-rows", "20000", "-o", b, "-t", "2").ExitCode);
        string Normalise(string path) => MadePattern().Replace(File.ReadAllText(path).Replace(path, "OUT", StringComparison.Ordinal), "TIME");
        Assert.Equal(Normalise(a), Normalise(b).Replace("-t 2", "-t 1", StringComparison.Ordinal).Replace("b.html", "a.html", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_CompareAFile_When_GivenData()
    {
        using var directory = new TempDirectory();
        var data = directory.File("asia.csv");
        Assert.Equal(0, CliRunner.Run("generate", Example("asia.yaml"), "--rows", "3000", "--out", data, "--quiet").ExitCode);

        var run = CliRunner.Run("report", Example("asia.yaml"), "--data", data, "--out", directory.File("r.html"), "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var html = File.ReadAllText(directory.File("r.html"));
        Assert.Contains("3,000 rows read from asia.csv", html, StringComparison.Ordinal);
        Assert.Contains("data SHA-256", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ExitWithOne_When_TheDataDoNotFitTheModel()
    {
        using var directory = new TempDirectory();
        var data = directory.Write("bad.csv", "asia,tub\nno,no\n");

        var run = CliRunner.Run("report", Example("asia.yaml"), "--data", data, "--out", directory.File("r.html"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error DS0802: the data has no column for 'smoke'", run.Error, StringComparison.Ordinal);
        Assert.Equal(["bad.csv"], directory.Entries());
    }

    [Fact]
    public void Should_RefuseToOverwrite_When_ForceIsNotGiven()
    {
        using var directory = new TempDirectory();
        var output = directory.Write("r.html", "keep me");

        var run = CliRunner.Run("report", Example("asia.yaml"), "--out", output);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("DS0902", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(output));
        Assert.Equal(0, CliRunner.Run("report", Example("asia.yaml"), "-n", "100", "--out", output, "--force", "-q").ExitCode);
        Assert.NotEqual("keep me", File.ReadAllText(output));
    }

    [Theory]
    [InlineData("--out", "r.txt")]
    [InlineData("--rows", "0", "--out", "r.html")]
    [InlineData("--data", "x.csv", "--rows", "10", "--out", "r.html")]
    public void Should_ExitWithTwo_When_TheCommandLineIsWrong(params string[] options)
    {
        using var directory = new TempDirectory();
        var args = options.Select(o => o.EndsWith(".html", StringComparison.Ordinal) || o.EndsWith(".txt", StringComparison.Ordinal) ? directory.File(o) : o);
        var run = CliRunner.Run(["report", Example("asia.yaml"), .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(directory.Entries());
    }

    [Fact]
    public void Should_ExitWithTwo_When_OutIsMissing()
    {
        Assert.Equal(2, CliRunner.Run("report", Example("asia.yaml")).ExitCode);
        Assert.Equal(2, CliRunner.Run("graph", Example("asia.yaml")).ExitCode);
    }

    [Theory]
    [InlineData("dag.svg", "<svg xmlns=")]
    [InlineData("dag.dot", "digraph \"asia\" {")]
    [InlineData("dag.mmd", "flowchart LR")]
    public void Should_WriteTheGraphInTheFormatOfTheExtension_When_Drawing(string file, string expected)
    {
        using var directory = new TempDirectory();
        var run = CliRunner.Run("graph", Example("asia.yaml"), "--out", directory.File(file));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, File.ReadAllText(directory.File(file)), StringComparison.Ordinal);
        Assert.Contains("wrote the DAG of asia (8 variables, 8 arrows)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_DrawTopToBottomWithLabels_When_Asked()
    {
        using var directory = new TempDirectory();
        var run = CliRunner.Run("graph", Example("asia.yaml"), "--out", directory.File("a.dot"), "--direction", "tb", "--edge-labels", "-q");
        Assert.Equal(0, run.ExitCode);
        var dot = File.ReadAllText(directory.File("a.dot"));
        Assert.Contains("rankdir=TB;", dot, StringComparison.Ordinal);
        Assert.Contains("\"lung\" -> \"either\" [label=\"1.00\"];", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ExitWithTwo_When_TheGraphFormatIsUnknown()
    {
        using var directory = new TempDirectory();
        var run = CliRunner.Run("graph", Example("asia.yaml"), "--out", directory.File("a.png"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'.png' is not a graph format DagSynth writes", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("graph", Example("asia.yaml"), "--out", directory.File("a.svg"), "--direction", "up").ExitCode);
        Assert.Empty(directory.Entries());
    }

    [Fact]
    public void Should_ExitWithOne_When_TheModelIsInvalid()
    {
        using var directory = new TempDirectory();
        var model = directory.Write("bad.yaml", "dagsynth: 1\nvariables:\n  a:\n    levels: [x]\n    probs: [0.5]\n");
        Assert.Equal(1, CliRunner.Run("graph", model, "--out", directory.File("a.svg")).ExitCode);
        Assert.Equal(1, CliRunner.Run("report", model, "--out", directory.File("a.html")).ExitCode);
        Assert.Equal(["bad.yaml"], directory.Entries());
    }

    [Fact]
    public void Should_ShowEveryPublishedTargetMet_When_CvdRiskIsReported()
    {
        // Given cvd-risk, which calibrates to its 8 published targets first
        using var directory = new TempDirectory();
        var output = directory.File("cvd.html");

        // When
        var run = CliRunner.Run("report", Example("cvd-risk.yaml"), "-n", "2000", "--simulate-rows", "20000", "-o", output, "-t", "1");

        // Then: the summary says so, and the targets section has 8 rows, each met by the model
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("calibrating 8 free parameters to 8 targets first", run.Error, StringComparison.Ordinal);
        Assert.EndsWith(", every rule kept, 8 of 8 calibration targets met\n", run.Error, StringComparison.Ordinal);
        var html = File.ReadAllText(output);
        var start = html.IndexOf("<section id=\"targets\"", StringComparison.Ordinal);
        var section = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Equal(8, Regex.Count(section, "<tr><th scope=\"row\""));
        Assert.Equal(8, Regex.Count(section, "<span class=\"badge ok\">met</span>"));
        Assert.Contains("crude in data; causal target checked on the model", section, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC")]
    private static partial Regex MadePattern();
}
