using System.Collections.Immutable;

namespace DagSynth.Expressions;

/// <summary>
/// A bound boolean condition over discrete variables, as used by rules: level tests combined with
/// <c>and</c>, <c>or</c> and <c>not</c>. Evaluated on an array of level codes indexed by variable.
/// </summary>
public abstract class Condition
{
    /// <summary>Evaluates the condition; <paramref name="codes"/> holds one level code per model variable.</summary>
    public abstract bool Evaluate(ReadOnlySpan<int> codes);

    /// <summary>Adds the indices of the variables the condition reads to <paramref name="into"/>.</summary>
    public abstract void CollectVariables(ISet<int> into);
}

/// <summary>True when a variable takes one of a set of levels.</summary>
public sealed class LevelTest : Condition
{
    /// <summary>Creates a test of <paramref name="variable"/> against the levels marked in <paramref name="accepts"/>.</summary>
    public LevelTest(int variable, ImmutableArray<bool> accepts)
    {
        Variable = variable;
        Accepts = accepts;
    }

    /// <summary>The variable's index in the model.</summary>
    public int Variable { get; }

    /// <summary>One flag per level: whether that level satisfies the test.</summary>
    public ImmutableArray<bool> Accepts { get; }

    /// <inheritdoc/>
    public override bool Evaluate(ReadOnlySpan<int> codes) => Accepts[codes[Variable]];

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into) => into.Add(Variable);
}

/// <summary>Both conditions hold.</summary>
/// <param name="left">The first condition.</param>
/// <param name="right">The second condition.</param>
public sealed class AndCondition(Condition left, Condition right) : Condition
{
    /// <summary>The first condition.</summary>
    public Condition Left { get; } = left;

    /// <summary>The second condition.</summary>
    public Condition Right { get; } = right;

    /// <inheritdoc/>
    public override bool Evaluate(ReadOnlySpan<int> codes) => Left.Evaluate(codes) && Right.Evaluate(codes);

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into)
    {
        Left.CollectVariables(into);
        Right.CollectVariables(into);
    }
}

/// <summary>At least one condition holds.</summary>
/// <param name="left">The first condition.</param>
/// <param name="right">The second condition.</param>
public sealed class OrCondition(Condition left, Condition right) : Condition
{
    /// <summary>The first condition.</summary>
    public Condition Left { get; } = left;

    /// <summary>The second condition.</summary>
    public Condition Right { get; } = right;

    /// <inheritdoc/>
    public override bool Evaluate(ReadOnlySpan<int> codes) => Left.Evaluate(codes) || Right.Evaluate(codes);

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into)
    {
        Left.CollectVariables(into);
        Right.CollectVariables(into);
    }
}

/// <summary>The condition does not hold.</summary>
/// <param name="operand">The negated condition.</param>
public sealed class NotCondition(Condition operand) : Condition
{
    /// <summary>The negated condition.</summary>
    public Condition Operand { get; } = operand;

    /// <inheritdoc/>
    public override bool Evaluate(ReadOnlySpan<int> codes) => !Operand.Evaluate(codes);

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into) => Operand.CollectVariables(into);
}

/// <summary>A constant: <c>true</c> or <c>false</c>.</summary>
/// <param name="value">The value.</param>
public sealed class ConstantCondition(bool value) : Condition
{
    /// <summary>The value.</summary>
    public bool Value { get; } = value;

    /// <inheritdoc/>
    public override bool Evaluate(ReadOnlySpan<int> codes) => Value;

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into)
    {
    }
}
