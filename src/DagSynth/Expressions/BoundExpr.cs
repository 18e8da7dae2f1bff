using System.Collections.Immutable;

namespace DagSynth.Expressions;

/// <summary>
/// A type-checked expression whose names are resolved to variables and parameters. Immutable;
/// evaluated by <see cref="ScalarEvaluator"/> (one row), <see cref="VectorEvaluator"/> (a batch of
/// rows, column by column) and <see cref="IntervalEvaluator"/> (bounds, for proofs at validation).
/// </summary>
public abstract class BoundExpr
{
    private protected BoundExpr(ExprType type, int start)
    {
        Type = type;
        Start = start;
    }

    /// <summary>The expression's type.</summary>
    public ExprType Type { get; }

    /// <summary>Offset of the expression in its source text, for diagnostics.</summary>
    public int Start { get; }

    /// <summary>Adds the indices of the variables the expression reads.</summary>
    public abstract void CollectVariables(ISet<int> into);

    /// <summary>The variables the expression reads, ascending.</summary>
    public ImmutableArray<int> Variables()
    {
        var set = new SortedSet<int>();
        CollectVariables(set);
        return [.. set];
    }
}

/// <summary>A constant (numbers, resolved parameters, <c>true</c>/<c>false</c> as 1/0).</summary>
public sealed class ConstantExpr(double value, ExprType type, int start) : BoundExpr(type, start)
{
    /// <summary>The value (1 or 0 for booleans).</summary>
    public double Value { get; } = value;

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into)
    {
    }
}

/// <summary>How a variable's column is read.</summary>
public enum VariableAccess
{
    /// <summary>A numeric column (continuous, count, date).</summary>
    Numeric,

    /// <summary>A boolean's level code, 0 or 1.</summary>
    BooleanCode,

    /// <summary>A categorical or ordinal variable's level code (only inside level tests and comparisons).</summary>
    LevelCode,
}

/// <summary>A reference to a variable's value in the current row.</summary>
public sealed class VariableExpr(int variable, VariableAccess access, ExprType type, int start) : BoundExpr(type, start)
{
    /// <summary>The variable's index.</summary>
    public int Variable { get; } = variable;

    /// <summary>How its column is read.</summary>
    public VariableAccess Access { get; } = access;

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into) => into.Add(Variable);
}

/// <summary>True when a discrete variable (or a <c>cut</c>) takes one of a set of levels.</summary>
public sealed class LevelSetExpr(BoundExpr source, ImmutableArray<bool> accepts, int start) : BoundExpr(ExprType.Boolean, start)
{
    /// <summary>The level-valued expression tested (a variable or a <c>cut</c>).</summary>
    public BoundExpr Source { get; } = source;

    /// <summary>One flag per level.</summary>
    public ImmutableArray<bool> Accepts { get; } = accepts;

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into) => Source.CollectVariables(into);
}

/// <summary>A prefix operator.</summary>
public sealed class UnaryOpExpr(UnaryOperator op, BoundExpr operand, int start) : BoundExpr(op == UnaryOperator.Not ? ExprType.Boolean : ExprType.Number, start)
{
    /// <summary>The operator.</summary>
    public UnaryOperator Operator { get; } = op;

    /// <summary>The operand.</summary>
    public BoundExpr Operand { get; } = operand;

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into) => Operand.CollectVariables(into);
}

/// <summary>An infix operator on numbers or booleans (level comparisons are bound to <see cref="LevelSetExpr"/>).</summary>
public sealed class BinaryOpExpr(BinaryOperator op, BoundExpr left, BoundExpr right, int start)
    : BoundExpr(op is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Power ? ExprType.Number : ExprType.Boolean, start)
{
    /// <summary>The operator.</summary>
    public BinaryOperator Operator { get; } = op;

    /// <summary>The left operand.</summary>
    public BoundExpr Left { get; } = left;

    /// <summary>The right operand.</summary>
    public BoundExpr Right { get; } = right;

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into)
    {
        Left.CollectVariables(into);
        Right.CollectVariables(into);
    }
}

/// <summary><c>if(condition, a, b)</c>.</summary>
public sealed class IfExpr(BoundExpr condition, BoundExpr whenTrue, BoundExpr whenFalse, int start) : BoundExpr(whenTrue.Type, start)
{
    /// <summary>The condition.</summary>
    public BoundExpr Condition { get; } = condition;

    /// <summary>The value when the condition holds.</summary>
    public BoundExpr WhenTrue { get; } = whenTrue;

    /// <summary>The value otherwise.</summary>
    public BoundExpr WhenFalse { get; } = whenFalse;

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into)
    {
        Condition.CollectVariables(into);
        WhenTrue.CollectVariables(into);
        WhenFalse.CollectVariables(into);
    }
}

/// <summary>A call of a numeric function of the language.</summary>
public sealed class CallExprBound(BuiltinFunction function, ImmutableArray<BoundExpr> arguments, int start) : BoundExpr(ExprType.Number, start)
{
    /// <summary>The function.</summary>
    public BuiltinFunction Function { get; } = function;

    /// <summary>The arguments.</summary>
    public ImmutableArray<BoundExpr> Arguments { get; } = arguments;

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into)
    {
        foreach (var a in Arguments)
        {
            a.CollectVariables(into);
        }
    }
}

/// <summary>
/// <c>cut(x, [b1, ..., bk], ["l0", ..., "lk"])</c>: the level of x among the intervals
/// (-inf, b1), [b1, b2), ..., [bk, inf): a number made categorical.
/// </summary>
public sealed class CutExpr(BoundExpr value, ImmutableArray<double> breaks, ImmutableArray<string> labels, int start) : BoundExpr(ExprType.Level, start)
{
    /// <summary>The number cut.</summary>
    public BoundExpr Value { get; } = value;

    /// <summary>The increasing break points.</summary>
    public ImmutableArray<double> Breaks { get; } = breaks;

    /// <summary>The level names, one more than the breaks.</summary>
    public ImmutableArray<string> Labels { get; } = labels;

    /// <summary>The level index of <paramref name="x"/>.</summary>
    public int LevelOf(double x)
    {
        var k = 0;
        while (k < Breaks.Length && x >= Breaks[k])
        {
            k++;
        }

        return k;
    }

    /// <inheritdoc/>
    public override void CollectVariables(ISet<int> into) => Value.CollectVariables(into);
}
