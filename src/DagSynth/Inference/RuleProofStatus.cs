namespace DagSynth.Inference;

/// <summary>What exact inference found about a <c>never</c> rule.</summary>
public enum RuleProofStatus
{
    /// <summary>The rule's condition has probability exactly 0: no row can ever break it.</summary>
    Proven,

    /// <summary>The rule's condition has positive probability: rows that break it will be drawn.</summary>
    Violated,

    /// <summary>The computation did not fit in the memory budget; the rule is still checked on every generated row.</summary>
    Undecided,
}
