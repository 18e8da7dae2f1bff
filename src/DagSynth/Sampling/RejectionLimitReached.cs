using DagSynth.Diagnostics;

namespace DagSynth.Sampling;

/// <summary>A row for which no attempt of conditioning by rejection met the conditions.</summary>
/// <param name="Conditions">The conditions, as written.</param>
/// <param name="Row">The 0-based global row index.</param>
/// <param name="MaxAttempts">The attempts made for the row.</param>
/// <param name="AcceptanceRate">Rows accepted per attempt over the other rows of its batch before it (0 when there were none).</param>
public sealed record RejectionLimitReached(string Conditions, long Row, int MaxAttempts, double AcceptanceRate) : GenerationFailure(Row, [])
{
    /// <inheritdoc/>
    public override string Code => DiagnosticCodes.RejectionLimit;

    /// <inheritdoc/>
    public override SourceSpan Location => SourceSpan.InSource("--given");

    /// <inheritdoc/>
    public override string Hint => "the conditions are very rare or impossible for this row: make them exact (conditions on discrete levels, or on a root), loosen them, or raise --max-attempts";

    /// <inheritdoc/>
    public override string Describe() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"row {Row + 1}: none of {MaxAttempts:N0} attempts met the conditions ({Conditions}); the acceptance rate over the rows before it in its batch was {AcceptanceRate * 100:0.####}%");
}
