namespace DagSynth.Cli.Tests;

[Trait("Category", "Cli")]
public sealed class GenerateCommandTests
{
    [Fact]
    public void Should_WriteACsvWithHeaderAndLevelNames_When_GivenAnOutputFile()
    {
        // Given
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);
        var output = dir.File("out.csv");

        // When
        var run = CliRunner.Run("generate", model, "--rows", "500", "--out", output);

        // Then
        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal(501, lines.Length);
        Assert.Equal("hypertension,treated,\"region, zone\"", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Matches("^(true|false),(true|false),(north|\"south, east\"|\"say \"\"hi\"\"\")$", l));
        Assert.DoesNotContain("false,true,", lines); // the structural zero
        Assert.Contains("wrote 500 rows x 3 columns", run.Error, StringComparison.Ordinal);
        Assert.Equal(["m.yaml", "out.csv", "out.manifest.json"], dir.Entries());
    }

    [Theory]
    [InlineData("--out", "-")]
    [InlineData("-o", "-")]
    [InlineData("--out=-", null)]
    public void Should_WriteToStandardOutput_When_TheOutputIsADash(string option, string? value)
    {
        // Given
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);
        string[] args = value is null ? ["generate", model, "-n", "4", option] : ["generate", model, "-n", "4", option, value];

        // When
        var run = CliRunner.Run(args);
        var byDefault = CliRunner.Run("generate", model, "-n", "4");

        // Then: the same rows as without --out, and no file
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, run.DataText.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(byDefault.Data, run.Data);
        Assert.Equal(["m.yaml"], dir.Entries());
    }

    [Fact]
    public void Should_WriteTabSeparatedValues_When_TheOutputEndsInTsv()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("generate", dir.Write("m.yaml", TestModels.Treatment), "-n", "3", "-o", dir.File("out.tsv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hypertension\ttreated\tregion, zone", File.ReadLines(dir.File("out.tsv")).First());
    }

    [Fact]
    public void Should_GiveTheSameBytes_When_ThreadsAndBatchSizesDiffer()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);
        var one = CliRunner.Run("generate", model, "--rows", "20000", "--threads", "1");
        var three = CliRunner.Run("generate", model, "--rows", "20000", "--threads", "3", "--batch-size", "777");
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(one.Data, three.Data);
    }

    [Fact]
    public void Should_UseTheModelSeedUnlessOverridden_When_Generating()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);
        var byModel = CliRunner.Run("generate", model, "-n", "200");
        var explicitSame = CliRunner.Run("generate", model, "-n", "200", "--seed", "3");
        var other = CliRunner.Run("generate", model, "-n", "200", "--seed", "4");
        Assert.Equal(byModel.Data, explicitSame.Data);
        Assert.NotEqual(byModel.Data, other.Data);
    }

    [Fact]
    public void Should_RefuseAndKeepTheFile_When_TheOutputExistsWithoutForce()
    {
        // Given
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);
        var output = dir.Write("out.csv", "precious");

        // When
        var refused = CliRunner.Run("generate", model, "--rows", "10", "--out", output);

        // Then
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("error DS0902", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(output));

        // And with --force it is replaced
        var forced = CliRunner.Run("generate", model, "--rows", "10", "--out", output, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("hypertension,", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Equal(["m.yaml", "out.csv", "out.manifest.json"], dir.Entries());
    }

    [Fact]
    public void Should_StopWithoutLeavingAFile_When_ARowBreaksARule()
    {
        // Given
        using var dir = new TempDirectory();
        var model = dir.Write("broken.yaml", TestModels.BrokenRule);

        // When
        var run = CliRunner.Run("generate", model, "--rows", "100000", "--out", dir.File("out.csv"), "--threads", "2", "--batch-size", "1000");

        // Then: exit 1, the rule and the row named, and nothing written (no partial or temporary file)
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"broken\.yaml:15:5: error DS0305: row \d+ breaks the rule 'never: treated and not hypertension' \(hypertension=false, treated=true\)", run.Error);
        Assert.Equal(["broken.yaml"], dir.Entries());
    }

    [Fact]
    public void Should_ReportDiagnosticsAndWriteNothing_When_TheModelIsInvalid()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("generate", dir.Write("bad.yaml", TestModels.Invalid), "--rows", "10", "--out", dir.File("out.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.yaml:5:12: error DS0203: the distribution of 'a' sums to 1.1, expected 1", run.Error, StringComparison.Ordinal);
        Assert.Equal(["bad.yaml"], dir.Entries());
    }

    [Theory]
    [InlineData(2, "generate", "MODEL")]
    [InlineData(2, "generate", "MODEL", "--rows", "-5")]
    [InlineData(2, "generate", "MODEL", "--rows", "ten")]
    [InlineData(2, "generate", "MODEL", "--rows", "5", "--threads", "0")]
    [InlineData(2, "generate", "MODEL", "--rows", "5", "--out", "x.xls")]
    [InlineData(2, "generate", "MODEL", "--rows", "5", "--colour")]
    [InlineData(2, "frobnicate")]
    [InlineData(3, "generate", "missing.yaml", "--rows", "5")]
    [InlineData(2, "generate", "model.bif2", "--rows", "5")]
    public void Should_ExitWithTheContractCode_When_TheCommandLineOrInputIsWrong(int expected, params string[] args)
    {
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);
        var run = CliRunner.Run([.. args.Select(a => a == "MODEL" ? model : a)]);
        Assert.Equal(expected, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal); // never a stack trace
        Assert.Empty(run.Data);
    }

    [Fact]
    public void Should_LeaveNoFile_When_Interrupted()
    {
        // Given: a run that is cancelled (as Ctrl+C does) before it can finish
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", TestModels.Treatment);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        // When
        var run = CliRunner.Run(cancellation.Token, "generate", model, "--rows", "10000000", "--out", dir.File("out.csv"));

        // Then
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("interrupted; no output was written", run.Error, StringComparison.Ordinal);
        Assert.Equal(["m.yaml"], dir.Entries());
    }

    [Fact]
    public void Should_StopAtTheRowAndNameTheValues_When_AParameterLeavesItsDomain()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("generate", dir.Write("sd.yaml", TestModels.NegativeSdForSomeRows), "--rows", "1000", "--out", dir.File("out.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"sd\.yaml:5:3: error DS0308: row \d+: normal 'sbp': sd is -\d+, but must be a finite number >= 0 \(age=4[0-4]\)", run.Error);
        Assert.Equal(["sd.yaml"], dir.Entries());
    }

    [Fact]
    public void Should_WriteEveryKindOfColumnIdentically_When_ThreadsDiffer()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("mixed.yaml", TestModels.Mixed);
        var one = CliRunner.Run("generate", model, "--rows", "5000", "--threads", "1");
        var many = CliRunner.Run("generate", model, "--rows", "5000", "--threads", "3", "--batch-size", "313");
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(one.Data, many.Data);
        var lines = one.DataText.Split('\n');
        Assert.Equal("id,sex,name,age,bmi,band,sbp,smoker,visits,born", lines[0]);
        Assert.Matches(@"^P\d{6},(female|male),[^,]+,\d+,\d+(\.\d)?,(normal|over|obese),-?[\d.E+-]+,(true|false),\d+,\d{4}-\d{2}-\d{2}$", lines[1]);
    }

    [Fact]
    public void Should_WriteOnlyTheHeader_When_ZeroRowsAreAsked()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("generate", dir.Write("m.yaml", TestModels.Treatment), "--rows", "0");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hypertension,treated,\"region, zone\"\n", run.DataText);
    }
}
