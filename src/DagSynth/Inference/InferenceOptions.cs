namespace DagSynth.Inference;

/// <summary>How exact inference runs: the memory it may use and how elimination orders are chosen.</summary>
public readonly record struct InferenceOptions
{
    /// <summary>The default memory budget: 1 GiB.</summary>
    public const long DefaultMemoryBudgetBytes = 1L << 30;

    /// <summary>Creates the defaults.</summary>
    public InferenceOptions()
    {
    }

    /// <summary>
    /// The most memory, in bytes, that the tables of one computation may take together (8 bytes a
    /// probability). The sizes are computed before anything is allocated; a computation that would
    /// exceed the budget is refused with diagnostic DS0402 instead of running out of memory.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = DefaultMemoryBudgetBytes;

    /// <summary>The elimination-order heuristic.</summary>
    public EliminationHeuristic Heuristic { get; init; } = EliminationHeuristic.WeightedMinFill;

    /// <summary>The budget as a number of table entries (doubles).</summary>
    internal double BudgetEntries => Math.Max(1, MemoryBudgetBytes / (double)sizeof(double));
}
