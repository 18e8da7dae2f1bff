using DagSynth.Designs;
using DagSynth.IO.Fakes;
using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Designs;

/// <summary>Runs conditioned plans and designs in memory, and counts what they produced.</summary>
internal static class DesignTesting
{
    public static SamplingPlan Conditioned(Model model, SamplingEvidence evidence, int maxAttempts = ConditioningOptions.DefaultMaxAttempts)
    {
        var conditioned = Conditioning.Apply(model, evidence, new ConditioningOptions { MaxAttempts = maxAttempts });
        Assert.True(conditioned.Succeeded, string.Join("\n", conditioned.Diagnostics));
        return conditioned.Compile(BogusFakeTextSource.Instance);
    }

    public static MixedModels.Batchless Run(SamplingPlan plan, long rows, ulong seed, int threads = 1, int batchSize = 4096)
    {
        var sink = new MixedModels.Batchless(plan.Model);
        var result = Generator.Run(plan, new GenerationOptions { Rows = rows, Seed = seed, Threads = threads, BatchSize = batchSize }, sink);
        Assert.True(result.Succeeded, result.Failure?.Describe());
        return sink;
    }

    public static (MixedModels.Batchless Rows, DesignResult Result) Run(StudyDesign design, ulong seed, int threads = 1, int batchSize = 4096)
    {
        var sink = new MixedModels.Batchless(design.Layout.Model);
        var result = design.Run(new GenerationOptions { Seed = seed, Threads = threads, BatchSize = batchSize }, sink);
        Assert.True(result.Succeeded, result.Failure?.Describe() + string.Join("\n", result.Diagnostics));
        return (sink, result);
    }

    public static StudyDesign Design(Model model, DesignRequest request)
    {
        var (design, diagnostics) = StudyDesign.Create(model, request, BogusFakeTextSource.Instance);
        Assert.True(design is not null, string.Join("\n", diagnostics));
        return design!;
    }

    /// <summary>Counts of each level code in <paramref name="column"/>.</summary>
    public static long[] Counts(IEnumerable<double> column, int cardinality)
    {
        var counts = new long[cardinality];
        foreach (var code in column)
        {
            counts[(int)code]++;
        }

        return counts;
    }

    /// <summary>Evidence of level assignments only.</summary>
    public static SamplingEvidence Levels(params LevelAssignment[] levels) => SamplingEvidence.Of(levels);

    /// <summary>Evidence of one condition written in the expression language.</summary>
    public static SamplingEvidence Predicate(Model model, string text)
    {
        var (level, predicate, diagnostics) = EvidenceParser.Parse(text, model);
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics));
        return level is { } l ? SamplingEvidence.Of([l]) : SamplingEvidence.Of([], [predicate!]);
    }
}
