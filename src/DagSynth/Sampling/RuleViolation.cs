using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Sampling;

/// <summary>A generated row that breaks a declared rule.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Row">The 0-based global row index.</param>
/// <param name="Values">The row's values of the variables the rule reads, as (name, level) pairs.</param>
public sealed record RuleViolation(Rule Rule, long Row, ImmutableArray<KeyValuePair<string, string>> Values)
{
    /// <summary>A one-line description: which row, which rule, which values.</summary>
    public string Describe() =>
        $"row {Row + 1} breaks the rule '{Rule.Describe()}' ({string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"))})";
}
