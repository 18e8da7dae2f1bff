using DagSynth.IO;
using DagSynth.IO.Fakes;
using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.Tests.Mixed;

/// <summary>Reads YAML models written in the tests, and generates from them in memory.</summary>
internal static class MixedModels
{
    public static Model Read(string yaml)
    {
        var result = ModelFile.ReadYaml(new StringReader(yaml), "test.yaml");
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    public static Batchless Generate(Model model, long rows, ulong seed, int threads = 1, int batchSize = 4096, long firstRow = 0)
    {
        var plan = SamplingPlan.Compile(model, BogusFakeTextSource.Instance);
        var sink = new Batchless(model);
        var result = Generator.Run(plan, new GenerationOptions { Rows = rows, Seed = seed, Threads = threads, BatchSize = batchSize, FirstRow = firstRow }, sink);
        Assert.True(result.Succeeded, result.Failure?.Describe());
        return sink;
    }

    /// <summary>Every generated cell, by column, as numbers (codes for discrete variables) or text.</summary>
    internal sealed class Batchless(Model model) : IBatchSink
    {
        private readonly List<double>[] _numbers = [.. model.Variables.Select(_ => new List<double>())];
        private readonly List<string>[] _texts = [.. model.Variables.Select(_ => new List<string>())];

        public int Rows => _numbers.Length == 0 ? 0 : Math.Max(_numbers[0].Count, _texts[0].Count);

        public IReadOnlyList<double> Column(string name) => _numbers[model.IndexOf(name)];

        public IReadOnlyList<string> Text(string name) => _texts[model.IndexOf(name)];

        public void Write(SampleBatch batch)
        {
            foreach (var v in model.Variables)
            {
                switch (v.Kind)
                {
                    case var k when k.IsDiscrete():
                        foreach (var c in batch.Codes(v.Index))
                        {
                            _numbers[v.Index].Add(c);
                        }

                        break;
                    case VariableKind.Text:
                        foreach (var t in batch.Texts(v.Index))
                        {
                            _texts[v.Index].Add(t);
                        }

                        break;
                    default:
                        foreach (var x in batch.Values(v.Index))
                        {
                            _numbers[v.Index].Add(x);
                        }

                        break;
                }
            }
        }
    }
}
