using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Expressions;

namespace DagSynth.Models;

/// <summary>
/// A declared rule: <c>never: CONDITION</c> says that no row may satisfy the condition. Rules are
/// checked on every generated row, and exactly by inference.
/// </summary>
public sealed class Rule
{
    internal Rule(string text, BoundExpr expression, Condition? condition, ImmutableArray<int> variables, SourceSpan location, string? name)
    {
        Text = text;
        Expression = expression;
        Condition = condition;
        Variables = variables;
        Location = location;
        Name = name;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The condition that must never hold, as a bound boolean expression (any variables).</summary>
    public BoundExpr Expression { get; }

    /// <summary>
    /// The same condition as level tests, when it reads discrete variables only (what exact
    /// inference can prove); null when it reads numeric variables.
    /// </summary>
    public Condition? Condition { get; }

    /// <summary>The indices of the variables the condition reads, ascending.</summary>
    public ImmutableArray<int> Variables { get; }

    /// <summary>Where the rule is written.</summary>
    public SourceSpan Location { get; }

    /// <summary>An optional name.</summary>
    public string? Name { get; }

    /// <summary>A short description for messages: the name, or <c>never: TEXT</c>.</summary>
    public string Describe() => Name ?? $"never: {Text}";

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
