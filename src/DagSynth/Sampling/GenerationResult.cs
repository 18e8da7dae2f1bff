namespace DagSynth.Sampling;

/// <summary>How a generation run ended.</summary>
/// <param name="RowsWritten">The number of rows handed to the sink.</param>
/// <param name="Failure">What stopped the run (a broken rule, a value out of its domain), if anything.</param>
public sealed record GenerationResult(long RowsWritten, GenerationFailure? Failure)
{
    /// <summary>Whether every requested row was generated without a failure.</summary>
    public bool Succeeded => Failure is null;
}
