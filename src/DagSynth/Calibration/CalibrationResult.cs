using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Calibration;

/// <summary>How a calibration ended.</summary>
public enum CalibrationStatus
{
    /// <summary>Every target is met.</summary>
    Solved,

    /// <summary>Some targets cannot be met together (or at all); the model holds the closest values found.</summary>
    Infeasible,

    /// <summary>The model could not be evaluated (its start values are invalid, or a target cannot be computed).</summary>
    Failed,
}

/// <summary>One target after calibration: what was asked and what the calibrated model gives.</summary>
/// <param name="Target">The target.</param>
/// <param name="Achieved">The value the calibrated model gives (exact, or estimated from the simulated rows).</param>
/// <param name="StandardError">The Monte-Carlo standard error of <paramref name="Achieved"/>; 0 when it is exact.</param>
/// <param name="IsMet">Whether the achieved value is within the target's tolerance.</param>
public sealed record TargetResult(Target Target, double Achieved, double StandardError, bool IsMet)
{
    /// <summary>Achieved minus requested.</summary>
    public double Difference => Achieved - Target.Value;
}

/// <summary>One free parameter after calibration.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Value">Its calibrated value.</param>
/// <param name="IsDetermined">Whether the targets determine it; false when no target depends on it (it keeps its start value) or only a combination with other parameters is determined.</param>
public sealed record ParameterResult(FreeParameter Parameter, double Value, bool IsDetermined);

/// <summary>The outcome of <see cref="Calibrator.Solve"/> or <see cref="Calibrator.Evaluate"/>.</summary>
public sealed class CalibrationResult
{
    internal CalibrationResult(
        CalibrationStatus status,
        Model model,
        ImmutableArray<TargetResult> targets,
        ImmutableArray<ParameterResult> parameters,
        ImmutableArray<Diagnostic> diagnostics,
        ImmutableArray<ImmutableArray<int>> conflicts,
        int iterations,
        int evaluations,
        long simulationRows,
        ulong seed)
    {
        Status = status;
        Model = model;
        Targets = targets;
        Parameters = parameters;
        Diagnostics = diagnostics;
        Conflicts = conflicts;
        Iterations = iterations;
        Evaluations = evaluations;
        SimulationRows = simulationRows;
        Seed = seed;
    }

    /// <summary>How the calibration ended.</summary>
    public CalibrationStatus Status { get; }

    /// <summary>Whether every target is met.</summary>
    public bool Succeeded => Status == CalibrationStatus.Solved;

    /// <summary>The model with the calibrated values (the closest values found when infeasible; the start values when it failed).</summary>
    public Model Model { get; }

    /// <summary>Each target, requested and achieved, in the order written.</summary>
    public ImmutableArray<TargetResult> Targets { get; }

    /// <summary>Each free parameter with its value, in the order of <see cref="CalibrationProblem.Parameters"/>.</summary>
    public ImmutableArray<ParameterResult> Parameters { get; }

    /// <summary>
    /// Errors (DS0520 infeasible targets, DS0512 a target that cannot be computed, DS0522 a failed
    /// evaluation) and warnings (DS0521 free parameters no target determines).
    /// </summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>For an infeasible calibration, each set of targets (indices into <see cref="Targets"/>) that cannot be met together.</summary>
    public ImmutableArray<ImmutableArray<int>> Conflicts { get; }

    /// <summary>Levenberg-Marquardt iterations taken.</summary>
    public int Iterations { get; }

    /// <summary>Times the targets were evaluated (each a model built and its targets computed).</summary>
    public int Evaluations { get; }

    /// <summary>Rows simulated for the targets exact inference does not cover; 0 when every target is exact.</summary>
    public long SimulationRows { get; }

    /// <summary>The seed of the simulated rows.</summary>
    public ulong Seed { get; }
}
