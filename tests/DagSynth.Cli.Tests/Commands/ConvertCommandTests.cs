using System.Globalization;
using DagSynth.IO;
using DagSynth.Testing;

namespace DagSynth.Cli.Tests.Commands;

[Trait("Category", "Cli")]
public sealed class ConvertCommandTests
{
    private const string Asia = """
        network asia {
        }
        variable "visit asia" { type discrete [ 2 ] { yes, no }; }
        variable tub { type discrete [ 2 ] { "<5", "12+" }; }
        probability ( "visit asia" ) { table 0.01, 0.99; }
        probability ( tub | "visit asia" ) {
          (yes) 0.05, 0.95;
          (no) 0.01, 0.99;
        }
        """;

    private const string WithRule = """
        dagsynth: 1
        name: ruled
        seed: 7
        variables:
          a:
            type: boolean
            probs: [0.5, 0.5]
          b:
            type: boolean
            given: [a]
            table:
              - when: {a: false}
                probs: [1, 0]
              - when: {a: true}
                probs: [0.5, 0.5]
        rules:
          - never: b and not a
        """;

    [Theory]
    [InlineData("out.yaml")]
    [InlineData("out.json")]
    [InlineData("out.xmlbif")]
    [InlineData("out.xml")]
    [InlineData("OUT.BIF")]
    public void Should_WriteAModelThatReadsBackTheSame_When_ConvertingBetweenFormats(string output)
    {
        // Given
        using var folder = new Folder();
        File.WriteAllText(folder.File("asia.bif"), Asia);

        // When
        var run = Dagsynth("convert", folder.File("asia.bif"), folder.File(output));

        // Then
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("converted", run.Error, StringComparison.Ordinal);
        ModelAssert.Identical(ModelFile.Read(folder.File("asia.bif")).Model!, ModelFile.Read(folder.File(output)).Model!);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.partial"));
    }

    [Fact]
    public void Should_RefuseToOverwrite_When_TheOutputExistsWithoutForce()
    {
        // Given
        using var folder = new Folder();
        File.WriteAllText(folder.File("asia.bif"), Asia);
        File.WriteAllText(folder.File("out.yaml"), "keep me");

        // When
        var refused = Dagsynth("convert", folder.File("asia.bif"), folder.File("out.yaml"));
        var forced = Dagsynth("convert", folder.File("asia.bif"), folder.File("out.yaml"), "--force");

        // Then
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("DS0902", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("dagsynth: 1", File.ReadAllText(folder.File("out.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ExitWithUsage_When_TheOutputExtensionNamesNoFormat()
    {
        // Given
        using var folder = new Folder();
        File.WriteAllText(folder.File("asia.bif"), Asia);

        // When
        var run = Dagsynth("convert", folder.File("asia.bif"), folder.File("out.txt"));

        // Then
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("DS0904", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out.txt")));
    }

    [Fact]
    public void Should_ExitWithInputOutput_When_TheInputDoesNotExist()
    {
        // Given
        using var folder = new Folder();

        // When
        var run = Dagsynth("convert", folder.File("missing.net"), folder.File("out.yaml"));

        // Then
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("DS0901", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_PrintEveryDiagnosticAndWriteNothing_When_TheInputIsInvalid()
    {
        // Given: two problems, at lines 3 and 7
        using var folder = new Folder();
        File.WriteAllText(folder.File("bad.bif"), Asia
            .Replace("discrete [ 2 ] { yes, no }", "discrete [ 3 ] { yes, no }", StringComparison.Ordinal)
            .Replace("(yes) 0.05, 0.95;", "(yes) 0.05, 0.5;", StringComparison.Ordinal));

        // When
        var run = Dagsynth("convert", folder.File("bad.bif"), folder.File("out.yaml"));

        // Then
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.bif:3:", run.Error, StringComparison.Ordinal);
        Assert.Contains("bad.bif:7:", run.Error, StringComparison.Ordinal);
        Assert.Contains("2 errors", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out.yaml")));
    }

    [Fact]
    public void Should_RefuseUnlessLossy_When_TheTargetCannotExpressRulesAndTheSeed()
    {
        // Given
        using var folder = new Folder();
        File.WriteAllText(folder.File("ruled.yaml"), WithRule);

        // When
        var strict = Dagsynth("convert", folder.File("ruled.yaml"), folder.File("ruled.bif"));
        var lossy = Dagsynth("convert", folder.File("ruled.yaml"), folder.File("ruled.bif"), "--lossy");

        // Then
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("error DS0611", strict.Error, StringComparison.Ordinal);
        Assert.Contains("never: b and not a", strict.Error, StringComparison.Ordinal);
        Assert.Contains("--lossy", strict.Error, StringComparison.Ordinal);
        Assert.Contains("was not written", strict.Error, StringComparison.Ordinal);
        Assert.Equal(0, lossy.ExitCode);
        Assert.Contains("warning DS0611", lossy.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.File("ruled.bif")));
    }

    [Fact]
    public void Should_ConvertTheCorpusAlarm_When_ReadingBifAndWritingEveryFormat()
    {
        // Given
        var alarm = Path.Combine(RepositoryPaths.CorpusOrSkip(), "networks", "bif", "alarm.bif");
        using var folder = new Folder();
        var original = ModelFile.Read(alarm).Model!;

        foreach (var extension in new[] { ".yaml", ".json", ".bif", ".xmlbif", ".net", ".dsc", ".xdsl" })
        {
            // When
            var output = folder.File("alarm" + extension);
            var run = Dagsynth("convert", alarm, output);

            // Then
            Assert.True(run.ExitCode == 0, run.Error);
            ModelAssert.Equivalent(original, ModelFile.Read(output).Model!, 0);
        }
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("generate")]
    public void Should_AcceptInterchangeFormats_When_ACommandTakesAModel(string command)
    {
        // Given
        using var folder = new Folder();
        File.WriteAllText(folder.File("asia.net"), "net { }\nnode A { states = (\"yes\" \"no\"); }\npotential (A) { data = (0.2 0.8); }\n");

        // When
        var run = command == "validate"
            ? Dagsynth("validate", folder.File("asia.net"))
            : Dagsynth("generate", folder.File("asia.net"), "--rows", "3", "--out", folder.File("rows.csv"));

        // Then
        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_ShowOptionsAndExamples_When_AskedForConvertHelp()
    {
        // When
        var run = Dagsynth("convert", "--help");

        // Then
        Assert.Equal(0, run.ExitCode);
        Golden.Verify("convert-help.txt", run.Out);
    }

    /// <summary>Runs <c>dagsynth</c> in process with string writers for its output and errors.</summary>
    private static (int ExitCode, string Out, string Error) Dagsynth(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var environment = new CliEnvironment(output, error, () => new MemoryStream(), OutIsTerminal: false, ErrorIsTerminal: false);
        var code = DagSynthApp.Run(args, environment, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A temporary folder deleted after the test.</summary>
    private sealed class Folder : IDisposable
    {
        public Folder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dagsynth-convert-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
