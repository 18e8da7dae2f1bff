using System.Collections.Immutable;

namespace DagSynth.Inference.Simulation;

/// <summary>A proportion estimated by simulation, with its 95% Wilson score interval.</summary>
/// <param name="Proportion">The observed share.</param>
/// <param name="Low">The lower bound of the 95% interval.</param>
/// <param name="High">The upper bound of the 95% interval.</param>
public readonly record struct ProportionEstimate(double Proportion, double Low, double High);

/// <summary>A numeric variable summarised from a simulated sample.</summary>
/// <param name="Count">Values summarised.</param>
/// <param name="Mean">The sample mean.</param>
/// <param name="MeanLow">The lower bound of the mean's 95% interval (normal approximation).</param>
/// <param name="MeanHigh">The upper bound of the mean's 95% interval.</param>
/// <param name="StandardDeviation">The sample standard deviation.</param>
/// <param name="Quantiles">Minimum, 5%, 25%, 50%, 75%, 95% and maximum, in that order.</param>
public sealed record NumericEstimate(long Count, double Mean, double MeanLow, double MeanHigh, double StandardDeviation, ImmutableArray<double> Quantiles)
{
    /// <summary>The probabilities of <see cref="Quantiles"/>.</summary>
    public static readonly ImmutableArray<double> QuantileProbabilities = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
}

/// <summary>What simulation says about one variable: level shares (discrete) or a numeric summary.</summary>
/// <param name="Variable">The variable's index.</param>
/// <param name="Levels">One estimate per level, for discrete variables.</param>
/// <param name="Numbers">The summary, for numeric variables.</param>
public sealed record SimulatedVariable(int Variable, ImmutableArray<ProportionEstimate> Levels, NumericEstimate? Numbers);

/// <summary>The result of <see cref="Simulator.Summarize"/>.</summary>
/// <param name="Rows">The sample size.</param>
/// <param name="Seed">The seed of the sample.</param>
/// <param name="Variables">The variables summarised.</param>
public sealed record SimulationSummary(long Rows, ulong Seed, ImmutableArray<SimulatedVariable> Variables)
{
    /// <summary>The summary of <paramref name="variable"/>, if it was summarised.</summary>
    public SimulatedVariable? Of(int variable) => Variables.FirstOrDefault(v => v.Variable == variable);
}
