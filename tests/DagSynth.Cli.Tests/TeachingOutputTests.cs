using System.Security.Cryptography;
using System.Text.Json;

namespace DagSynth.Cli.Tests;

[Trait("Category", "Cli")]
public sealed class TeachingOutputTests
{
    private const string Model = """
        dagsynth: 1
        name: teach
        seed: 5
        variables:
          sex:
            levels: [female, male]
            probs: [0.5, 0.5]
          smoker:
            type: boolean
            given: [sex]
            table:
              - when: {sex: female}
                probs: [0.8, 0.2]
              - default: [0.7, 0.3]
            missing: {mcar: 0.1}
          cvd:
            type: logistic
            baseline: 0.1
            odds_ratios: {smoker: 2}
          sbp:
            type: normal
            mean: 120 + 10 * smoker
            sd: 12
            round: 0
            missing: {mnar: {baseline: 0.05, odds_ratios: {"sbp > 140": 3}}}
        """;

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Should_ReproduceEachVariantAlone_When_GeneratedWithItsSeed()
    {
        // Given 3 variants
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", Model);
        var run = CliRunner.Run("generate", model, "-n", "300", "-o", dir.File("cvd.csv"), "--variants", "3");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["cvd.manifest.json", "cvd.v01.csv", "cvd.v02.csv", "cvd.v03.csv", "m.yaml"], dir.Entries());

        // When each is generated alone with the seed the manifest gives
        using var manifest = JsonDocument.Parse(File.ReadAllText(dir.File("cvd.manifest.json")));
        var datasets = manifest.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(3, datasets.Count);
        foreach (var d in datasets)
        {
            var variant = d.GetProperty("variant").GetInt32();
            var seed = d.GetProperty("seed").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var alone = CliRunner.Run("generate", model, "-n", "300", "--seed", seed);

            // Then it is byte-identical, and the manifest's hash is the file's
            Assert.Equal(File.ReadAllBytes(dir.File($"cvd.v0{variant}.csv")), alone.Data);
            var entry = manifest.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == $"cvd.v0{variant}.csv");
            Assert.Equal(Sha(dir.File($"cvd.v0{variant}.csv")), entry.GetProperty("sha256").GetString());
        }

        Assert.NotEqual(File.ReadAllBytes(dir.File("cvd.v01.csv")), File.ReadAllBytes(dir.File("cvd.v02.csv")));
        Assert.Equal(Sha(model), manifest.RootElement.GetProperty("model").GetProperty("sha256").GetString());
        Assert.Contains("--variants 3", manifest.RootElement.GetProperty("command_line").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_WriteEveryTeachingFile_When_AllAreAskedFor()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", Model);
        var run = CliRunner.Run("generate", model, "-n", "400", "-o", dir.File("cvd.parquet"), "--complete", "--mask", "--dirty", "light", "--split", "train=0.75,test=0.25", "--codebook", "--answer-key");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            [
                "cvd.answer-key.json", "cvd.answer-key.md", "cvd.codebook.json", "cvd.codebook.md", "cvd.load.R", "cvd.load.py", "cvd.manifest.json",
                "cvd.test.clean.parquet", "cvd.test.complete.parquet", "cvd.test.dirty-log.csv", "cvd.test.mask.parquet", "cvd.test.parquet",
                "cvd.train.clean.parquet", "cvd.train.complete.parquet", "cvd.train.dirty-log.csv", "cvd.train.mask.parquet", "cvd.train.parquet",
                "m.yaml",
            ],
            dir.Entries());
        var key = File.ReadAllText(dir.File("cvd.answer-key.json"));
        Assert.Contains("\"method\": \"exact\"", key, StringComparison.Ordinal);
        Assert.Contains("\"causal_or\"", key, StringComparison.Ordinal);
        Assert.Contains("MNAR", key, StringComparison.Ordinal);
        Assert.Contains("Monte Carlo", key, StringComparison.Ordinal);
        Assert.Contains("levels = c(\"female\", \"male\")", File.ReadAllText(dir.File("cvd.load.R")), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_LeaveNothingBehind_When_OneOfManyOutputsExists()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", Model);
        dir.Write("cvd.mask.csv", "precious");
        var run = CliRunner.Run("generate", model, "-n", "100", "-o", dir.File("cvd.csv"), "--mask", "--complete");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("DS0902", run.Error, StringComparison.Ordinal);
        Assert.Equal(["cvd.mask.csv", "m.yaml"], dir.Entries());
        Assert.Equal("precious", File.ReadAllText(dir.File("cvd.mask.csv")));
    }

    [Fact]
    public void Should_RefuseClearly_When_ExcelCannotHoldTheRows()
    {
        using var dir = new TempDirectory();
        var model = dir.Write("m.yaml", Model);
        var run = CliRunner.Run("generate", model, "-n", "1048576", "-o", dir.File("cvd.xlsx"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("DS0704", run.Error, StringComparison.Ordinal);
        Assert.Equal(["m.yaml"], dir.Entries());
    }

    [Fact]
    public void Should_WriteMissingCellsEmpty_When_WritingCsvToStandardOutput()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("generate", dir.Write("m.yaml", Model), "-n", "2000");
        Assert.Equal(0, run.ExitCode);
        var lines = run.DataText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Contains(lines, l => l.Split(',')[1].Length == 0);
        Assert.Contains(lines, l => l.Split(',')[3].Length == 0);
        Assert.All(lines, l => Assert.NotEqual(string.Empty, l.Split(',')[2]));
    }
}
