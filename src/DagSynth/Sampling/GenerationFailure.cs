using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Sampling;

/// <summary>Why generation stopped at a row: a broken rule, or a value out of its domain.</summary>
/// <param name="Row">The 0-based global row index.</param>
/// <param name="Values">The row's values of the variables involved, as (name, value) pairs.</param>
public abstract record GenerationFailure(long Row, ImmutableArray<KeyValuePair<string, string>> Values)
{
    /// <summary>The diagnostic code.</summary>
    public abstract string Code { get; }

    /// <summary>Where in the model the failing part is written.</summary>
    public abstract SourceSpan Location { get; }

    /// <summary>A one-line description: which row, what went wrong, which values.</summary>
    public abstract string Describe();

    /// <summary>How to fix it.</summary>
    public abstract string Hint { get; }

    /// <summary>The failure as a diagnostic.</summary>
    public Diagnostic ToDiagnostic() => Diagnostic.Error(Code, Location, Describe(), Hint);

    private protected string ValuesText => Values.IsEmpty ? string.Empty : $" ({string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"))})";
}

/// <summary>A generated row that breaks a declared rule.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Row">The 0-based global row index.</param>
/// <param name="Values">The row's values of the variables the rule reads.</param>
public sealed record RuleViolation(Rule Rule, long Row, ImmutableArray<KeyValuePair<string, string>> Values) : GenerationFailure(Row, Values)
{
    /// <inheritdoc/>
    public override string Code => DiagnosticCodes.RuleViolated;

    /// <inheritdoc/>
    public override SourceSpan Location => Rule.Location;

    /// <inheritdoc/>
    public override string Hint => "the model allows what the rule forbids: make the forbidden combination impossible";

    /// <inheritdoc/>
    public override string Describe() => $"row {Row + 1} breaks the rule '{Rule.Describe()}'{ValuesText}";
}

/// <summary>A parameter (or a derived value) out of its domain for one generated row.</summary>
/// <param name="Variable">The variable being generated.</param>
/// <param name="Problem">What is out of its domain.</param>
/// <param name="Row">The 0-based global row index.</param>
/// <param name="Values">The row's values of the variable's parents.</param>
public sealed record DomainViolation(Variable Variable, string Problem, long Row, ImmutableArray<KeyValuePair<string, string>> Values) : GenerationFailure(Row, Values)
{
    /// <inheritdoc/>
    public override string Code => DiagnosticCodes.DomainAtGeneration;

    /// <inheritdoc/>
    public override SourceSpan Location => Variable.Location;

    /// <inheritdoc/>
    public override string Hint => "bound the formula for every value the parents can take (for example with max(), clamp() or if())";

    /// <inheritdoc/>
    public override string Describe() => $"row {Row + 1}: {NodeVocabulary.NameOf(Variable.Type)} '{Variable.Name}': {Problem}{ValuesText}";
}
