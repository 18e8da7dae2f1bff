using System.Collections.Immutable;
using DagSynth.Calibration;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Reports.Data;

namespace DagSynth.Reports;

/// <summary>What a report is made of: the model, the data to compare it with, and how the data came about.</summary>
public sealed record ReportRequest
{
    /// <summary>The model (declared).</summary>
    public required Model Model { get; init; }

    /// <summary>The data (achieved): generated from the model, or read from a file.</summary>
    public required Dataset Data { get; init; }

    /// <summary>Where the data came from, for the manifest: generated with a seed, or read from a file.</summary>
    public required DataSource Source { get; init; }

    /// <summary>The model file's name as shown (no directories, so that reports do not depend on where they were made).</summary>
    public string ModelFile { get; init; } = string.Empty;

    /// <summary>The SHA-256 of the model file, lower-case hex, when known.</summary>
    public string? ModelSha256 { get; init; }

    /// <summary>
    /// Rows simulated (with <see cref="SimulationSeed"/>) for the declared values that exact inference
    /// does not give: numbers, discrete variables downstream of numbers, and their associations. At
    /// least 10 times the data's rows keeps the sample's own error small against the data's intervals.
    /// </summary>
    public long SimulationRows { get; init; } = 200_000;

    /// <summary>The seed of the simulated sample (different from the data's, so the two are independent).</summary>
    public ulong SimulationSeed { get; init; } = 1;

    /// <summary>When the report was made; null leaves it out (for byte-for-byte comparisons).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>DagSynth's version.</summary>
    public string Version { get; init; } = "0.0.0";

    /// <summary>The command that made the report, as typed, when there is one.</summary>
    public string? CommandLine { get; init; }

    /// <summary>Options of exact inference (its memory budget).</summary>
    public InferenceOptions Inference { get; init; } = new();

    /// <summary>Sampling threads for the simulated sample (the result is the same for every value).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>How each variable is declared to go missing, when the model says; variables not listed have none declared.</summary>
    public ImmutableArray<MissingnessDeclaration> Missingness { get; init; } = [];

    /// <summary>
    /// How the model's value of each calibration target is computed (<see cref="Calibrator.Evaluate"/>),
    /// when the model has targets. The defaults, with the model's seed, are what <c>generate</c> and
    /// <c>report</c> calibrate with, so a calibrated model is evaluated on the very rows it was solved on.
    /// Null <see cref="CalibrationOptions.Threads"/> uses <see cref="Threads"/>; the result is the same for every value.
    /// </summary>
    public CalibrationOptions TargetOptions { get; init; } = new();
}

/// <summary>Where a report's data came from.</summary>
/// <param name="Generated">Whether the data was generated for the report (otherwise read from <paramref name="File"/>).</param>
/// <param name="Seed">The seed it was generated with.</param>
/// <param name="File">The data file's name, when read from one.</param>
/// <param name="FileSha256">The data file's SHA-256, when read from one.</param>
public sealed record DataSource(bool Generated, ulong Seed, string? File = null, string? FileSha256 = null)
{
    /// <summary>Data generated from the model with <paramref name="seed"/>.</summary>
    public static DataSource FromGeneration(ulong seed) => new(true, seed);

    /// <summary>Data read from <paramref name="file"/>.</summary>
    public static DataSource FromFile(string file, string? sha256) => new(false, 0, file, sha256);
}

/// <summary>A variable's declared missingness, for the report's missingness section.</summary>
/// <param name="Variable">The variable's index.</param>
/// <param name="Mechanism">The mechanism in words (<c>MCAR, P(missing) = 0.05</c>).</param>
/// <param name="Rate">The declared share of missing cells, when the mechanism fixes one (MCAR); NaN otherwise.</param>
public sealed record MissingnessDeclaration(int Variable, string Mechanism, double Rate);
