namespace DagSynth.Inference;

/// <summary>
/// How much an arc parent → child matters under the model's own distribution.
/// <see cref="MutualInformation"/> is I(parent; child | other parents) in bits: the information the
/// arc carries beyond the child's other parents (0 when the child's table ignores that parent).
/// <see cref="MaxChange"/> is the largest total-variation distance between the child's distributions
/// for two levels of the parent, the other parents held at a possible configuration: 1 when some
/// change of the parent flips the child deterministically.
/// </summary>
/// <param name="Parent">The parent's index.</param>
/// <param name="Child">The child's index.</param>
/// <param name="MutualInformation">Conditional mutual information, in bits.</param>
/// <param name="MaxChange">The largest change in the child's distribution, from 0 to 1.</param>
public sealed record ArcStrength(int Parent, int Child, double MutualInformation, double MaxChange);
