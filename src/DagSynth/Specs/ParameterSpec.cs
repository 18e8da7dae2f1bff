namespace DagSynth.Specs;

/// <summary>
/// A named parameter (<c>parameters:</c>), usable wherever a number is expected: a constant, or a
/// free parameter for calibration, written as a mapping (<c>{fit: true, start: 0.1, min: 0, max: 1}</c>).
/// </summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">Its value (ignored when <see cref="Settings"/> is set).</param>
public sealed record ParameterSpec(Located<string> Name, NumberSpec Value)
{
    /// <summary>
    /// The settings of a parameter written as a mapping (<c>fit</c>, <c>start</c>, <c>min</c>,
    /// <c>max</c>), checked by the core; <see langword="null"/> for a parameter written as a number.
    /// </summary>
    public SpecMap? Settings { get; init; }
}
