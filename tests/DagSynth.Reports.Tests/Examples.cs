using DagSynth.Calibration;
using DagSynth.IO;
using DagSynth.Models;
using DagSynth.Reports.Data;
using DagSynth.Testing;

namespace DagSynth.Reports.Tests;

/// <summary>The shipped examples and the fixed settings the report tests use.</summary>
internal static class Examples
{
    /// <summary>The time every test report is stamped with, so reports compare byte for byte.</summary>
    public static readonly DateTimeOffset Timestamp = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The example files, by name.</summary>
    public static TheoryData<string> Names() =>
        [.. Directory.GetFiles(RepositoryPaths.InRepository("examples"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>Loads an example.</summary>
    public static Model Load(string name)
    {
        var result = ModelFile.Read(RepositoryPaths.InRepository("examples", name));
        Assert.NotNull(result.Model);
        return result.Model;
    }

    /// <summary>
    /// A report request as <c>dagsynth report</c> makes it (a model with free parameters calibrated
    /// first), with a fixed timestamp and no command line.
    /// </summary>
    public static ReportRequest Request(string name, long rows, long simulationRows, int threads = 1)
    {
        var model = Calibrated(Load(name), threads);
        var seed = model.Seed ?? 0;
        var (data, diagnostics) = GeneratedData.Generate(model, rows, seed, threads, TestContext.Current.CancellationToken);
        Assert.True(data is not null, string.Join('\n', diagnostics));
        return new ReportRequest
        {
            Model = model,
            Data = data,
            Source = DataSource.FromGeneration(seed),
            ModelFile = name,
            SimulationRows = simulationRows,
            SimulationSeed = seed ^ 0x9E3779B97F4A7C15,
            Timestamp = Timestamp,
            Version = "test",
            Threads = threads,
            TargetOptions = new CalibrationOptions { Threads = threads },
        };
    }

    /// <summary>The model calibrated as <c>dagsynth report</c> calibrates it (the defaults, the model's seed); the model itself when nothing is free.</summary>
    public static Model Calibrated(Model model, int threads = 1)
    {
        if (!model.HasFreeParameters)
        {
            return model;
        }

        var result = Calibrator.Solve(model, new CalibrationOptions { Threads = threads }, null, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Model;
    }
}
