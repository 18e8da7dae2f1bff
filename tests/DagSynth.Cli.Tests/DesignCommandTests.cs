using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

/// <summary>generate's study-design options: --given, --do, --randomize, --quota, --case-control, --weights, --potential-outcomes.</summary>
[Trait("Category", "Cli")]
public sealed class DesignCommandTests
{
    /// <summary>A small mixed model: a confounded treatment with a numeric mediator.</summary>
    private const string Trial = """
        dagsynth: 1
        name: trial
        seed: 5
        variables:
          sex: {levels: [female, male], probs: [0.5, 0.5]}
          age: {type: uniform, min: 40, max: 80, round: 0}
          bmi: {type: normal, mean: 20 + 0.1 * age, sd: 4, round: 1}
          treated:
            type: boolean
            given: [sex]
            table:
              - when: {sex: female}
                probs: [0.7, 0.3]
              - when: {sex: male}
                probs: [0.4, 0.6]
          sbp: {type: normal, mean: 100 + 0.6 * age - 10 * treated, sd: 10, round: 0}
          stroke: {type: logistic, intercept: -4, coefficients: {"(sbp - 120) / 10": 0.6}}
        """;

    private static string[] Lines(string path) => File.ReadAllLines(path);

    [Fact]
    public void Should_WriteOnlyRowsMeetingTheEvidence_When_GivenLevels()
    {
        // Given
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);

        // When
        var run = CliRunner.Run("generate", model, "--rows", "2000", "--given", "treated=true", "--out", dir.File("out.csv"));

        // Then: every row is treated, hence hypertensive; the method is named on standard error
        Assert.Equal(0, run.ExitCode);
        var lines = Lines(dir.File("out.csv"));
        Assert.Equal(2001, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("true,true,", l, StringComparison.Ordinal));
        Assert.Contains("given treated=true: exact, from the junction tree", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ExitWith4AndWriteNothing_When_TheEvidenceIsImpossible()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);

        var run = CliRunner.Run("generate", model, "--rows", "1000000", "--given", "treated=true", "--given", "hypertension=false", "--out", dir.File("out.csv"));

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("error DS0401: the evidence (hypertension=false, treated=true) has probability 0", run.Error, StringComparison.Ordinal);
        Assert.Equal(["m.yaml"], dir.Entries());
    }

    [Theory]
    [InlineData("--given", "treated=maybe", "DS0404")]
    [InlineData("--given", "smoker=true", "DS0403")]
    [InlineData("--given", "sbp >= ", "DS0301")]
    [InlineData("--given", "sbp = 140", "DS0905")]
    [InlineData("--given", "sbp + 1", "DS0304")]
    [InlineData("--do", "sbp=high", "DS0405")]
    [InlineData("--quota", "treated=true", "DS0405")]
    [InlineData("--potential-outcomes", "treated", "DS0905")]
    public void Should_ExitWith2_When_AConditionIsMalformed(string option, string value, string code)
    {
        using var dir = new TempDirectory();
        var model = dir.Write("trial.yaml", Trial);

        var run = CliRunner.Run("generate", model, "--rows", "10", option, value, "--out", dir.File("out.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error {code}", run.Error, StringComparison.Ordinal);
        Assert.Equal(["trial.yaml"], dir.Entries());
    }

    [Fact]
    public void Should_ReportTheAcceptanceRate_When_AConditionIsMetByRejection()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("trial.yaml", Trial);

        var run = CliRunner.Run("generate", model, "--rows", "3000", "--given", "sbp >= 140", "--given", "age >= 60", "--out", dir.File("out.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("given age >= 60: exact, by truncating the root's distribution\ngiven sbp >= 140: by rejection (bounded)", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"checked by rejection: acceptance rate \d+(\.\d+)?% \(3,000 rows from [\d,]+ draws\)", run.Error);
        Assert.All(Lines(dir.File("out.csv")).Skip(1), l =>
        {
            var cells = l.Split(',');
            Assert.True(int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture) >= 60);
            Assert.True(int.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture) >= 140);
        });
    }

    [Fact]
    public void Should_ExitWith4AndWriteNothing_When_RejectionRunsOutOfAttempts()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("trial.yaml", Trial);

        var run = CliRunner.Run("generate", model, "--rows", "1000", "--given", "sbp >= 400", "--max-attempts", "200", "--out", dir.File("out.csv"));

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("error DS0411: row 1: none of 200 attempts met the conditions (sbp >= 400)", run.Error, StringComparison.Ordinal);
        Assert.Equal(["trial.yaml"], dir.Entries());
    }

    [Fact]
    public void Should_GiveTheSameBytes_When_ConditionedGenerationRunsOnOtherThreads()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("trial.yaml", Trial);
        string[] design = ["--given", "bmi >= 27", "--quota", "sex=female:700", "--quota", "sex=male:1300", "--potential-outcomes", "treated", "--outcome", "stroke"];

        var one = CliRunner.Run(["generate", model, "--threads", "1", .. design]);
        var three = CliRunner.Run(["generate", model, "--threads", "3", "--batch-size", "97", .. design]);

        Assert.Equal(0, one.ExitCode);
        Assert.Equal(one.Data, three.Data);
        Assert.StartsWith("sex,age,bmi,treated,sbp,stroke,stroke_do_treated_false,stroke_do_treated_true,stratum\n", one.DataText, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_WriteStrataInOrderWithWeights_When_GivenQuotas()
    {
        // Given
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);

        // When: 30 treated and 70 untreated
        var run = CliRunner.Run("generate", model, "--quota", "treated=true:30", "--quota", "treated=false:70", "--weights", "--out", dir.File("out.csv"));

        // Then: P(treated) = 0.4 * 0.6 = 0.24, so weights 0.24 / 0.3 and 0.76 / 0.7
        Assert.Equal(0, run.ExitCode);
        var lines = Lines(dir.File("out.csv"));
        Assert.Equal("hypertension,treated,\"region, zone\",stratum,weight", lines[0]);
        Assert.All(lines.Skip(1).Take(30), l => Assert.Matches(@"^true,true,.*,treated=true,0\.8\d*$", l));
        Assert.All(lines.Skip(31), l => Assert.Matches(@",false,.*,treated=false,1\.085714\d*$", l));
        Assert.Contains("stratum treated=true: rows 1-30, population share 0.24, weight 0.8", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_EstimateWeightsTheSameOnAnyThreads_When_QuotasAreMetByRejection()
    {
        // Given: strokes depend on numbers, so their quotas are met by rejection
        using var dir = new TempDirectory();
        var model = dir.Write("trial.yaml", Trial);
        string[] design = ["generate", model, "--quota", "stroke=true:300", "--quota", "stroke=false:300", "--weights"];

        // When
        var one = CliRunner.Run([.. design, "--threads", "1"]);
        var three = CliRunner.Run([.. design, "--threads", "3", "--batch-size", "64"]);

        // Then: the shares are estimated from the acceptance counts, reported with their standard
        // error, and the weights written are the same bytes for any thread count
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(one.Data, three.Data);
        Assert.Matches(@"stratum stroke=true: rows 1-300, population share 0\.\d+ \(estimated, s\.e\. 0\.\d+\), weight \d\.\d+\n  given stroke=true: by rejection \(bounded\)\n  checked by rejection: acceptance rate", one.Error);
        Assert.Equal(one.Error, three.Error);
    }

    [Fact]
    public void Should_RefuseARowCountThatDisagrees_When_GivenQuotas()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("generate", dir.Write("m.yaml", TestModels.Treatment), "--rows", "50", "--quota", "treated=true:30", "--quota", "treated=false:70");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--rows 50 does not match the design, which makes 100 rows", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_MatchControlsToCases_When_ACaseControlDesignIsAsked()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("trial.yaml", Trial);

        var run = CliRunner.Run("generate", model, "--case-control", "treated=true", "--cases", "200", "--controls-per-case", "3", "--match", "sex", "--weights", "--out", dir.File("out.csv"));

        Assert.Equal(0, run.ExitCode);
        var rows = Lines(dir.File("out.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(800, rows.Count);
        foreach (var sex in new[] { "female", "male" })
        {
            var cases = rows.Take(200).Count(r => r[0] == sex);
            var controls = rows.Skip(200).Count(r => r[0] == sex);
            Assert.Equal(3 * cases, controls);
            Assert.All(rows.Skip(200).Where(r => r[0] == sex), r => Assert.Equal($"treated=false;sex={sex}", r[6]));
        }
    }

    [Fact]
    public void Should_ForceTheVariable_When_IntervenedOn()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("trial.yaml", Trial);

        var run = CliRunner.Run("generate", model, "--rows", "500", "--do", "treated=true", "--do", "sbp=150");

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.DataText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), l => Assert.Matches(@"^(female|male),\d+,[\d.]+,true,150,(true|false)$", l));
    }

    [Fact]
    public void Should_NotCheckRulesOnIntervenedVariables_When_ForcingTreatment()
    {
        // Given: the rule says nobody is treated without hypertension; do(treated=true) treats everyone
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);

        // When
        var run = CliRunner.Run("generate", model, "--rows", "1000", "--do", "treated=true", "--out", dir.File("out.csv"));

        // Then: the rows are written, untreated hypertension-free people now treated, and a note says why
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: the rule 'never: treated and not hypertension' is not checked: it reads a variable that --do or --randomize sets", run.Error, StringComparison.Ordinal);
        Assert.Contains(File.ReadAllLines(dir.File("out.csv")), l => l.StartsWith("false,true,", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_MarkVariablesOutsideTheExactPart_When_DescribingAMixedModel()
    {
        // Was an internal error (an index out of range) for a discrete variable downstream of a number.
        using var dir = new TempDirectory();
        var model = dir.Write("trial.yaml", Trial);

        var text = CliRunner.Run("describe", model, "--do", "sbp=120");
        var json = CliRunner.Run("describe", model, "--json");

        // Then: stroke, downstream of a number, is estimated by simulation, with its interval
        Assert.Equal(0, text.ExitCode);
        Assert.Matches(@"stroke\s+\S+\s+[0-9.]+\s+\S*\s+[0-9.]+ to [0-9.]+", text.Out);
        Assert.Equal(0, json.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(json.Out);
        var stroke = document.RootElement.GetProperty("variables").GetProperty("stroke");
        Assert.Equal("simulated", stroke.GetProperty("method").GetString());
        Assert.Equal(2, stroke.GetProperty("interval").EnumerateObject().Count());
    }

    [Fact]
    public void Should_DescribeTheIntervenedModel_When_AskedWithDo()
    {
        var run = CliRunner.Run("describe", CliRunner.Model("asia.yaml"), "--do", "smoke=yes", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.Equal("yes", json.RootElement.GetProperty("do").GetProperty("smoke").GetString());
        Assert.Equal(0.1, json.RootElement.GetProperty("variables").GetProperty("lung").GetProperty("marginal").GetProperty("yes").GetDouble(), 12);
        Assert.Empty(json.RootElement.GetProperty("variables").GetProperty("smoke").GetProperty("parents").EnumerateArray());
    }
}
