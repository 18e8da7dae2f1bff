using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Calibration;

/// <summary>
/// A number of the model left for calibration to find: a <c>fit</c> token written in place of a number
/// (<c>intercept: fit</c>, <c>probs: [fit, fit]</c>), or a named parameter declared free
/// (<c>parameters: {p: {fit: true, start: 0.1, min: 0, max: 1}}</c>).
/// </summary>
public sealed class FreeParameter
{
    internal FreeParameter(string name, string? variable, SourceSpan location, double start, double minimum, double maximum, int row, int ordinal, string? parameterName)
    {
        Name = name;
        Variable = variable;
        Location = location;
        Start = start;
        Minimum = minimum;
        Maximum = maximum;
        Row = row;
        Ordinal = ordinal;
        ParameterName = parameterName;
    }

    /// <summary>The parameter as reports name it: <c>cvd_10y: intercept</c>, <c>smoker (sex=male): P(true)</c>, or a named parameter's name.</summary>
    public string Name { get; }

    /// <summary>The variable whose definition holds the <c>fit</c> token, or null for a named parameter.</summary>
    public string? Variable { get; }

    /// <summary>Whether this is a named parameter (<c>parameters:</c>) rather than a <c>fit</c> token.</summary>
    public bool IsNamed => ParameterName is not null;

    /// <summary>Where it is written: the <c>fit</c> token, or the named parameter's value.</summary>
    public SourceSpan Location { get; }

    /// <summary>The value the model is built with before calibration.</summary>
    public double Start { get; }

    /// <summary>The lower end of its domain (excluded), or negative infinity: 0 for probabilities and odds ratios.</summary>
    public double Minimum { get; }

    /// <summary>The upper end of its domain (excluded), or positive infinity: 1 for probabilities.</summary>
    public double Maximum { get; }

    /// <summary>
    /// For a cell of a probability row with several <c>fit</c> cells, the index of that row in
    /// <see cref="CalibrationProblem.Rows"/>: the row's free cells share what its other cells leave,
    /// so they keep summing to 1. -1 otherwise.
    /// </summary>
    public int Row { get; }

    /// <summary>The position of the fit token in the order <see cref="SpecRewriter"/> visits them; -1 for a named parameter.</summary>
    internal int Ordinal { get; }

    /// <summary>The named parameter's name, or null for a fit token.</summary>
    internal string? ParameterName { get; }

    /// <summary>The variables whose conditional reads it (indices in the model), set when the problem is built.</summary>
    internal ImmutableArray<int> Hosts { get; set; } = [];

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// A probability row (a root's <c>probs</c>, a table entry, a regression node's <c>baseline</c>) with
/// several <c>fit</c> cells: they share the probability its fixed cells leave, so the row keeps
/// summing to 1 and a structural zero stays exactly zero.
/// </summary>
/// <param name="Members">The indices of its free cells in <see cref="CalibrationProblem.Parameters"/>.</param>
/// <param name="Mass">The probability they share: 1 minus the sum of the row's fixed cells.</param>
public sealed record ProbabilityRow(ImmutableArray<int> Members, double Mass);
