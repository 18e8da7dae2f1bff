using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Models;

/// <summary>
/// The outcome of reading or building a model: the model when there are no errors, and every
/// diagnostic found (warnings may accompany a model).
/// </summary>
/// <param name="Model">The model, or null when any diagnostic is an error.</param>
/// <param name="Diagnostics">All problems found, in source order.</param>
public sealed record ModelLoadResult(Model? Model, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether a model was produced.</summary>
    public bool Succeeded => Model is not null;

    /// <summary>The errors only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
