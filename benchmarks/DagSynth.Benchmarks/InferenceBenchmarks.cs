using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.Benchmarks;

/// <summary>
/// Exact inference on the corpus networks (read with the test-only BIF loader; the shared corpus
/// must sit beside the repository) and on generated sparse networks of hundreds of nodes: all
/// marginals (compile and calibrate a junction tree) and one posterior query with evidence
/// (pruned variable elimination), each from a fresh engine.
/// </summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private Model _model = null!;
    private int _target;
    private Evidence _evidence = Evidence.None;

    [Params("asia", "alarm", "child", "insurance", "sparse-300", "sparse-1000")]
    public string Network { get; set; } = "asia";

    [GlobalSetup]
    public void Setup()
    {
        if (Network.StartsWith("sparse-", StringComparison.Ordinal))
        {
            var size = int.Parse(Network["sparse-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            _model = LargeModels.Sparse(seed: 7, variables: size);
            _target = size - 1;
            _evidence = Evidence.Of(new LevelAssignment(size / 2, 0), new LevelAssignment(size / 3, 1));
            return;
        }

        var corpus = RepositoryPaths.Corpus;
        _model = LoadModel(Path.Combine(corpus, "networks", "bif", Network + ".bif"));
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "reference", Network + ".json")));
        var query = reference.RootElement.GetProperty("queries")[0];
        _target = _model.IndexOf(query.GetProperty("target").GetString()!);
        _evidence = Evidence.Of(query.GetProperty("evidence").EnumerateObject()
            .Select(e => new LevelAssignment(_model.IndexOf(e.Name), _model[e.Name].LevelIndex(e.Value.GetString()!))));
    }

    [Benchmark]
    public MarginalsResult Marginals() => InferenceEngine.Create(_model).Marginals();

    [Benchmark]
    public QueryResult Query() => InferenceEngine.Create(_model).Query(_target, _evidence);

    private static DagSynth.Models.Model LoadModel(string path)
    {
        var result = DagSynth.IO.ModelFile.Read(path);
        return result.Model ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }
}
