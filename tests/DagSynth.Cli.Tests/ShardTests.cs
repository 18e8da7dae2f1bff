using DagSynth.Sampling;
using DuckDB.NET.Data;

namespace DagSynth.Cli.Tests;

/// <summary>Shards generated separately, concatenated in order, are byte for byte the single run.</summary>
[Trait("Category", "Cli")]
public sealed class ShardTests
{
    [Theory]
    [InlineData("csv", 4)]
    [InlineData("tsv", 3)]
    [InlineData("jsonl", 4)]
    public void Should_ConcatenateToTheSingleRun_When_ShardsAreGeneratedApart(string extension, int shards)
    {
        // Given: a mixed model (identifiers, names, numbers, dates) and a row count that does not divide evenly
        using var dir = new TempDirectory();
        var model = dir.Write("mixed.yaml", TestModels.Mixed);
        const string Rows = "10007";

        // When: one run, and each shard on its own (different thread counts, as on different machines)
        var whole = CliRunner.Run("generate", model, "--rows", Rows, "--out", dir.File($"whole.{extension}"), "--no-manifest");
        Assert.Equal(0, whole.ExitCode);
        using var joined = new MemoryStream();
        for (var i = 0; i < shards; i++)
        {
            var part = dir.File($"part-{i}.{extension}");
            var run = CliRunner.Run("generate", model, "--rows", Rows, "--shard", $"{i}/{shards}", "--threads", $"{1 + (i % 2)}", "--out", part, "--no-manifest");
            Assert.Equal(0, run.ExitCode);
            joined.Write(File.ReadAllBytes(part));
        }

        // Then
        Assert.Equal(File.ReadAllBytes(dir.File($"whole.{extension}")), joined.ToArray());
    }

    [Fact]
    public void Should_ReadAsOneDataset_When_ParquetShardsAreQueriedTogether()
    {
        // Given: three Parquet shards and the single run
        using var dir = new TempDirectory();
        var model = dir.Write("mixed.yaml", TestModels.Mixed);
        Assert.Equal(0, CliRunner.Run("generate", model, "--rows", "5000", "--out", dir.File("whole.parquet"), "--no-manifest").ExitCode);
        Directory.CreateDirectory(dir.File("parts"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, CliRunner.Run("generate", model, "--rows", "5000", "--shard", $"{i}/3", "--out", Path.Combine(dir.File("parts"), $"part-{i}.parquet"), "--no-manifest").ExitCode);
        }

        // When: DuckDB (an independent reader) reads the parts as one dataset, and the single file
        string Rows(string source)
        {
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"select * from read_parquet('{source}') order by id";
            using var reader = command.ExecuteReader();
            var text = new System.Text.StringBuilder();
            while (reader.Read())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{reader.GetValue(c)}|");
                }

                text.Append('\n');
            }

            return text.ToString();
        }

        // Then
        var whole = Rows(dir.File("whole.parquet"));
        Assert.Equal(5000, whole.Count(c => c == '\n'));
        Assert.Equal(whole, Rows(Path.Combine(dir.File("parts"), "part-*.parquet")));
    }

    [Fact]
    public void Should_ReadTheIndexFromTheScheduler_When_GivenAVariableName()
    {
        var (shard, problem) = Shard.Parse("SLURM_ARRAY_TASK_ID/8", name => name == "SLURM_ARRAY_TASK_ID" ? "5" : null);
        Assert.Null(problem);
        Assert.Equal(new Shard(5, 8), shard);
        Assert.Equal((625L, 125L), shard!.Value.RowsOf(1000));
    }

    [Theory]
    [InlineData("4/4", "from 0 to 3")]
    [InlineData("1/0", "N a whole number from 1")]
    [InlineData("JOB_COMPLETION_INDEX/4", "is not set")]
    [InlineData("x", "takes I/N")]
    public void Should_Refuse_When_TheShardIsMalformed(string text, string message)
    {
        var (shard, problem) = Shard.Parse(text, _ => null);
        Assert.Null(shard);
        Assert.Contains(message, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_CoverEveryRowOnce_When_SplittingAnyRowCount()
    {
        foreach (var total in new long[] { 0, 1, 7, 10_007, long.MaxValue / 3 })
        {
            foreach (var n in new[] { 1, 2, 3, 8, 1000 })
            {
                var next = 0L;
                for (var i = 0; i < n; i++)
                {
                    var (first, rows) = new Shard(i, n).RowsOf(total);
                    Assert.Equal(next, first);
                    next = first + rows;
                }

                Assert.Equal(total, next);
            }
        }
    }
}
