using DagSynth.IO;
using DagSynth.Learning;
using DagSynth.Models;
using DagSynth.Reports.Data;
using DagSynth.Testing;

namespace DagSynth.Cli.Tests.Commands;

[Trait("Category", "Cli")]
public sealed class LearnCommandTests
{
    private static string Asia => RepositoryPaths.InRepository("examples", "asia.yaml");

    [Fact]
    [Trait("Category", "Statistical")]
    public void Should_RecoverEveryProbabilityOfAsia_When_LearningFrom200000GeneratedRows()
    {
        // Given: 200,000 rows of asia (seed 7), learned back by maximum likelihood and with BDeu (ESS 1,
        // keeping the zeros of 'either', which asia's rule needs)
        using var folder = new Folder();
        var data = folder.File("asia.csv");
        Assert.Equal(0, Dagsynth("generate", Asia, "--rows", "200000", "--seed", "7", "--out", data).ExitCode);

        // When
        var ml = Dagsynth("learn", data, "--dag", Asia, "--prior", "none", "--out", folder.File("ml.yaml"));
        var bdeu = Dagsynth("learn", data, "--dag", Asia, "--keep-zeros", "--out", folder.File("bdeu.yaml"));

        // Then: each probability within 4 standard errors sqrt(p(1-p)/n) of the true one, where n is
        // the count of its parent configuration (plus the prior's pull, ESS/n at most, for BDeu); the
        // structural zeros of 'either' stay exactly zero by maximum likelihood
        Assert.Equal(0, ml.ExitCode);
        Assert.Equal(0, bdeu.ExitCode);
        Assert.Contains("learned 8 tables (maximum likelihood) from 200,000 rows (every row used), 0 unseen parent configurations", ml.Error, StringComparison.Ordinal);
        var truth = ModelFile.Read(Asia).Model!;
        var (dataset, _) = CsvDatasetReader.Read(data, truth);
        var checkedCells = 0;
        foreach (var (file, pull) in new[] { ("ml.yaml", 0.0), ("bdeu.yaml", 1.0) })
        {
            var learned = ModelFile.Read(folder.File(file)).Model!;
            foreach (var v in truth.Variables)
            {
                var trueTable = ((CptConditional)v.Conditional).Table;
                var learnedTable = ((CptConditional)learned[v.Name].Conditional).Table;
                var counts = FamilyCounts.Count(dataset!.Codes(v.Index), v.Cardinality, [.. v.Parents.Select(p => (ReadOnlyMemory<ushort>)dataset.Codes(p).ToArray())], trueTable.ParentCardinalities);
                for (var j = 0; j < trueTable.RowCount; j++)
                {
                    var n = 0L;
                    foreach (var c in counts.Row(j))
                    {
                        n += c;
                    }

                    Assert.True(n > 0, $"{v.Name}: configuration {j} unseen");
                    for (var k = 0; k < v.Cardinality; k++)
                    {
                        var p = trueTable.Row(j)[k];
                        var tolerance = (4 * Math.Sqrt(p * (1 - p) / n)) + (pull / n) + 1e-12;
                        var estimate = learnedTable.Row(j)[k];
                        Assert.True(Math.Abs(estimate - p) <= tolerance, $"{file}, {v.Name}, configuration {j}, level {k}: {estimate} vs {p} (n = {n}, tolerance {tolerance})");
                        checkedCells++;
                    }
                }
            }
        }

        Assert.Equal(2 * truth.Variables.Sum(v => ((CptConditional)v.Conditional).Table.Values.Length), checkedCells);
    }

    [Fact]
    public void Should_ReportTheRuleAndWriteNothing_When_LearnedTablesCanBreakIt()
    {
        // Given: asia's rule needs the zeros of 'either', which BDeu fills
        using var folder = new Folder();
        var data = WriteAsiaData(folder, 1000);

        // When
        var run = Dagsynth("learn", data, "--dag", Asia, "--out", folder.File("out.yaml"));

        // Then
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error DS0407: learned tables: the rule 'never: either", run.Error, StringComparison.Ordinal);
        Assert.Contains("--keep-zeros", run.Error, StringComparison.Ordinal);
        Assert.Contains("was not written", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out.yaml")));
    }

    [Fact]
    public void Should_RefuseWithAUsageError_When_NoDagIsGiven()
    {
        // When
        var run = Dagsynth("learn", "data.csv", "--out", "learned.yaml");

        // Then
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("structure learning is not supported yet", run.Error, StringComparison.Ordinal);
        Assert.Contains("--dag MODEL", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--prior", "k2")]
    [InlineData("--ess", "0")]
    public void Should_RefuseWithAUsageError_When_AnOptionIsOutOfRange(string option, string value)
    {
        var run = Dagsynth("learn", "data.csv", "--dag", Asia, "--out", "learned.yaml", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_RefuseToOverwrite_When_TheOutputExistsWithoutForce()
    {
        // Given
        using var folder = new Folder();
        var data = WriteAsiaData(folder, 200);
        File.WriteAllText(folder.File("out.yaml"), "keep me");

        // When
        var refused = Dagsynth("learn", data, "--dag", Asia, "--keep-zeros", "--out", folder.File("out.yaml"));
        var forced = Dagsynth("learn", data, "--dag", Asia, "--keep-zeros", "--out", folder.File("out.yaml"), "--force");

        // Then
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("DS0902", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("dagsynth: 1", File.ReadAllText(folder.File("out.yaml")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.partial"));
    }

    [Fact]
    public void Should_NameTheAbsentColumn_When_TheDataLacksAVariable()
    {
        // Given: the data without its 'dysp' column
        using var folder = new Folder();
        var data = WriteAsiaData(folder, 50);
        var lines = File.ReadAllLines(data);
        var drop = Array.IndexOf(lines[0].Split(','), "dysp");
        File.WriteAllLines(data, lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != drop))));

        // When
        var run = Dagsynth("learn", data, "--dag", Asia, "--out", folder.File("out.yaml"));

        // Then
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("DS0802", run.Error, StringComparison.Ordinal);
        Assert.Contains("'dysp'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out.yaml")));
    }

    [Fact]
    public void Should_NameTheNodesThatAreNotTables_When_TheModelHasOthers()
    {
        // Given: cvd-risk has distributions, formulas and fake text
        using var folder = new Folder();
        File.WriteAllText(folder.File("data.csv"), "x\n1\n");

        // When
        var run = Dagsynth("learn", folder.File("data.csv"), "--dag", RepositoryPaths.InRepository("examples", "cvd-risk.yaml"), "--out", folder.File("out.yaml"));

        // Then
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("DS0804", run.Error, StringComparison.Ordinal);
        Assert.Contains("not a discrete table", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out.yaml")));
    }

    [Fact]
    public void Should_UseEachTablesObservedRowsAndWarnOfUnseenConfigurations_When_CellsAreMissingWithoutAPrior()
    {
        // Given: a few rows, one with a missing cell, so that some configurations never occur
        using var folder = new Folder();
        var data = WriteAsiaData(folder, 20);
        var lines = File.ReadAllLines(data);
        var smoke = Array.IndexOf(lines[0].Split(','), "smoke");
        lines[1] = string.Join(',', lines[1].Split(',').Select((c, i) => i == smoke ? string.Empty : c));
        File.WriteAllLines(data, lines);

        // When
        var run = Dagsynth("learn", data, "--dag", Asia, "--prior", "none", "--keep-zeros", "--out", folder.File("out.yaml"));

        // Then
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("DS0805", run.Error, StringComparison.Ordinal);
        Assert.Contains("from 20 rows (each table used 19 to 20 of them", run.Error, StringComparison.Ordinal);
        Assert.NotNull(ModelFile.Read(folder.File("out.yaml")).Model);
    }

    private static string WriteAsiaData(Folder folder, int rows)
    {
        var data = folder.File("asia.csv");
        Assert.Equal(0, Dagsynth("generate", Asia, "--rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "3", "--out", data).ExitCode);
        return data;
    }

    private static CliRun Dagsynth(params string[] args) => CliRunner.Run(args);

    private sealed class Folder : IDisposable
    {
        public Folder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dagsynth-learn-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
