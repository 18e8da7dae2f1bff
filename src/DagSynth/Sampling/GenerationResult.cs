namespace DagSynth.Sampling;

/// <summary>How a generation run ended.</summary>
/// <param name="RowsWritten">The number of rows handed to the sink.</param>
/// <param name="Violation">The rule violation that stopped the run, if any.</param>
public sealed record GenerationResult(long RowsWritten, RuleViolation? Violation)
{
    /// <summary>Whether every requested row was generated and no rule was broken.</summary>
    public bool Succeeded => Violation is null;
}
