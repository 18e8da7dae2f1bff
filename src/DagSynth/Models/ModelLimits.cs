namespace DagSynth.Models;

/// <summary>
/// Size limits checked when a model is built, so that an oversized table is a clear diagnostic and
/// never an out-of-memory crash.
/// </summary>
public readonly record struct ModelLimits
{
    /// <summary>Creates the default limits.</summary>
    public ModelLimits()
    {
    }

    /// <summary>The most entries one table may have (rows times levels). Default 2^26 (512 MiB of doubles).</summary>
    public long MaxTableEntries { get; init; } = 1L << 26;

    /// <summary>The most entries all tables together may have. Default 2^27.</summary>
    public long MaxTotalEntries { get; init; } = 1L << 27;

    /// <summary>The most levels a discrete variable may have. Default 65,536.</summary>
    public int MaxLevels { get; init; } = 65_536;

    /// <summary>The most variables a model may have. Default 100,000.</summary>
    public int MaxVariables { get; init; } = 100_000;
}
