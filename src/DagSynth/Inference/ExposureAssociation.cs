using System.Collections.Immutable;

namespace DagSynth.Inference;

/// <summary>
/// What the model implies about one exposure and the outcome: for each non-reference level, the
/// crude and causal measures. When they differ, the association is confounded (or the exposure is
/// not a cause at all): <see cref="HasBackdoorPath"/> says whether the graph has an open back-door
/// path, and <see cref="IsCause"/> whether the outcome descends from the exposure.
/// </summary>
/// <param name="Exposure">The exposure variable's index.</param>
/// <param name="ReferenceLevel">The reference level's code.</param>
/// <param name="IsCause">Whether the outcome is a descendant of the exposure (otherwise the causal risk difference is 0 and both causal ratios are 1).</param>
/// <param name="HasBackdoorPath">Whether a back-door path (a common cause) connects exposure and outcome.</param>
/// <param name="Levels">One entry per non-reference level, in level order.</param>
public sealed record ExposureAssociation(int Exposure, int ReferenceLevel, bool IsCause, bool HasBackdoorPath, ImmutableArray<ExposureLevelEffect> Levels);
