using System.Text.RegularExpressions;
using DagSynth.IO;
using DagSynth.IO.Csv;
using DagSynth.Reports.Data;
using DagSynth.Sampling;
using DagSynth.Testing;

namespace DagSynth.Reports.Tests;

/// <summary>The HTML report: pinned for every shipped example, reproducible, honest about what it flags.</summary>
public sealed partial class ReportTests
{
    [Theory]
    [Trait("Category", "Golden")]
    [MemberData(nameof(Examples.Names), MemberType = typeof(Examples))]
    public void Should_KeepTheReport_When_AnExampleIsReported(string example)
    {
        // Given a seeded example, 2,000 rows and 20,000 simulated rows
        var request = Examples.Request(example, rows: 2_000, simulationRows: 20_000);

        // When
        var report = HtmlReport.Write(request, TestContext.Current.CancellationToken);

        // Then: byte for byte the committed page (the timestamp is fixed by the request)
        Golden.Verify($"reports/{Path.GetFileNameWithoutExtension(example)}.html", report.Html);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_WriteTheSameBytes_When_TheThreadCountChanges()
    {
        var one = HtmlReport.Write(Examples.Request("cvd-risk.yaml", rows: 3_000, simulationRows: 30_000, threads: 1), TestContext.Current.CancellationToken);
        var two = HtmlReport.Write(Examples.Request("cvd-risk.yaml", rows: 3_000, simulationRows: 30_000, threads: 3), TestContext.Current.CancellationToken);
        Assert.Equal(one.Html, two.Html);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_DifferOnlyInTheTimestamp_When_MadeAtAnotherTime()
    {
        var request = Examples.Request("asia.yaml", rows: 1_000, simulationRows: 0);
        var first = HtmlReport.Write(request, TestContext.Current.CancellationToken).Html;
        var later = HtmlReport.Write(request with { Timestamp = request.Timestamp!.Value.AddDays(3) }, TestContext.Current.CancellationToken).Html;
        Assert.NotEqual(first, later);
        Assert.Equal(TimestampPattern().Replace(first, "TIME"), TimestampPattern().Replace(later, "TIME"));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_NeedNothingFromTheNetwork_When_TheReportIsOpened()
    {
        var html = HtmlReport.Write(Examples.Request("cvd-risk.yaml", rows: 1_000, simulationRows: 10_000), TestContext.Current.CancellationToken).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        foreach (Match m in HrefPattern().Matches(html))
        {
            Assert.StartsWith("#", m.Groups[1].Value, StringComparison.Ordinal);
        }

        foreach (var title in HtmlReport.SectionTitles)
        {
            Assert.Contains($">{System.Net.WebUtility.HtmlEncode(title)}</h2>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_GiveEveryChartATitleAndADescription_When_Written()
    {
        var html = HtmlReport.Write(Examples.Request("cvd-risk.yaml", rows: 1_000, simulationRows: 10_000), TestContext.Current.CancellationToken).Html;
        var charts = SvgPattern().Matches(html);
        Assert.NotEmpty(charts);
        foreach (Match svg in charts)
        {
            Assert.Contains("role=\"img\"", svg.Value, StringComparison.Ordinal);
            Assert.Contains("<title id=", svg.Value, StringComparison.Ordinal);
            Assert.Contains("<desc id=", svg.Value, StringComparison.Ordinal);
        }

        var ids = IdPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    [Trait("Category", "Statistical")]
    public void Should_FlagAboutOneCheckInTwenty_When_TheDataFollowTheModel()
    {
        // Given asia (all exact) and 20 seeds of 5,000 rows: every flag is a chance flag.
        var model = Examples.Load("asia.yaml");
        int checks = 0, flags = 0;
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var (data, _) = GeneratedData.Generate(model, 5_000, seed, 1, TestContext.Current.CancellationToken);
            var result = HtmlReport.Write(new ReportRequest { Model = model, Data = data!, Source = DataSource.FromGeneration(seed), SimulationRows = 0 }, TestContext.Current.CancellationToken);
            checks += result.Checks;
            flags += result.Flags;
        }

        // Then: near 5% (checks are correlated, so the band is wide: 1% to 12%)
        Assert.InRange((double)flags / checks, 0.01, 0.12);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_FlagTheDifferences_When_TheDataComeFromAnotherModel()
    {
        // Given data from asia with smoking at 80% instead of 50%
        var model = Examples.Load("asia.yaml");
        var changed = ModelFile.ReadYaml(new StringReader(File.ReadAllText(RepositoryPaths.InRepository("examples", "asia.yaml")).Replace("probs: [0.5, 0.5]", "probs: [0.8, 0.2]", StringComparison.Ordinal)), "changed.yaml").Model!;
        Assert.Equal(0.8, DagSynth.Inference.InferenceEngine.Create(changed).Marginals().Marginals[changed.IndexOf("smoke")][0], 12);
        var csv = WriteCsv(changed, 20_000, 5);
        var (read, diagnostics) = CsvDatasetReader.Read(csv, model);
        Assert.True(read is not null, string.Join('\n', diagnostics));

        // When
        var result = HtmlReport.Write(new ReportRequest { Model = model, Data = read, Source = DataSource.FromFile("changed.csv", null), SimulationRows = 0 }, TestContext.Current.CancellationToken);

        // Then: smoke, and what it causes, are flagged
        Assert.Contains("smoke = yes: declared 50.0%", result.Html, StringComparison.Ordinal);
        Assert.True(result.Flags >= 4, $"{result.Flags} flags");
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_CountRowsThatBreakARule_When_TheDataWereEdited()
    {
        // Given cvd-risk data written to CSV, then two rows edited to be treated without hypertension
        var model = Examples.Load("cvd-risk.yaml");
        var path = WriteCsv(model, 500, 1);
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var (h, t) = (Array.IndexOf(header, "hypertension"), Array.IndexOf(header, "treated"));
        var edited = 0;
        for (var i = 1; i < lines.Length && edited < 2; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length == header.Length && cells[h] == "false")
            {
                cells[t] = "true";
                lines[i] = string.Join(',', cells);
                edited++;
            }
        }

        File.WriteAllLines(path, lines);

        // When
        var (read, _) = CsvDatasetReader.Read(path, model);
        var result = HtmlReport.Write(new ReportRequest { Model = model, Data = read!, Source = DataSource.FromFile("edited.csv", null), SimulationRows = 2_000 }, TestContext.Current.CancellationToken);

        // Then
        Assert.Equal(1, result.RuleProblems);
        Assert.Contains("rule &#39;BP medication only with hypertension&#39;: 2 rows break it", result.Html, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_ReadBackWhatGenerateWrites_When_TheDataIsCsv()
    {
        // Given cvd-risk (levels, numbers, dates-free, identifiers, fake text) written as generate writes it
        var model = Examples.Load("cvd-risk.yaml");
        var (data, _) = GeneratedData.Generate(model, 700, 3, 2, TestContext.Current.CancellationToken);
        var path = WriteCsv(model, 700, 3);

        // When
        var (read, diagnostics) = CsvDatasetReader.Read(path, model);

        // Then: every cell is the same
        Assert.True(read is not null, string.Join('\n', diagnostics));
        Assert.Equal(data!.Rows, read.Rows);
        foreach (var v in model.Variables)
        {
            if (v.IsDiscrete)
            {
                Assert.Equal(data.Codes(v.Index).ToArray(), read.Codes(v.Index).ToArray());
            }
            else if (v.Kind == Models.VariableKind.Text)
            {
                Assert.Equal(data.Texts(v.Index).ToArray(), read.Texts(v.Index).ToArray());
            }
            else
            {
                Assert.Equal(data.Values(v.Index).ToArray(), read.Values(v.Index).ToArray());
            }
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_ReportEveryBadCellAndMissingColumn_When_TheDataDoNotFitTheModel()
    {
        var model = Examples.Load("asia.yaml");
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "bad.csv");
        File.WriteAllText(path, "asia,tub,smoke,lung,bronc,either,xray,dysp,extra\nno,no,maybe,no,no,no,no,no,1\nno,no,yes,no,no,no,NA,,2\n");
        var (data, diagnostics) = CsvDatasetReader.Read(path, model);
        Assert.Null(data);
        Assert.Contains(diagnostics, d => d.Code == "DS0803" && d.Location.Line == 2 && d.Message.Contains("'maybe' is not a level of 'smoke'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Code == "DS0802" && !d.IsError && d.Message.Contains("'extra'", StringComparison.Ordinal));

        File.WriteAllText(path, "asia,tub\nno,no\n");
        (data, diagnostics) = CsvDatasetReader.Read(path, model);
        Assert.Null(data);
        Assert.Contains(diagnostics, d => d.Code == "DS0802" && d.IsError && d.Message.Contains("'smoke'", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Should_ShowMissingCells_When_TheDataHasEmptyCells()
    {
        var model = Examples.Load("asia.yaml");
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "holes.csv");
        File.WriteAllText(path, "asia,tub,smoke,lung,bronc,either,xray,dysp\nno,no,yes,no,no,no,no,no\nno,no,,no,no,no,NA,no\nno,no,no,no,yes,no,no,yes\n");
        var (data, _) = CsvDatasetReader.Read(path, model);
        var html = HtmlReport.Write(new ReportRequest { Model = model, Data = data!, Source = DataSource.FromFile("holes.csv", null), SimulationRows = 0 }, TestContext.Current.CancellationToken).Html;
        Assert.Equal(1, data!.MissingCount(model.IndexOf("smoke")));
        Assert.Contains("No missingness is declared in the model; these cells of the data are empty.", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">smoke</th><td class=\"text\">none declared</td><td>1</td>", html, StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="rows"/> rows of <paramref name="model"/> with <paramref name="seed"/> as <c>generate</c> does.</summary>
    private static string WriteCsv(Models.Model model, long rows, ulong seed)
    {
        var path = Path.Combine(Path.GetTempPath(), "dagsynth-tests", $"{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var plan = SamplingPlan.Compile(model, DagSynth.IO.Fakes.BogusFakeTextSource.Instance);
        using (var stream = File.Create(path))
        using (var writer = DelimitedDataWriter.Create(stream, plan))
        {
            Generator.Run(plan, new GenerationOptions { Rows = rows, Seed = seed }, writer);
            writer.Complete();
        }

        return path;
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgPattern();

    [GeneratedRegex(" id=\"([^\"]+)\"")]
    private static partial Regex IdPattern();

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dagsynth-tests", Guid.NewGuid().ToString("N"));

        public TemporaryDirectory() => Directory.CreateDirectory(Path);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
