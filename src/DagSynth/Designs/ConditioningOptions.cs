using DagSynth.Inference;

namespace DagSynth.Designs;

/// <summary>How conditioning is done: the memory budget of exact conditioning and the bound on rejection.</summary>
public readonly record struct ConditioningOptions
{
    /// <summary>The default bound on attempts per row.</summary>
    public const int DefaultMaxAttempts = 10_000;

    /// <summary>Creates the defaults: the default inference options, 10,000 attempts per row.</summary>
    public ConditioningOptions()
    {
    }

    /// <summary>Options of the exact computations (the memory budget).</summary>
    public InferenceOptions Inference { get; init; } = new();

    /// <summary>The most attempts per row of conditioning by rejection, attempt 0 included (at least 1).</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;
}
