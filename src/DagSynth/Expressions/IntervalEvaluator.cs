using DagSynth.Distributions;
namespace DagSynth.Expressions;

/// <summary>
/// Bounds the values an expression can take, given bounds for its variables (interval arithmetic).
/// The bounds are conservative: the true range lies inside. Used at validation to prove that a
/// parameter is out of its domain for every value the parents can take (an error before any row is
/// generated); when the bounds only say "possibly", the check happens at generation instead.
/// </summary>
public static class IntervalEvaluator
{
    /// <summary>Bounds <paramref name="e"/> given the range of each variable (level codes for discrete ones).</summary>
    public static Interval Evaluate(BoundExpr e, Func<int, Interval> rangeOf)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(rangeOf);
        return Eval(e, rangeOf);
    }

    private static Interval Eval(BoundExpr e, Func<int, Interval> rangeOf)
    {
        switch (e)
        {
            case ConstantExpr c:
                return Interval.Point(c.Value);
            case VariableExpr v:
                return rangeOf(v.Variable);
            case LevelSetExpr s:
                return new Interval(s.Accepts.Contains(false) ? 0 : 1, s.Accepts.Contains(true) ? 1 : 0);
            case UnaryOpExpr { Operator: UnaryOperator.Negate } u:
                {
                    var x = Eval(u.Operand, rangeOf);
                    return new Interval(-x.Hi, -x.Lo);
                }

            case UnaryOpExpr u:
                {
                    var x = Eval(u.Operand, rangeOf);
                    return new Interval(1 - x.Hi, 1 - x.Lo);
                }

            case BinaryOpExpr b:
                return Binary(b.Operator, Eval(b.Left, rangeOf), Eval(b.Right, rangeOf));
            case IfExpr i:
                {
                    var condition = Eval(i.Condition, rangeOf);
                    if (condition.Lo > 0)
                    {
                        return Eval(i.WhenTrue, rangeOf);
                    }

                    return condition.Hi <= 0 ? Eval(i.WhenFalse, rangeOf) : Eval(i.WhenTrue, rangeOf).Union(Eval(i.WhenFalse, rangeOf));
                }

            case CallExprBound c:
                return Call(c.Function, [.. c.Arguments.Select(a => Eval(a, rangeOf))]);
            case CutExpr c:
                {
                    var x = Eval(c.Value, rangeOf);
                    return new Interval(c.LevelOf(x.Lo), c.LevelOf(x.Hi));
                }

            default:
                return Interval.All;
        }
    }

    private static Interval Binary(BinaryOperator op, Interval l, Interval r)
    {
        switch (op)
        {
            case BinaryOperator.Add:
                return new Interval(l.Lo + r.Lo, l.Hi + r.Hi);
            case BinaryOperator.Subtract:
                return new Interval(l.Lo - r.Hi, l.Hi - r.Lo);
            case BinaryOperator.Multiply:
                return Hull(Mul(l.Lo, r.Lo), Mul(l.Lo, r.Hi), Mul(l.Hi, r.Lo), Mul(l.Hi, r.Hi));
            case BinaryOperator.Divide:
                if (r.Lo > 0 || r.Hi < 0)
                {
                    return Hull(l.Lo / r.Lo, l.Lo / r.Hi, l.Hi / r.Lo, l.Hi / r.Hi);
                }

                return Interval.All;
            case BinaryOperator.Power:
                if (l.Lo > 0 && r.Lo == r.Hi)
                {
                    return Hull(PortableMath.Pow(l.Lo, r.Lo), PortableMath.Pow(l.Hi, r.Lo));
                }

                return Interval.All;
            default:
                return new Interval(0, 1);
        }
    }

    private static Interval Call(BuiltinFunction f, Interval[] args)
    {
        var x = args[0];
        switch (f)
        {
            case BuiltinFunction.Abs:
                if (x.Lo >= 0)
                {
                    return x;
                }

                return x.Hi <= 0 ? new Interval(-x.Hi, -x.Lo) : new Interval(0, Math.Max(-x.Lo, x.Hi));
            case BuiltinFunction.Min:
                return new Interval(args.Min(a => a.Lo), args.Min(a => a.Hi));
            case BuiltinFunction.Max:
                return new Interval(args.Max(a => a.Lo), args.Max(a => a.Hi));
            case BuiltinFunction.Clamp:
                return new Interval(Math.Min(Math.Max(x.Lo, args[1].Lo), args[2].Hi), Math.Min(Math.Max(x.Hi, args[1].Hi), args[2].Hi));
            case BuiltinFunction.Round when args.Length == 2:
                return Interval.All;
            case BuiltinFunction.Log or BuiltinFunction.Sqrt or BuiltinFunction.Logit:
                // Monotone, but undefined outside their domains: report NaN bounds as unknown.
                return Monotone(f, x);
            default:
                return Monotone(f, x); // exp, expit, round, floor, ceil, years, days: increasing
        }
    }

    private static Interval Monotone(BuiltinFunction f, Interval x)
    {
        var lo = Functions.Apply(f, x.Lo);
        var hi = Functions.Apply(f, x.Hi);
        return double.IsNaN(lo) || double.IsNaN(hi) ? Interval.All : new Interval(lo, hi);
    }

    private static double Mul(double a, double b) => (a == 0 || b == 0) ? 0 : a * b; // 0 * inf is 0 for bounds

    private static Interval Hull(params double[] xs) => new(xs.Min(), xs.Max());
}
