using DagSynth.Calibration;
using DagSynth.Inference;
using DagSynth.IO;
using DagSynth.Models;
using DagSynth.Reports.Content;
using DagSynth.Reports.Data;
using DagSynth.Reports.Statistics;

namespace DagSynth.Reports.Tests;

/// <summary>The report's targets section: each calibration target requested, on the model, and in the data.</summary>
public sealed class TargetTests
{
    /// <summary>A tiny model with a target of every kind (the values are arbitrary: the data measures do not read them).</summary>
    private const string Tiny = """
        dagsynth: 1
        name: tiny
        seed: 7
        variables:
          g:
            levels: [a, b]
            probs: [0.5, 0.5]
          x:
            type: boolean
            given: [g]
            table:
              - when: {g: a}
                probs: [0.7, 0.3]
              - when: {g: b}
                probs: [0.4, 0.6]
          y:
            type: boolean
            given: [x]
            table:
              - when: {x: false}
                probs: [0.8, 0.2]
              - when: {x: true}
                probs: [0.5, 0.5]
          z:
            type: normal
            mean: 10 + 2 * x
            sd: 1
        targets:
          - prevalence: {of: y, value: 0.3}
          - prevalence: {of: y, given: {g: b}, value: 0.3}
          - mean: {of: z, value: 11}
          - sd: {of: z, value: 1}
          - odds_ratio: {exposure: x, outcome: y, value: 2}
          - risk_ratio: {exposure: x, outcome: y, value: 2}
          - risk_difference: {exposure: x, outcome: y, value: 0.2}
          - odds_ratio: {exposure: x, outcome: y, causal: true, value: 2}
          - correlation: {of: [x, z], value: 0.5}
          - auc: {outcome: y, value: 0.6}
        """;

    /// <summary>Ten rows, small enough to count by hand.</summary>
    private const string TinyRows = """
        g,x,y,z
        a,false,false,9
        a,false,false,10
        a,false,true,11
        a,true,false,12
        a,true,true,13
        b,false,false,10
        b,true,true,12
        b,true,true,11
        b,true,false,14
        b,false,false,8
        """;

    private static Model Read(string yaml)
    {
        var result = ModelFile.ReadYaml(new StringReader(yaml), "tiny.yaml");
        Assert.True(result.Model is not null, string.Join('\n', result.Diagnostics));
        return result.Model;
    }

    private static Dataset TinyData(Model model)
    {
        var path = Path.Combine(Path.GetTempPath(), "dagsynth-tests", $"{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, TinyRows.ReplaceLineEndings("\n") + "\n");
        try
        {
            var (data, diagnostics) = CsvDatasetReader.Read(path, model);
            Assert.True(data is not null, string.Join('\n', diagnostics));
            return data;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static DataMeasure Measure(int target)
    {
        var model = Read(Tiny);
        return TargetData.Measure(model.Calibration!.Targets[target], TinyData(model), DiscretePart.Of(model));
    }

    private static void AssertInterval(ConfidenceInterval actual, double estimate, double low, double high)
    {
        Assert.Equal(estimate, actual.Estimate, 10);
        Assert.Equal(low, actual.Low, 10);
        Assert.Equal(high, actual.High, 10);
    }

    public sealed class TheMeasureMethod
    {
        [Fact]
        [Trait("Category", "Unit")]
        public void Should_GiveTheShareWithWilsonsInterval_When_TheTargetIsAPrevalence()
        {
            // Given 4 of 10 rows with y = true; When
            var measure = Measure(0);

            // Then
            AssertInterval(measure.Value, 0.4, 0.16818032970623614, 0.6873262302663417);
            Assert.Equal(10, measure.Rows);
            Assert.True(measure.Comparable);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_CountOnlyTheStratum_When_TheTargetIsGivenOne()
        {
            // Given 2 of the 5 rows with g = b
            var measure = Measure(1);

            AssertInterval(measure.Value, 0.4, 0.11762077423264783, 0.769275718723987);
            Assert.Equal(5, measure.Rows);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_GiveTheMeanWithTheNormalInterval_When_TheTargetIsAMean()
        {
            // Given z summing to 110, squared deviations to 30: sd = sqrt(30 / 9)
            var measure = Measure(2);

            AssertInterval(measure.Value, 11.0, 9.868414265923828, 12.131585734076172);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_GiveTheSdWithALogScaleInterval_When_TheTargetIsAnSd()
        {
            // Given s = 1.8257, fourth central moment 19.8: se(log s) = sqrt((m4 / s^4 - 7/9) / 10) / 2
            var measure = Measure(3);

            AssertInterval(measure.Value, 1.8257418583505538, 1.338347102593009, 2.4906344003548084);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_GiveTheCrudeMeasuresOfTheTwoByTwoTable_When_TheTargetIsAnAssociation()
        {
            // Given exposed 3 events of 5, reference 1 of 5: OR 6 (Woolf), RR 3 (Katz), RD 0.4 (Wald)
            AssertInterval(Measure(4).Value, 6, 0.354444017189249, 101.56752055086444);
            AssertInterval(Measure(5).Value, 3, 0.45162964163905417, 19.927832830761954);
            AssertInterval(Measure(6).Value, 0.4, -0.15436152973987116, 0.9543615297398712);
            Assert.Equal(10, Measure(4).Rows);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_ShowTheCrudeValueAndSaySo_When_TheTargetIsCausal()
        {
            var measure = Measure(7);

            AssertInterval(measure.Value, 6, 0.354444017189249, 101.56752055086444);
            Assert.False(measure.Comparable);
            Assert.Null(measure.Contains(6));
            Assert.Equal("crude in data; causal target checked on the model", measure.Note);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_GiveFishersInterval_When_TheTargetIsACorrelation()
        {
            // Given x as 0/1 against z: r = 0.8083, tanh(atanh r ± 1.96 / sqrt(7))
            var measure = Measure(8);

            AssertInterval(measure.Value, 0.808290376865476, 0.3638193298481572, 0.9529437206879099);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_ScoreRowsByTheirRiskGivenTheParents_When_TheTargetIsAnAuc()
        {
            // Given risks 0.2 (x false) and 0.5 (x true): cases [0.2, 0.5, 0.5, 0.5], non-cases four at
            // 0.2 and two at 0.5: (2 + 3 * 5) / 24 wins, and Hanley-McNeil's se with 4 and 6
            var measure = Measure(9);

            AssertInterval(measure.Value, 17.0 / 24, 0.35616158786740654, 1);
            Assert.Equal(10, measure.Rows);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_SayItIsNotMeasured_When_AnAucNeedsNumbersForTheRisk()
        {
            // Given an AUC of a logistic outcome of a number: its risk is not a table lookup
            var model = Read(Tiny.Replace("  - auc: {outcome: y, value: 0.6}", "  - auc: {outcome: w, value: 0.6}", StringComparison.Ordinal)
                .Replace("targets:", "  w:\n    type: logistic\n    intercept: -1\n    odds_ratios: {z: 1.2}\ntargets:", StringComparison.Ordinal));
            var (data, _) = GeneratedData.Generate(model, 200, 7, 1, TestContext.Current.CancellationToken);
            var measure = TargetData.Measure(model.Calibration!.Targets[9], data!, DiscretePart.Of(model));

            Assert.False(measure.Value.IsDefined);
            Assert.StartsWith("not measured in data", measure.Note, StringComparison.Ordinal);
        }
    }

    public sealed class TheReport
    {
        [Fact]
        [Trait("Category", "Unit")]
        public void Should_ShowEveryCvdRiskTargetMet_When_TheModelIsCalibrated()
        {
            // Given cvd-risk calibrated, as dagsynth report does
            var request = Examples.Request("cvd-risk.yaml", rows: 2_000, simulationRows: 20_000);

            // When
            var content = ReportBuilder.Build(request, TestContext.Current.CancellationToken);
            var result = HtmlReport.Write(request, TestContext.Current.CancellationToken);

            // Then: 8 rows in the order written, each met by the model
            Assert.NotNull(content.Targets);
            Assert.Equal(8, content.Targets.Rows.Length);
            Assert.Equal(request.Model.Calibration!.Targets.Select(t => t.Label), content.Targets.Rows.Select(r => r.Target.Label));
            Assert.All(content.Targets.Rows, r => Assert.True(r.IsMet, $"{r.Target.Label}: {r.Model?.Achieved}"));
            Assert.Equal((8, 8), (result.Targets, result.TargetsMet));
            var section = Section(result.Html);
            Assert.Equal(8, Occurrences(section, "<span class=\"badge ok\">met</span>"));
            Assert.DoesNotContain("not met", section, StringComparison.Ordinal);
            Assert.Contains(TargetData.CrudeNote, section, StringComparison.Ordinal);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_ShowNotMet_When_AModelWithoutFreeParametersMissesItsTarget()
        {
            // Given the tiny model, whose P(y) is exactly 0.335, with one target off (0.3) and one on (0.335)
            var model = Read(Tiny.Replace("  - prevalence: {of: y, value: 0.3}", "  - prevalence: {of: y, value: 0.3}\n  - prevalence: {of: y, value: 0.335}", StringComparison.Ordinal));
            Assert.False(model.HasFreeParameters);
            var (data, _) = GeneratedData.Generate(model, 2_000, 7, 1, TestContext.Current.CancellationToken);
            var request = new ReportRequest { Model = model, Data = data!, Source = DataSource.FromGeneration(7), SimulationRows = 20_000, Timestamp = Examples.Timestamp };

            // When
            var content = ReportBuilder.Build(request, TestContext.Current.CancellationToken);
            var result = HtmlReport.Write(request, TestContext.Current.CancellationToken);

            // Then: the first is not met (and flagged in the summary), the second is met exactly
            var rows = content.Targets!.Rows;
            Assert.False(rows[0].IsMet);
            Assert.Equal(0.335, rows[0].Model!.Achieved, 12);
            Assert.True(rows[1].IsMet);
            Assert.Equal(0, rows[1].Model!.StandardError);
            Assert.True(result.TargetsMet < result.Targets);
            var section = Section(result.Html);
            Assert.Contains("<tr class=\"flagged\"><th scope=\"row\" class=\"text\">P(y=true)</th><td>0.3000 ± 0.001</td><td>0.3350 <span class=\"badge exact\"", section, StringComparison.Ordinal);
            Assert.Contains("<span class=\"badge flag\">not met</span>", section, StringComparison.Ordinal);
            Assert.Contains("<a href=\"#targets\">target P(y=true): requested 0.3000, the model gives 0.3350: not met</a>", result.Html, StringComparison.Ordinal);
        }

        [Fact]
        [Trait("Category", "Unit")]
        public void Should_SayNoneDeclared_When_TheModelHasNoTargets()
        {
            var result = HtmlReport.Write(Examples.Request("asia.yaml", rows: 500, simulationRows: 0), TestContext.Current.CancellationToken);

            Assert.Contains("<p class=\"none\">None declared.</p>", Section(result.Html), StringComparison.Ordinal);
            Assert.Equal(0, result.Targets);
        }

        private static string Section(string html)
        {
            var start = html.IndexOf("<section id=\"targets\"", StringComparison.Ordinal);
            Assert.True(start >= 0, "no targets section");
            return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        }

        private static int Occurrences(string text, string what)
        {
            var count = 0;
            for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }
    }
}
