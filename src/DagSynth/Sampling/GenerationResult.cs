namespace DagSynth.Sampling;

/// <summary>How a generation run ended.</summary>
/// <param name="RowsWritten">The number of rows handed to the sink.</param>
/// <param name="Failure">What stopped the run (a broken rule, a value out of its domain), if anything.</param>
public sealed record GenerationResult(long RowsWritten, GenerationFailure? Failure)
{
    /// <summary>
    /// The draws made for the rows written: one per row, plus the extra attempts of rows drawn again
    /// to meet conditions by rejection. Rows written divided by attempts is the acceptance rate.
    /// </summary>
    public long Attempts { get; init; }

    /// <summary>Whether every requested row was generated without a failure.</summary>
    public bool Succeeded => Failure is null;
}
