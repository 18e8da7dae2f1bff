using DagSynth.Distributions;
namespace DagSynth.Expressions;

/// <summary>Evaluates a bound expression for one row (validation proofs, tests, constant folding).</summary>
public static class ScalarEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="e"/>; <paramref name="valueOf"/> gives a variable's value (numeric
    /// variables) or level code (discrete ones). Booleans come back as 1 or 0, levels as their index.
    /// </summary>
    public static double Evaluate(BoundExpr e, Func<int, double> valueOf)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(valueOf);
        return Eval(e, valueOf);
    }

    private static double Eval(BoundExpr e, Func<int, double> valueOf)
    {
        switch (e)
        {
            case ConstantExpr c:
                return c.Value;
            case VariableExpr v:
                return valueOf(v.Variable);
            case LevelSetExpr s:
                {
                    var code = (int)Eval(s.Source, valueOf);
                    return s.Accepts[code] ? 1 : 0;
                }

            case UnaryOpExpr u:
                {
                    var x = Eval(u.Operand, valueOf);
                    return u.Operator == UnaryOperator.Not ? (x != 0 ? 0 : 1) : -x;
                }

            case BinaryOpExpr b:
                return Binary(b.Operator, Eval(b.Left, valueOf), Eval(b.Right, valueOf));
            case IfExpr i:
                return Eval(i.Condition, valueOf) != 0 ? Eval(i.WhenTrue, valueOf) : Eval(i.WhenFalse, valueOf);
            case CallExprBound c:
                return Call(c.Function, c.Arguments.Select(a => Eval(a, valueOf)).ToArray());
            case CutExpr c:
                return c.LevelOf(Eval(c.Value, valueOf));
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "unknown expression node");
        }
    }

    /// <summary>An infix operator on two values (booleans as 1/0).</summary>
    public static double Binary(BinaryOperator op, double l, double r) => op switch
    {
        BinaryOperator.Add => l + r,
        BinaryOperator.Subtract => l - r,
        BinaryOperator.Multiply => l * r,
        BinaryOperator.Divide => l / r,
        BinaryOperator.Power => PortableMath.Pow(l, r),
        BinaryOperator.Equal => l == r ? 1 : 0,
        BinaryOperator.NotEqual => l != r ? 1 : 0,
        BinaryOperator.Less => l < r ? 1 : 0,
        BinaryOperator.LessOrEqual => l <= r ? 1 : 0,
        BinaryOperator.Greater => l > r ? 1 : 0,
        BinaryOperator.GreaterOrEqual => l >= r ? 1 : 0,
        BinaryOperator.And => l != 0 && r != 0 ? 1 : 0,
        BinaryOperator.Or => l != 0 || r != 0 ? 1 : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>A function of the language on evaluated arguments.</summary>
    public static double Call(BuiltinFunction f, ReadOnlySpan<double> args) => f switch
    {
        BuiltinFunction.Min => Min(args),
        BuiltinFunction.Max => Max(args),
        BuiltinFunction.Clamp => Math.Min(Math.Max(args[0], args[1]), args[2]),
        BuiltinFunction.Round when args.Length == 2 => Functions.RoundTo(args[0], args[1]),
        _ => Functions.Apply(f, args[0]),
    };

    private static double Min(ReadOnlySpan<double> args)
    {
        var m = args[0];
        foreach (var a in args[1..])
        {
            m = Math.Min(m, a);
        }

        return m;
    }

    private static double Max(ReadOnlySpan<double> args)
    {
        var m = args[0];
        foreach (var a in args[1..])
        {
            m = Math.Max(m, a);
        }

        return m;
    }
}
