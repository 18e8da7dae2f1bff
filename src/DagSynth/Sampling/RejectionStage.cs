using System.Collections.Immutable;
using DagSynth.Expressions;
using DagSynth.Randomness;

namespace DagSynth.Sampling;

/// <summary>
/// Conditions met by bounded rejection, row by row: the variables the conditions depend on (an
/// ancestral set) are drawn, and a row whose draw fails a condition is drawn again from fresh
/// streams of its own, attempt after attempt, until one passes or the attempts run out. Attempt 0
/// is the cell's ordinary stream; attempt a &gt;= 1 reads <c>Bits(AttemptKey(key, row), a)</c>, so a
/// row's result depends only on the seed, the variables and the row (never on threads or batches).
/// </summary>
internal sealed class RejectionStage
{
    /// <summary>Mixed into a row's bits to make the key of its attempt stream.</summary>
    public const ulong AttemptSalt = 0xA5F1_52C3_D1B7_4E69UL;

    public RejectionStage(ImmutableArray<BoundExpr> predicates, ImmutableArray<int> variables, int maxAttempts, string description)
    {
        Predicates = predicates;
        Variables = variables;
        MaxAttempts = maxAttempts;
        Description = description;
    }

    /// <summary>The conditions a row must meet (booleans, all of them).</summary>
    public ImmutableArray<BoundExpr> Predicates { get; }

    /// <summary>The variables redrawn on each attempt: every variable the conditions read, and their ancestors.</summary>
    public ImmutableArray<int> Variables { get; }

    /// <summary>The most attempts per row (attempt 0 included).</summary>
    public int MaxAttempts { get; }

    /// <summary>The conditions as written, for messages.</summary>
    public string Description { get; }

    /// <summary>The key of row <paramref name="row"/>'s attempt stream under variable key <paramref name="key"/>.</summary>
    public static ulong AttemptKey(ulong key, long row) => CellRandom.Mix(CellRandom.Bits(key, row) ^ AttemptSalt);
}
