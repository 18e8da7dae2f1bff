using DagSynth.Testing;
using Microsoft.Playwright;

namespace DagSynth.Reports.Tests;

/// <summary>
/// The report seen in a real browser: the cvd-risk report opens in headless Chromium without an
/// error or a request to the network, and shows its sections, its DAG and its charts. With
/// <c>UPDATE_GOLDEN=1</c> its first screen is saved as <c>docs/report-cvd-risk.png</c>.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Should_ShowEverySectionWithoutErrors_When_TheCvdRiskReportIsOpened()
    {
        Assert.SkipWhen(chromium.SkipReason is not null, chromium.SkipReason ?? string.Empty);

        // Given the report 'dagsynth report examples/cvd-risk.yaml' writes (10,000 rows, 200,000 simulated)
        var request = Examples.Request("cvd-risk.yaml", rows: 10_000, simulationRows: 200_000, threads: Environment.ProcessorCount);
        var html = HtmlReport.Write(request, TestContext.Current.CancellationToken).Html;
        var path = Path.Combine(Path.GetTempPath(), "dagsynth-tests", $"report-{Guid.NewGuid():N}.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, html, TestContext.Current.CancellationToken);
        try
        {
            await using var context = await chromium.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1700 } });
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            var requests = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    errors.Add($"{message.Type}: {message.Text}");
                }
            };
            page.PageError += (_, error) => errors.Add($"page error: {error}");
            page.Request += (_, r) => requests.Add(r.Url);

            // When
            var response = await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

            // Then: it loaded, quietly, from the file alone
            Assert.NotNull(response);
            Assert.True(response.Ok);
            Assert.Empty(errors);
            Assert.All(requests, url => Assert.StartsWith("file:", url, StringComparison.Ordinal));
            Assert.Equal("cvd-risk: declared versus generated — DagSynth report", await page.TitleAsync());

            // ... with every section heading, in order
            var headings = await page.Locator("main h2").AllInnerTextsAsync();
            Assert.Equal(HtmlReport.SectionTitles, headings);

            // ... a DAG drawn at a readable size, with every variable
            var dag = page.Locator("svg.dag");
            var box = await dag.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 900, $"the DAG is {box.Width} pixels wide");
            Assert.Equal(request.Model.Variables.Length, await page.Locator("svg.dag g.node").CountAsync());

            // ... a card per variable, a chart for every variable with a distribution, the forest plot
            Assert.Equal(request.Model.Variables.Length, await page.Locator("#variables article.card").CountAsync());
            Assert.Equal(14, await page.Locator("#variables svg.chart").CountAsync());
            Assert.Equal(1, await page.Locator("#associations svg.chart").CountAsync());
            Assert.Contains("proven impossible", await page.Locator("#rules").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(8, await page.Locator("#targets tbody tr").CountAsync());
            Assert.Equal(8, await page.Locator("#targets .badge.ok").CountAsync());

            // ... and charts that are not clipped: each fits inside its card
            foreach (var chart in await page.Locator("#variables svg.chart").AllAsync())
            {
                var chartBox = await chart.BoundingBoxAsync();
                Assert.True(chartBox is { Width: > 300, Height: > 100 }, "a chart is too small");
            }

            var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = false });
            Assert.True(screenshot.Length > 10_000);
            if (Golden.Updating)
            {
                await File.WriteAllBytesAsync(RepositoryPaths.InRepository("docs", "report-cvd-risk.png"), screenshot, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
