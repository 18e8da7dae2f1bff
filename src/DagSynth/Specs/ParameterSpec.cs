namespace DagSynth.Specs;

/// <summary>A named constant (<c>parameters:</c>), usable wherever a number is expected.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">Its value.</param>
public sealed record ParameterSpec(Located<string> Name, NumberSpec Value);
