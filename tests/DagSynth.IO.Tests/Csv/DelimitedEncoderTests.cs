using System.Text;
using DagSynth.IO;
using DagSynth.IO.Csv;
using DagSynth.Outputs;
using DagSynth.Sampling;
using DagSynth.Testing;
using FsCheck;
using FsCheck.Fluent;
using nietras.SeparatedValues;

namespace DagSynth.IO.Tests.Csv;

/// <summary>
/// The encoder against an independent reader: Sep parses what it writes back to exactly the levels
/// generated, whatever the names hold (separators, quotes, line breaks, non-ASCII, long names).
/// </summary>
[Trait("Category", "Property")]
public sealed class DelimitedEncoderTests
{
    private static readonly string[] Awkward =
    [
        "a", "yes", "no", "a,b", "say \"hi\"", "line\nbreak", "cr\rreturn", "tab\there", "é", "日本", "x", "",
        "a level name that is much longer than sixteen bytes", " padded ", "\"", ",", "12+", "<5",
    ];

    [Fact]
    public void Should_ReadBackEveryLevel_When_NamesAreAwkward()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), Arb.From(Gen.Elements(',', '\t')), (seed, separator) =>
        {
            // Given: a random model whose levels are renamed with awkward names
            var random = new Random(seed);
            var n = random.Next(1, 5);
            var yaml = new StringBuilder("dagsynth: 1\nvariables:\n");
            var levels = new List<string[]>();
            for (var v = 0; v < n; v++)
            {
                var names = Awkward.Where(a => a.Length > 0).OrderBy(_ => random.Next()).Take(random.Next(1, 5)).ToArray();
                levels.Add(names);
                yaml.Append($"  \"v{v} ,\\\"x\\\"\":\n    levels: [{string.Join(", ", names.Select(Quote))}]\n    normalize: true\n    probs: [{string.Join(", ", names.Select(_ => "1"))}]\n");
            }

            var model = ModelFile.ReadYaml(new StringReader(yaml.ToString()), "awkward.yaml").Model!;
            var plan = SamplingPlan.Compile(model);

            // When
            using var stream = new MemoryStream();
            var writer = DelimitedDataWriter.Create(stream, plan, separator);
            var sink = new CollectingSink(model.Variables.Length);
            var fan = new Fan(writer, sink);
            Generator.Run(plan, new GenerationOptions { Rows = 300, Seed = (ulong)seed, BatchSize = 77, Threads = 2 }, fan);
            writer.Complete();

            // Then
            stream.Position = 0;
            using var reader = Sep.New(separator).Reader(o => o with { Unescape = true }).From(stream);
            var header = reader.Header.ColNames;
            if (!header.SequenceEqual(model.Variables.Select(v => v.Name)))
            {
                return false;
            }

            var row = 0;
            foreach (var r in reader)
            {
                for (var v = 0; v < n; v++)
                {
                    if (r[v].ToString() != levels[v][sink.Column(v)[row]])
                    {
                        return false;
                    }
                }

                row++;
            }

            return row == 300;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    /// <summary>Hands each batch to both sinks (the writer prepares it first, as the generator would).</summary>
    private sealed class Fan(DelimitedDataWriter writer, CollectingSink sink) : IPreparingBatchSink
    {
        public void Prepare(SampleBatch batch) => writer.Prepare(batch);

        public void Write(SampleBatch batch)
        {
            writer.Write(batch);
            sink.Write(batch);
        }
    }
}
