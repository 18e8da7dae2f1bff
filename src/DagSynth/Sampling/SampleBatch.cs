namespace DagSynth.Sampling;

/// <summary>
/// A block of consecutive generated rows, stored by column: one array of level codes per variable
/// (code k is the variable's k-th level). Allocated once and refilled, so generation allocates
/// nothing per row.
/// </summary>
public sealed class SampleBatch
{
    private readonly ushort[][] _codes;

    /// <summary>Creates an empty batch for <paramref name="plan"/> that holds up to <paramref name="capacity"/> rows.</summary>
    public SampleBatch(SamplingPlan plan, int capacity)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _codes = new ushort[plan.ColumnCount][];
        for (var c = 0; c < _codes.Length; c++)
        {
            _codes[c] = new ushort[capacity];
        }
    }

    /// <summary>The most rows the batch can hold.</summary>
    public int Capacity { get; }

    /// <summary>The number of rows it holds now.</summary>
    public int Count { get; internal set; }

    /// <summary>The global index of its first row (0-based, counted over the whole dataset).</summary>
    public long FirstRow { get; internal set; }

    /// <summary>The first rule violation found in this batch, if any.</summary>
    public RuleViolation? Violation { get; internal set; }

    /// <summary>The level codes of variable <paramref name="variable"/> for the rows held.</summary>
    public ReadOnlySpan<ushort> Codes(int variable) => _codes[variable].AsSpan(0, Count);

    internal ushort[] Column(int variable) => _codes[variable];
}
