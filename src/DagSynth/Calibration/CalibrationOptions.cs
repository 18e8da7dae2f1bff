using DagSynth.Inference;

namespace DagSynth.Calibration;

/// <summary>How <see cref="Calibrator"/> works: the simulation behind targets exact inference does not cover, and the solver's limits.</summary>
public readonly record struct CalibrationOptions
{
    /// <summary>The default number of simulated rows: proportions are then estimated within about ±0.003 (95%), usually much better.</summary>
    public const long DefaultSimulationRows = 100_000;

    /// <summary>Creates the defaults.</summary>
    public CalibrationOptions()
    {
    }

    /// <summary>
    /// Rows simulated to estimate the targets that exact inference does not cover (numbers, and discrete
    /// variables that depend on numbers). The same rows, with the same random streams, are used at every
    /// step (common random numbers), so the result is reproducible.
    /// </summary>
    public long SimulationRows { get; init; } = DefaultSimulationRows;

    /// <summary>The seed of the simulated rows; null uses the model's <c>seed:</c>, else 0.</summary>
    public ulong? Seed { get; init; }

    /// <summary>The most Levenberg-Marquardt iterations (each evaluates the targets once per free coordinate, plus one).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Threads for the simulation; null uses one per processor. The result is the same for every value.</summary>
    public int? Threads { get; init; }

    /// <summary>The memory budget and elimination heuristic of exact inference.</summary>
    public InferenceOptions Inference { get; init; } = new();
}
