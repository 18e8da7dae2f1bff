using System.Globalization;
using System.Text.Json;
using DagSynth.IO.Fakes;
using DagSynth.IO.Files;
using DagSynth.IO.Outputs;
using DagSynth.Models;
using DagSynth.Outputs;
using DagSynth.Sampling;
using DuckDB.NET.Data;
using MiniExcelLibs;

namespace DagSynth.IO.Tests.Outputs;

/// <summary>Every format read back (Parquet by DuckDB, an independent reader; Excel by MiniExcel) against the CSV of the same rows.</summary>
[Trait("Category", "Property")]
public sealed class OutputRoundTripTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dagsynth-io-tests", Guid.NewGuid().ToString("N"));

    public OutputRoundTripTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static List<(string Path, string Role, long Rows)> Write(Model model, string stem, DataFormat format, long rows, ulong seed, TeachingOptions options, int rowGroup = 0)
    {
        using var set = new OutputFileSet(overwrite: true);
        var writerOptions = new DataWriterOptions
        {
            Metadata = [KeyValuePair.Create("dagsynth.model", model.Name)],
            RowGroupSize = rowGroup > 0 ? rowGroup : null,
            CodebookSheet = format == DataFormat.Excel ? Codebook.Rows(model, format) : [],
        };
        var sink = new DatasetSink(model, seed, options, format, part => part is null ? stem : stem + "." + part, DataFormats.ExtensionOf(format), set.Open, writerOptions);
        var result = Generator.Run(SamplingPlan.Compile(model, BogusFakeTextSource.Instance), new GenerationOptions { Rows = rows, Seed = seed, Threads = 2, BatchSize = 997 }, sink);
        Assert.True(result.Succeeded);
        sink.Complete();
        sink.Dispose();
        Assert.Null(set.Commit());
        return [.. sink.Files];
    }

    internal static List<string[]> ReadCsv(string path) =>
        [.. File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public void Should_ReadBackTheSameCells_When_ParquetIsReadByDuckDb()
    {
        // Given the same rows written as CSV and as Parquet in several row groups
        var model = TeachingModels.Load(TeachingModels.Clinic);
        Write(model, Path.Combine(_dir, "d"), DataFormat.Csv, 3000, 5, new TeachingOptions());
        Write(model, Path.Combine(_dir, "d"), DataFormat.Parquet, 3000, 5, new TeachingOptions(), rowGroup: 1024);
        var csv = ReadCsv(Path.Combine(_dir, "d.csv"));

        // When DuckDB reads the Parquet file
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var parquet = Path.Combine(_dir, "d.parquet");
        var rows = new List<string[]>();
        var types = new Dictionary<string, Type>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"select * from read_parquet('{parquet}')";
            using var reader = command.ExecuteReader();
            for (var c = 0; c < reader.FieldCount; c++)
            {
                types[reader.GetName(c)] = reader.GetFieldType(c);
            }

            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(c => Parquet.ParquetFiles.Text(reader.IsDBNull(c) ? null : reader.GetValue(c)))]);
            }
        }

        // Then every cell matches, with booleans as booleans, dates as dates, missing as null
        Assert.Equal(csv.Count, rows.Count);
        Assert.Equal(csv, rows);
        Assert.Equal(typeof(string), types["sex"]);
        Assert.Equal(typeof(bool), types["smoker"]);
        Assert.Equal(typeof(DateOnly), types["visit"]);
        Assert.Equal(typeof(double), types["sbp"]);
        Assert.Contains(rows, r => r[1].Length == 0);

        // And the levels are dictionary-encoded and the model named in the metadata
        using var meta = connection.CreateCommand();
        meta.CommandText = $"select decode(key), decode(value) from parquet_kv_metadata('{parquet}')";
        var kv = new Dictionary<string, string>();
        using (var reader = meta.ExecuteReader())
        {
            while (reader.Read())
            {
                kv[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Equal("clinic", kv["dagsynth.model"]);
        Assert.Contains("\"levels\":[\"female\",\"male\"]", kv["dagsynth.columns"], StringComparison.Ordinal);
        using var encodings = connection.CreateCommand();
        encodings.CommandText = $"select distinct encodings, row_group_id from parquet_metadata('{parquet}') where path_in_schema = 'sex'";
        using var e = encodings.ExecuteReader();
        var groups = 0;
        while (e.Read())
        {
            Assert.Contains("DICTIONARY", e.GetString(0), StringComparison.Ordinal);
            groups++;
        }

        Assert.Equal(3, groups);
    }

    [Fact]
    public void Should_ReadBackTheSameCells_When_JsonLinesAreParsed()
    {
        var model = TeachingModels.Load(TeachingModels.Clinic);
        Write(model, Path.Combine(_dir, "d"), DataFormat.Csv, 500, 5, new TeachingOptions());
        Write(model, Path.Combine(_dir, "d"), DataFormat.JsonLines, 500, 5, new TeachingOptions());
        var csv = ReadCsv(Path.Combine(_dir, "d.csv"));
        var lines = File.ReadAllLines(Path.Combine(_dir, "d.jsonl"));
        Assert.Equal(csv.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var cells = json.RootElement.EnumerateObject().Select(p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => string.Empty,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => p.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                _ => p.Value.GetString()!,
            }).ToArray();
            Assert.Equal(csv[i], cells);
            Assert.Equal(JsonValueKind.True is var _ && csv[i][4].Length > 0 ? (csv[i][4] == "true" ? JsonValueKind.True : JsonValueKind.False) : JsonValueKind.Null, json.RootElement.GetProperty("smoker").ValueKind);
        }
    }

    [Fact]
    public void Should_ReadBackTheSameCells_When_ExcelIsReadByMiniExcel()
    {
        var model = TeachingModels.Load(TeachingModels.Clinic);
        Write(model, Path.Combine(_dir, "d"), DataFormat.Csv, 300, 5, new TeachingOptions());
        Write(model, Path.Combine(_dir, "d"), DataFormat.Excel, 300, 5, new TeachingOptions());
        var csv = ReadCsv(Path.Combine(_dir, "d.csv"));
        var xlsx = Path.Combine(_dir, "d.xlsx");
        Assert.Equal(["data", "codebook"], MiniExcel.GetSheetNames(xlsx));
        var rows = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "data").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(csv.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Values.Select(Parquet.ParquetFiles.Text).ToArray();
            Assert.Equal(csv[i], cells);
        }

        var codebook = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "codebook").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(model.Variables.Select(v => v.Name), codebook.Select(r => (string)r["variable"]!));
    }

    [Fact]
    public void Should_ListExactlyTheDifferences_When_DirtyDataIsLogged()
    {
        // Given clean and dirty files with their log
        var model = TeachingModels.Load(TeachingModels.Clinic);
        var files = Write(model, Path.Combine(_dir, "d"), DataFormat.Csv, 4000, 9, new TeachingOptions { Dirty = model.Dirty });
        var clean = ReadCsv(Path.Combine(_dir, "d.clean.csv"));
        var dirty = ReadCsv(Path.Combine(_dir, "d.csv"));
        var log = File.ReadAllLines(Path.Combine(_dir, "d.dirty-log.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var header = File.ReadLines(Path.Combine(_dir, "d.csv")).First().Split(',');

        // When the dirty rows are aligned with their clean rows (copies named by the log)
        var copies = log.Where(e => e[2].Length == 0).ToDictionary(e => long.Parse(e[0], CultureInfo.InvariantCulture), e => long.Parse(e[1], CultureInfo.InvariantCulture));
        var differences = new HashSet<string>();
        long next = 0;
        for (var r = 1; r <= dirty.Count; r++)
        {
            var source = copies.TryGetValue(r, out var c) ? c : ++next;
            for (var col = 0; col < header.Length; col++)
            {
                if (dirty[r - 1][col] != clean[(int)source - 1][col])
                {
                    differences.Add($"{r},{source},{header[col]},{clean[(int)source - 1][col]},{dirty[r - 1][col]}");
                }
            }
        }

        // Then the cell entries of the log are exactly the differences, and every kind occurs
        var logged = log.Where(e => e[2].Length > 0).Select(e => $"{e[0]},{e[1]},{e[2]},{e[4]},{e[5]}").ToHashSet();
        Assert.Equal(clean.Count, next);
        Assert.Equal(differences.Order(), logged.Order());
        Assert.Equal(
            ["capitalization", "duplicate", "near_duplicate", "out_of_range", "swapped_date", "typo", "unit_slip"],
            log.Select(e => e[3]).Distinct().Order());
        Assert.Contains(files, f => f.Role == "dirty-log" && f.Rows == log.Count);
    }

    [Fact]
    public void Should_SplitInExactShares_When_StratifiedByAVariable()
    {
        var model = TeachingModels.Load(TeachingModels.Clinic);
        var (split, error) = DataSplit.Parse("train=0.8,test=0.2", model, "sex");
        Assert.Null(error);
        Write(model, Path.Combine(_dir, "d"), DataFormat.Csv, 5000, 2, new TeachingOptions { Split = split });
        Write(model, Path.Combine(_dir, "all"), DataFormat.Csv, 5000, 2, new TeachingOptions());
        var train = ReadCsv(Path.Combine(_dir, "d.train.csv"));
        var test = ReadCsv(Path.Combine(_dir, "d.test.csv"));
        var all = ReadCsv(Path.Combine(_dir, "all.csv"));
        Assert.Equal(5000, train.Count + test.Count);
        foreach (var sex in new[] { "female", "male" })
        {
            var n = all.Count(r => r[0] == sex);
            var inTest = test.Count(r => r[0] == sex);
            Assert.InRange(inTest, (int)Math.Floor(n * 0.2) - 1, (int)Math.Ceiling(n * 0.2) + 1); // blocks of 5 within each stratum
        }

        // The parts partition the rows, in order.
        Assert.Equal(all.Select(r => string.Join(',', r)).Order(), train.Concat(test).Select(r => string.Join(',', r)).Order());
    }
}
