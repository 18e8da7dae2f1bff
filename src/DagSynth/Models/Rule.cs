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
    internal Rule(string text, Condition condition, ImmutableArray<int> variables, SourceSpan location, string? name)
    {
        Text = text;
        Condition = condition;
        Variables = variables;
        Location = location;
        Name = name;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The bound condition that must never hold.</summary>
    public Condition Condition { get; }

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
