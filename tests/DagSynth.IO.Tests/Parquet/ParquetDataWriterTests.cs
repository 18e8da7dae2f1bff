using System.Globalization;
using System.Text;
using DagSynth.IO.Fakes;
using DagSynth.IO.Outputs;
using DagSynth.IO.Parquet;
using DagSynth.IO.Tests.Outputs;
using DagSynth.Models;
using DagSynth.Outputs;
using DagSynth.Sampling;

namespace DagSynth.IO.Tests.Parquet;

/// <summary>
/// Our Parquet writer read back by two independent readers (Parquet.Net and DuckDB) against the CSV of
/// the same seed, and the parts of the format we promise: types, nullability, row groups, the
/// dictionary in model order, metadata, statistics, bounded memory.
/// </summary>
[Trait("Category", "Property")]
public sealed class ParquetDataWriterTests : IDisposable
{
    /// <summary>Every column kind, required and optional.</summary>
    private const string Kinds = """
        dagsynth: 1
        name: kinds
        seed: 3
        variables:
          id:
            type: id
            pattern: "K-#####"
            order: shuffled
          colour:
            levels: [red, green, blue, ünïcode]
            probs: [0.1, 0.2, 0.3, 0.4]
            missing: 0.1
          grade:
            type: ordinal
            levels: [low, mid, high]
            probs: [0.5, 0.3, 0.2]
          flag:
            type: boolean
            probs: [0.7, 0.3]
          maybe:
            type: logistic
            baseline: 0.4
            odds_ratios: {grade: {high: 2}}
            missing: 0.2
          x:
            type: normal
            mean: 0
            sd: 1
          y:
            type: normal
            mean: 10
            sd: 3
            missing: 0.15
          n:
            type: poisson
            mean: 3
          k:
            type: poisson
            mean: 2
            missing: 0.1
          day:
            type: date
            min: date("2020-01-01")
            max: date("2024-12-31")
            missing: 0.05
          name:
            type: fake
            field: first_name
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dagsynth-parquet-tests", Guid.NewGuid().ToString("N"));

    public ParquetDataWriterTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public sealed class TheWriteMethod : IDisposable
    {
        private readonly ParquetDataWriterTests _t = new();

        public void Dispose() => _t.Dispose();

        [Fact]
        public async Task Should_ReadBackTheCsvCells_When_EveryColumnKindIsReadByParquetNetAndDuckDb()
        {
            // Given the same seed written as CSV and as Parquet in row groups of 1024 rows
            var model = TeachingModels.Load(Kinds);
            var stem = Path.Combine(_t._dir, "d");
            OutputRoundTripTests.Write(model, stem, DataFormat.Csv, 5000, 11, new TeachingOptions());
            OutputRoundTripTests.Write(model, stem, DataFormat.Parquet, 5000, 11, new TeachingOptions(), rowGroup: 1024);
            var csv = OutputRoundTripTests.ReadCsv(stem + ".csv");

            // When both readers read the Parquet file
            var (rows, fields, groups, metadata) = await ParquetFiles.ReadWithParquetNet(stem + ".parquet");
            var (duck, types) = ParquetFiles.ReadWithDuckDb(stem + ".parquet");

            // Then every cell is the CSV's, in 5 row groups
            Assert.Equal(5, groups);
            Assert.Equal(csv, rows);
            Assert.Equal(csv, duck);

            // And the types and nullability are the promised ones
            var expected = new Dictionary<string, (Type Parquet, Type Duck, bool Nullable)>
            {
                ["id"] = (typeof(string), typeof(string), false),
                ["colour"] = (typeof(string), typeof(string), true),
                ["grade"] = (typeof(string), typeof(string), false),
                ["flag"] = (typeof(bool), typeof(bool), false),
                ["maybe"] = (typeof(bool), typeof(bool), true),
                ["x"] = (typeof(double), typeof(double), false),
                ["y"] = (typeof(double), typeof(double), true),
                ["n"] = (typeof(long), typeof(long), false),
                ["k"] = (typeof(long), typeof(long), true),
                ["day"] = (typeof(DateOnly), typeof(DateOnly), true),
                ["name"] = (typeof(string), typeof(string), false),
            };
            Assert.Equal(expected.Keys, fields.Select(f => f.Name));
            foreach (var field in fields)
            {
                var (parquet, duckType, nullable) = expected[field.Name];
                Assert.True(field.ClrType == parquet || (parquet == typeof(string) && field.ClrType == typeof(ReadOnlyMemory<char>)) || (parquet == typeof(DateOnly) && field.ClrType == typeof(DateTime)), $"{field.Name}: {field.ClrType}");
                Assert.Equal(nullable, field.IsNullable);
                Assert.Equal(duckType, types[field.Name]);
            }

            for (var c = 0; c < fields.Length; c++)
            {
                Assert.Equal(fields[c].IsNullable, csv.Any(r => r[c].Length == 0));
            }

            Assert.Equal("kinds", metadata["dagsynth.model"]);
            Assert.Contains("\"levels\":[\"low\",\"mid\",\"high\"],\"ordered\":true", metadata["dagsynth.columns"], StringComparison.Ordinal);
        }

        [Fact]
        public async Task Should_ReadBackTheDirtyCsvCells_When_LevelsBecomeText()
        {
            // Given dirty data (typos turn level columns into text columns), written both ways
            var model = TeachingModels.Load(TeachingModels.Clinic);
            var stem = Path.Combine(_t._dir, "d");
            var options = new TeachingOptions { Dirty = model.Dirty, Complete = true };
            OutputRoundTripTests.Write(model, stem, DataFormat.Csv, 3000, 4, options);
            OutputRoundTripTests.Write(model, stem, DataFormat.Parquet, 3000, 4, options, rowGroup: 700);

            // Then the dirty, clean and complete files read back as their CSVs
            foreach (var part in new[] { string.Empty, ".clean", ".complete" })
            {
                var csv = OutputRoundTripTests.ReadCsv(stem + part + ".csv");
                Assert.Equal(csv, (await ParquetFiles.ReadWithParquetNet(stem + part + ".parquet")).Rows);
                Assert.Equal(csv, ParquetFiles.ReadWithDuckDb(stem + part + ".parquet").Rows);
            }
        }

        [Fact]
        public async Task Should_WriteTheSchemaAndNoRowGroup_When_ThereAreNoRows()
        {
            // Given a table of 0 rows
            var model = TeachingModels.Load(Kinds);
            var path = Path.Combine(_t._dir, "empty.parquet");
            using (var file = File.Create(path))
            using (var writer = new ParquetDataWriter(file, OutputSchema.Data(model)))
            {
                writer.Complete();
                Assert.Equal(0, writer.RowsWritten);
            }

            // Then both readers see the columns and no rows
            var (rows, fields, groups, _) = await ParquetFiles.ReadWithParquetNet(path);
            Assert.Empty(rows);
            Assert.Equal(0, groups);
            Assert.Equal(model.Variables.Select(v => v.Name), fields.Select(f => f.Name));
            var (duck, types) = ParquetFiles.ReadWithDuckDb(path);
            Assert.Empty(duck);
            Assert.Equal(typeof(DateOnly), types["day"]);
            Assert.Equal([["0"]], ParquetFiles.Query($"select count(*) from read_parquet('{path}')"));
        }

        [Fact]
        public async Task Should_UseSmallerRowGroups_When_TheTableIsWide()
        {
            // Given 300 level columns (so row groups of 16,384 rows, not 131,072)
            var yaml = new StringBuilder("dagsynth: 1\nname: wide\nvariables:\n");
            for (var v = 0; v < 300; v++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  v{v}:\n    levels: [a, b, c]\n    probs: [0.2, 0.3, 0.5]\n");
            }

            var model = TeachingModels.Load(yaml.ToString());
            var stem = Path.Combine(_t._dir, "wide");
            OutputRoundTripTests.Write(model, stem, DataFormat.Csv, 40_000, 2, new TeachingOptions());
            OutputRoundTripTests.Write(model, stem, DataFormat.Parquet, 40_000, 2, new TeachingOptions());
            using (var writer = new ParquetDataWriter(Stream.Null, OutputSchema.Data(model)))
            {
                Assert.Equal(16_384, writer.RowGroupSize);
            }

            // Then the file has 3 row groups and the CSV's cells
            var (rows, _, groups, _) = await ParquetFiles.ReadWithParquetNet(stem + ".parquet");
            Assert.Equal(3, groups);
            Assert.Equal(OutputRoundTripTests.ReadCsv(stem + ".csv"), rows);
            Assert.Equal([["40000"]], ParquetFiles.Query($"select count(*) from read_parquet('{stem}.parquet')"));
            Assert.Equal([["3", "300"]], ParquetFiles.Query($"select count(distinct row_group_id), count(distinct path_in_schema) from parquet_metadata('{stem}.parquet')"));
        }

        [Fact]
        public async Task Should_ListTheLevelsInModelOrder_When_TheDictionaryPageIsRead()
        {
            // Given levels whose first occurrence is not their model order, awkward names among them
            var model = TeachingModels.Load("""
                dagsynth: 1
                name: order
                variables:
                  z:
                    levels: [zeta, alpha, "with,comma", "q\"uote", ünï, never]
                    probs: [0.05, 0.4, 0.25, 0.2, 0.1, 0]
                    missing: 0.1
                  w:
                    levels: [b, a]
                    probs: [0.01, 0.99]
                """);
            var stem = Path.Combine(_t._dir, "order");
            OutputRoundTripTests.Write(model, stem, DataFormat.Parquet, 3000, 1, new TeachingOptions(), rowGroup: 1000);

            // Then every row group's dictionary page holds the levels in model order (also a level never drawn)
            for (var g = 0; g < 3; g++)
            {
                Assert.Equal(["zeta", "alpha", "with,comma", "q\"uote", "ünï", "never"], await ParquetFiles.DictionaryEntries(stem + ".parquet", g, 0));
                Assert.Equal(["b", "a"], await ParquetFiles.DictionaryEntries(stem + ".parquet", g, 1));
            }

            // And the first value read is not the first level (so first occurrence would have put it first)
            var rows = (await ParquetFiles.ReadWithParquetNet(stem + ".parquet")).Rows;
            Assert.Equal("a", rows[0][1]);
            Assert.DoesNotContain(rows, r => r[0] == "never");
            Assert.Equal(model.Variables[0].Levels, System.Text.Json.JsonSerializer.Deserialize<string[]>((await ParquetFiles.ColumnMetadata(stem + ".parquet", 2, "z"))["dagsynth.levels"]));
        }

        [Fact]
        public void Should_PruneRowGroupsCorrectly_When_DuckDbFiltersOnStatistics()
        {
            // Given numbers, counts and dates with their min, max and null count per row group
            var model = TeachingModels.Load(Kinds);
            var stem = Path.Combine(_t._dir, "stats");
            OutputRoundTripTests.Write(model, stem, DataFormat.Csv, 4000, 8, new TeachingOptions());
            OutputRoundTripTests.Write(model, stem, DataFormat.Parquet, 4000, 8, new TeachingOptions(), rowGroup: 500);
            var csv = OutputRoundTripTests.ReadCsv(stem + ".csv");
            var file = stem + ".parquet";

            // Then the statistics are those of the rows of each group
            var stats = ParquetFiles.Query($"select row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count from parquet_metadata('{file}') order by row_group_id, column_id");
            foreach (var row in stats)
            {
                var group = int.Parse(row[0], CultureInfo.InvariantCulture);
                var c = Array.IndexOf(model.Variables.Select(v => v.Name).ToArray(), row[1]);
                var cells = csv.Skip(group * 500).Take(500).Select(r => r[c]).ToList();
                Assert.Equal(cells.Count(s => s.Length == 0).ToString(CultureInfo.InvariantCulture), row[4]);
                if (row[1] is "x" or "y")
                {
                    var values = cells.Where(s => s.Length > 0).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
                    Assert.Equal(values.Min(), double.Parse(row[2], CultureInfo.InvariantCulture));
                    Assert.Equal(values.Max(), double.Parse(row[3], CultureInfo.InvariantCulture));
                }
                else if (row[1] is "n" or "k")
                {
                    var values = cells.Where(s => s.Length > 0).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
                    Assert.Equal(values.Min().ToString(CultureInfo.InvariantCulture), row[2]);
                    Assert.Equal(values.Max().ToString(CultureInfo.InvariantCulture), row[3]);
                }
                else if (row[1] is "day")
                {
                    Assert.Equal(cells.Where(s => s.Length > 0).Min(StringComparer.Ordinal), row[2]);
                    Assert.Equal(cells.Where(s => s.Length > 0).Max(StringComparer.Ordinal), row[3]);
                }
            }

            // And filters that use them count what the CSV counts
            var x = csv.Count(r => double.Parse(r[5], CultureInfo.InvariantCulture) > 2.5);
            var n = csv.Count(r => long.Parse(r[7], CultureInfo.InvariantCulture) >= 8);
            var day = csv.Count(r => r[9].Length > 0 && string.CompareOrdinal(r[9], "2024-12-01") >= 0);
            Assert.Equal([[x.ToString(CultureInfo.InvariantCulture)]], ParquetFiles.Query($"select count(*) from read_parquet('{file}') where x > 2.5"));
            Assert.Equal([[n.ToString(CultureInfo.InvariantCulture)]], ParquetFiles.Query($"select count(*) from read_parquet('{file}') where n >= 8"));
            Assert.Equal([[day.ToString(CultureInfo.InvariantCulture)]], ParquetFiles.Query($"select count(*) from read_parquet('{file}') where day >= date '2024-12-01'"));
        }

        [Fact]
        public void Should_NotAllocateWithTheRows_When_ManyRowGroupsAreWritten()
        {
            // Given the same batches written 10 times over in row groups of 4,096 rows
            var model = TeachingModels.Load(Kinds);
            var schema = OutputSchema.Data(model);
            var plan = SamplingPlan.Compile(model, BogusFakeTextSource.Instance);
            var chunks = new List<RowChunk>();
            Generator.Run(plan, new GenerationOptions { Rows = 50_000, Seed = 1, Threads = 1, BatchSize = 5000 }, new ChunkCopier(schema, chunks));

            // When 50,000 and then 500,000 rows are written, counting what the writer allocates
            long Allocated(int repeats)
            {
                using var writer = new ParquetDataWriter(Stream.Null, schema, new DataWriterOptions { RowGroupSize = 4096 });
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var r = 0; r < repeats; r++)
                {
                    chunks.ForEach(writer.Write);
                }

                writer.Complete();
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            var small = Allocated(1);
            var large = Allocated(10);

            // Then ten times the rows cost the footer's few bytes per column chunk, not the rows' bytes
            // (450,000 more rows of 11 columns are several MB encoded)
            Assert.True(large - small < 1_000_000, $"50,000 rows: {small:N0} bytes allocated; 500,000 rows: {large:N0}");
        }
    }

    /// <summary>Copies each batch's observed rows into a chunk of its own.</summary>
    private sealed class ChunkCopier(OutputSchema schema, List<RowChunk> chunks) : IBatchSink
    {
        public void Write(SampleBatch batch)
        {
            var rows = Enumerable.Range(0, batch.Count).ToArray();
            chunks.Add(RowChunk.Of(batch, schema, observed: true).Select(rows, new RowChunk(schema, batch.Count)));
        }
    }
}
