using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DagSynth.Designs;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Testing;

namespace DagSynth.Benchmarks;

/// <summary>
/// Exact conditioned sampling: rows per second given no evidence, common evidence and rare evidence
/// (P(e) below 1e-6), on a generated 200-node network and on alarm with its first reference query
/// (P(e) = 0.0023, about bnlearn's logic-sampling example). <c>Generate</c> draws 100,000 rows into a
/// sink that only counts them, on one thread; <c>Condition</c> is the one-off cost of conditioning
/// (junction tree of the evidence's ancestors, calibration, posterior tables) and compiling the plan.
/// </summary>
[MemoryDiagnoser]
public class ConditionedSamplingBenchmarks
{
    public const long Rows = 100_000;

    private Model _model = null!;
    private SamplingEvidence _evidence = SamplingEvidence.None;
    private SamplingPlan _plan = null!;

    [Params("sparse-200/none", "sparse-200/common", "sparse-200/rare", "alarm/none", "alarm/reference")]
    public string Case { get; set; } = "sparse-200/none";

    /// <summary>P(evidence), for the results table.</summary>
    public double EvidenceProbability { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var (network, evidence) = (Case.Split('/')[0], Case.Split('/')[1]);
        if (network == "alarm")
        {
            var corpus = RepositoryPaths.Corpus;
            _model = DagSynth.IO.ModelFile.Read(Path.Combine(corpus, "networks", "bif", "alarm.bif")).Model!;
            using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "reference", "alarm.json")));
            var query = reference.RootElement.GetProperty("queries")[0];
            _evidence = evidence == "none"
                ? SamplingEvidence.None
                : SamplingEvidence.Of(query.GetProperty("evidence").EnumerateObject()
                    .Select(e => new LevelAssignment(_model.IndexOf(e.Name), _model[e.Name].LevelIndex(e.Value.GetString()!))));
        }
        else
        {
            _model = LargeModels.Sparse(seed: 7, variables: 200);
            var engine = InferenceEngine.Create(_model);
            _evidence = evidence switch
            {
                "common" => SamplingEvidence.Of(Find(_model, engine, 0.1, 0.5)),
                "rare" => SamplingEvidence.Of(Find(_model, engine, 0, 1e-6)),
                _ => SamplingEvidence.None,
            };
        }

        var conditioned = Conditioning.Apply(_model, _evidence, new ConditioningOptions());
        EvidenceProbability = conditioned.EvidenceProbability;
        Console.WriteLine($"// {Case}: P(evidence) = {EvidenceProbability:G3} ({_evidence.Describe(_model)})");
        _plan = conditioned.Compile();
    }

    [Benchmark]
    public SamplingPlan Condition() => Conditioning.Apply(_model, _evidence, new ConditioningOptions()).Compile();

    [Benchmark]
    public long Generate()
    {
        var sink = new CountingSink();
        Generator.Run(_plan, new GenerationOptions { Rows = Rows, Seed = 1, Threads = 1 }, sink);
        return sink.Rows;
    }

    /// <summary>
    /// Evidence on the last variables of <paramref name="model"/>, each at its least likely possible
    /// level, added until P(e) falls in (<paramref name="low"/>, <paramref name="high"/>].
    /// </summary>
    private static LevelAssignment[] Find(Model model, InferenceEngine engine, double low, double high)
    {
        var marginals = engine.Marginals().Marginals;
        var evidence = new List<LevelAssignment>();
        foreach (var v in model.Variables.Reverse())
        {
            var level = Enumerable.Range(0, v.Cardinality).Where(k => marginals[v.Index][k] > 0).MinBy(k => marginals[v.Index][k]);
            var candidate = evidence.Append(new LevelAssignment(v.Index, level)).ToList();
            var p = engine.Probability(Evidence.Of(candidate)).EvidenceProbability;
            if (p <= low)
            {
                continue;
            }

            evidence = candidate;
            if (p <= high)
            {
                return [.. evidence];
            }
        }

        throw new InvalidOperationException("no such evidence");
    }

    private sealed class CountingSink : IBatchSink
    {
        public long Rows { get; private set; }

        public void Write(SampleBatch batch) => Rows += batch.Count;
    }
}
