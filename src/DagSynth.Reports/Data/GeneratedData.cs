using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.IO.Fakes;
using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.Reports.Data;

/// <summary>Generates a dataset into memory exactly as <c>dagsynth generate</c> writes it (same seed, same rows, same fake text).</summary>
public static class GeneratedData
{
    /// <summary>
    /// Generates <paramref name="rows"/> rows of <paramref name="model"/> with <paramref name="seed"/>;
    /// returns null with the diagnostics when a row breaks a rule or fake text cannot be made.
    /// </summary>
    public static (Dataset? Data, ImmutableArray<Diagnostic> Diagnostics) Generate(Model model, long rows, ulong seed, int threads = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var proofs = model.Rules.IsEmpty || !model.IsDiscreteTables ? null : InferenceEngine.Create(model).ProveRules();
        var plan = SamplingPlan.Compile(model, BogusFakeTextSource.Instance, proofs);
        if (plan.CheckFakeText() is { IsEmpty: false } fakeProblems)
        {
            return (null, [.. fakeProblems.Select(p => Diagnostic.Error(DiagnosticCodes.BadSettings, model.Location, p))]);
        }

        var collector = new DatasetCollector(model, rows);
        var result = Generator.Run(plan, new GenerationOptions { Rows = rows, Seed = seed, Threads = Math.Max(1, threads) }, collector, null, cancellationToken);
        return result.Failure is { } failure ? (null, [failure.ToDiagnostic()]) : (collector.ToDataset(), []);
    }
}
