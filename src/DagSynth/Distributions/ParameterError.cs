namespace DagSynth.Distributions;

/// <summary>
/// A parameter value that a distribution cannot take, found by <see cref="DistributionParameters"/>.
/// </summary>
/// <param name="Parameter">The parameter's name as the samplers spell it (<c>sd</c>, <c>shape</c>, <c>p</c>...).</param>
/// <param name="Message">What is wrong, naming the parameter and the value, such as
/// <c>sd must be a finite number greater than 0, got -1</c>.</param>
public readonly record struct ParameterError(string Parameter, string Message);
