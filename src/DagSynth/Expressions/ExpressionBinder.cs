using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;

namespace DagSynth.Expressions;

/// <summary>
/// Resolves names and checks types: turns a parsed <see cref="Expr"/> into a <see cref="BoundExpr"/>.
/// Booleans are 1 and 0 in arithmetic; a categorical variable can only be compared with its levels;
/// only the functions of <see cref="Functions"/> and the special forms <c>if</c>, <c>cut</c> and
/// <c>date</c> can be called. Every error names the offset of the offending part.
/// </summary>
public sealed class ExpressionBinder
{
    private readonly BindingScope _scope;
    private readonly List<ExpressionError> _errors = [];

    private ExpressionBinder(BindingScope scope) => _scope = scope;

    /// <summary>Binds <paramref name="expression"/>; null with errors when it does not type-check.</summary>
    public static (BoundExpr? Expression, ImmutableArray<ExpressionError> Errors) Bind(Expr expression, BindingScope scope)
    {
        var binder = new ExpressionBinder(scope);
        var bound = binder.BindAny(expression);
        return binder._errors.Count > 0 || bound is null ? (null, [.. binder._errors]) : (bound, []);
    }

    /// <summary>Parses and binds <paramref name="text"/>.</summary>
    public static (BoundExpr? Expression, ImmutableArray<ExpressionError> Errors) Bind(string text, BindingScope scope)
    {
        var (expr, errors) = ExpressionParser.Parse(text);
        return expr is null ? (null, errors) : Bind(expr, scope);
    }

    private BoundExpr? BindAny(Expr e)
    {
        switch (e)
        {
            case NumberExpr n:
                return new ConstantExpr(n.Value, ExprType.Number, n.Start);
            case BooleanExpr b:
                return new ConstantExpr(b.Value ? 1 : 0, ExprType.Boolean, b.Start);
            case StringExpr s:
                return Fail(s.Start, $"\"{s.Value}\" is a level name; compare it with a variable, e.g. sex == \"{s.Value}\"");
            case NameExpr n:
                return BindName(n);
            case UnaryExpr u:
                {
                    var operand = BindAny(u.Operand);
                    if (operand is null)
                    {
                        return null;
                    }

                    return u.Operator == UnaryOperator.Not
                        ? RequireBoolean(operand, u.Operand.Start, "'not'") is { } b ? new UnaryOpExpr(UnaryOperator.Not, b, u.Start) : null
                        : RequireNumber(operand, u.Operand.Start, "'-'") is { } n ? new UnaryOpExpr(UnaryOperator.Negate, n, u.Start) : null;
                }

            case BinaryExpr b:
                return BindBinary(b);
            case InExpr i:
                return BindIn(i);
            case CallExpr c:
                return BindCall(c);
            case ListExpr l:
                return Fail(l.Start, "a list can only follow 'in' or be an argument of cut()");
            default:
                return Fail(e.Start, "unsupported expression");
        }
    }

    private BoundExpr? BindName(NameExpr n)
    {
        if (_scope.Variables.TryGetValue(n.Name, out var v))
        {
            var access = v.Type switch
            {
                ExprType.Number => VariableAccess.Numeric,
                ExprType.Boolean => VariableAccess.BooleanCode,
                _ => VariableAccess.LevelCode,
            };
            return new VariableExpr(v.Index, access, v.Type, n.Start);
        }

        if (_scope.Parameters.TryGetValue(n.Name, out var value))
        {
            return new ConstantExpr(value, ExprType.Number, n.Start);
        }

        var known = _scope.Variables.Keys.Concat(_scope.Parameters.Keys).ToList();
        var hint = NameSuggestion.DidYouMean(n.Name, known);
        _errors.Add(new ExpressionError(
            n.Start,
            $"unknown name '{n.Name}'" + (hint is null ? string.Empty : $"; {hint}"),
            DiagnosticCodes.UnknownName));
        return null;
    }

    private BoundExpr? BindBinary(BinaryExpr b)
    {
        switch (b.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or:
                {
                    var l = BindAny(b.Left);
                    var r = BindAny(b.Right);
                    var lb = l is null ? null : RequireBoolean(l, b.Left.Start, $"'{Symbol(b.Operator)}'");
                    var rb = r is null ? null : RequireBoolean(r, b.Right.Start, $"'{Symbol(b.Operator)}'");
                    return lb is null || rb is null ? null : new BinaryOpExpr(b.Operator, lb, rb, b.Start);
                }

            case BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
                or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                return BindComparison(b);
            default:
                {
                    var l = BindAny(b.Left);
                    var r = BindAny(b.Right);
                    var ln = l is null ? null : RequireNumber(l, b.Left.Start, $"'{Symbol(b.Operator)}'");
                    var rn = r is null ? null : RequireNumber(r, b.Right.Start, $"'{Symbol(b.Operator)}'");
                    return ln is null || rn is null ? null : new BinaryOpExpr(b.Operator, ln, rn, b.Start);
                }
        }
    }

    private BoundExpr? BindComparison(BinaryExpr b)
    {
        var left = BindLevelOperand(b.Left);
        var right = BindLevelOperand(b.Right);
        if (left is null || right is null)
        {
            return null;
        }

        // A level-valued side (categorical variable or cut) against a level literal becomes a level set.
        if (left.Bound?.Type == ExprType.Level || right.Bound?.Type == ExprType.Level)
        {
            var (source, literal, literalNode, flipped) = left.Bound?.Type == ExprType.Level
                ? (left.Bound!, right, b.Right, false)
                : (right.Bound!, left, b.Left, true);
            if (literal.Text is null)
            {
                return Fail(literalNode.Start, $"{Describe(source)} can only be compared with one of its levels in quotes, e.g. \"{LevelsOf(source)[0]}\"");
            }

            if (LevelIndex(source, literal.Text, literalNode.Start) is not { } level)
            {
                return null;
            }

            var op = flipped ? Flip(b.Operator) : b.Operator;
            var levels = LevelsOf(source);
            var accepts = new bool[levels.Length];
            for (var k = 0; k < accepts.Length; k++)
            {
                accepts[k] = op switch
                {
                    BinaryOperator.Equal => k == level,
                    BinaryOperator.NotEqual => k != level,
                    BinaryOperator.Less => k < level,
                    BinaryOperator.LessOrEqual => k <= level,
                    BinaryOperator.Greater => k > level,
                    _ => k >= level,
                };
            }

            return new LevelSetExpr(source, [.. accepts], b.Start);
        }

        // A boolean compared with "true"/"false" or true/false.
        var l = left.Bound ?? BooleanLiteral(left, b.Left.Start);
        var r = right.Bound ?? BooleanLiteral(right, b.Right.Start);
        if (l is null || r is null)
        {
            return null;
        }

        if (b.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual))
        {
            l = RequireNumber(l, b.Left.Start, $"'{Symbol(b.Operator)}'");
            r = RequireNumber(r, b.Right.Start, $"'{Symbol(b.Operator)}'");
            if (l is null || r is null)
            {
                return null;
            }
        }

        return new BinaryOpExpr(b.Operator, l, r, b.Start);
    }

    /// <summary>One side of a comparison: either bound, or a literal that may name a level.</summary>
    private sealed record Operand(BoundExpr? Bound, string? Text);

    private Operand? BindLevelOperand(Expr e)
    {
        switch (e)
        {
            case StringExpr s:
                return new Operand(null, s.Value);
            case NumberExpr n:
                return new Operand(new ConstantExpr(n.Value, ExprType.Number, n.Start), n.Value.ToString("R", CultureInfo.InvariantCulture));
            case BooleanExpr b:
                return new Operand(new ConstantExpr(b.Value ? 1 : 0, ExprType.Boolean, b.Start), b.Value ? "true" : "false");
            default:
                var bound = BindAny(e);
                return bound is null ? null : new Operand(bound, null);
        }
    }

    private BoundExpr? BooleanLiteral(Operand operand, int start) => operand.Text switch
    {
        "true" => new ConstantExpr(1, ExprType.Boolean, start),
        "false" => new ConstantExpr(0, ExprType.Boolean, start),
        _ => Fail(start, $"\"{operand.Text}\" is a level name, but the other side is not a categorical variable"),
    };

    private BoundExpr? BindIn(InExpr i)
    {
        var source = BindAny(i.Value);
        if (source is null)
        {
            return null;
        }

        if (source.Type != ExprType.Level)
        {
            // Numbers and booleans: x in [a, b] is x == a or x == b.
            var number = RequireNumber(source, i.Value.Start, "'in'");
            if (number is null)
            {
                return null;
            }

            BoundExpr? any = null;
            foreach (var item in i.Items)
            {
                var value = BindAny(item);
                var n = value is null ? null : RequireNumber(value, item.Start, "'in'");
                if (n is null)
                {
                    return null;
                }

                var test = new BinaryOpExpr(BinaryOperator.Equal, number, n, item.Start);
                any = any is null ? test : new BinaryOpExpr(BinaryOperator.Or, any, test, item.Start);
            }

            any ??= new ConstantExpr(0, ExprType.Boolean, i.Start);
            return i.Negated ? new UnaryOpExpr(UnaryOperator.Not, any, i.Start) : any;
        }

        var levels = LevelsOf(source);
        var accepts = new bool[levels.Length];
        var ok = true;
        foreach (var item in i.Items)
        {
            var text = item switch
            {
                StringExpr s => s.Value,
                NumberExpr n => n.Value.ToString("R", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (text is null)
            {
                Fail(item.Start, $"expected a level of {Describe(source)} in quotes");
                ok = false;
            }
            else if (LevelIndex(source, text, item.Start) is { } k)
            {
                accepts[k] = true;
            }
            else
            {
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        if (i.Negated)
        {
            for (var k = 0; k < accepts.Length; k++)
            {
                accepts[k] = !accepts[k];
            }
        }

        return new LevelSetExpr(source, [.. accepts], i.Start);
    }

    private BoundExpr? BindCall(CallExpr c)
    {
        switch (c.Function)
        {
            case "if":
                {
                    if (c.Arguments.Length != 3)
                    {
                        return Fail(c.Start, $"if() takes 3 arguments (condition, value if true, value if false), not {c.Arguments.Length}");
                    }

                    var condition = BindAny(c.Arguments[0]);
                    var a = BindAny(c.Arguments[1]);
                    var b = BindAny(c.Arguments[2]);
                    var cb = condition is null ? null : RequireBoolean(condition, c.Arguments[0].Start, "if()");
                    if (cb is null || a is null || b is null)
                    {
                        return null;
                    }

                    if (a.Type == ExprType.Boolean && b.Type == ExprType.Boolean)
                    {
                        return new IfExpr(cb, a, b, c.Start);
                    }

                    var an = RequireNumber(a, c.Arguments[1].Start, "if()");
                    var bn = RequireNumber(b, c.Arguments[2].Start, "if()");
                    return an is null || bn is null ? null : new IfExpr(cb, an, bn, c.Start);
                }

            case "cut":
                return BindCut(c);
            case "date":
                {
                    if (c.Arguments is not [StringExpr text])
                    {
                        return Fail(c.Start, "date() takes one date in quotes, e.g. date(\"2024-01-31\")");
                    }

                    if (!DateOnly.TryParseExact(text.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        return Fail(text.Start, $"\"{text.Value}\" is not a date written yyyy-mm-dd");
                    }

                    return new ConstantExpr(DayNumber(date), ExprType.Number, c.Start);
                }
        }

        if (!Functions.ByName.TryGetValue(c.Function, out var entry))
        {
            var hint = NameSuggestion.DidYouMean(c.Function, Functions.ByName.Keys.Concat(Functions.SpecialForms));
            _errors.Add(new ExpressionError(
                c.Start,
                $"unknown function '{c.Function}'" + (hint is null ? $" (functions: {string.Join(", ", Functions.ByName.Keys.Concat(Functions.SpecialForms).Order())})" : $"; {hint}"),
                DiagnosticCodes.UnknownFunction));
            return null;
        }

        if (c.Arguments.Length < entry.Min || (entry.Max >= 0 && c.Arguments.Length > entry.Max))
        {
            var expected = entry.Max < 0 ? $"at least {entry.Min}" : entry.Min == entry.Max ? $"{entry.Min}" : $"{entry.Min} or {entry.Max}";
            return Fail(c.Start, $"{c.Function}() takes {expected} argument{(expected == "1" ? string.Empty : "s")}, not {c.Arguments.Length}");
        }

        var args = ImmutableArray.CreateBuilder<BoundExpr>(c.Arguments.Length);
        var ok = true;
        foreach (var argument in c.Arguments)
        {
            var bound = BindAny(argument);
            var number = bound is null ? null : RequireNumber(bound, argument.Start, $"{c.Function}()");
            if (number is null)
            {
                ok = false;
            }
            else
            {
                args.Add(number);
            }
        }

        return ok ? new CallExprBound(entry.Function, args.ToImmutable(), c.Start) : null;
    }

    private BoundExpr? BindCut(CallExpr c)
    {
        if (c.Arguments is not [var valueNode, ListExpr breaksNode, ListExpr labelsNode])
        {
            return Fail(c.Start, "cut() takes a number, a list of breaks and a list of labels: cut(bmi, [18.5, 25, 30], [\"under\", \"normal\", \"over\", \"obese\"])");
        }

        var value = BindAny(valueNode);
        var number = value is null ? null : RequireNumber(value, valueNode.Start, "cut()");
        var breaks = ImmutableArray.CreateBuilder<double>();
        foreach (var item in breaksNode.Items)
        {
            var bound = BindAny(item);
            if (bound is ConstantExpr { Type: ExprType.Number } constant)
            {
                if (breaks.Count > 0 && constant.Value <= breaks[^1])
                {
                    return Fail(item.Start, "the breaks of cut() must increase");
                }

                breaks.Add(constant.Value);
            }
            else if (bound is not null)
            {
                return Fail(item.Start, "the breaks of cut() are numbers or parameters");
            }
        }

        var labels = ImmutableArray.CreateBuilder<string>();
        foreach (var item in labelsNode.Items)
        {
            if (item is not StringExpr s)
            {
                return Fail(item.Start, "the labels of cut() are level names in quotes");
            }

            if (labels.Contains(s.Value))
            {
                return Fail(item.Start, $"label \"{s.Value}\" is given twice");
            }

            labels.Add(s.Value);
        }

        if (labels.Count != breaks.Count + 1)
        {
            return Fail(labelsNode.Start, $"cut() with {breaks.Count} breaks makes {breaks.Count + 1} intervals, so it needs {breaks.Count + 1} labels, not {labels.Count}");
        }

        return number is null || _errors.Count > 0 ? null : new CutExpr(number, breaks.ToImmutable(), labels.ToImmutable(), c.Start);
    }

    /// <summary>Days since 1970-01-01: how dates are numbers in expressions and columns.</summary>
    public static double DayNumber(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private BoundExpr? RequireNumber(BoundExpr e, int at, string context)
    {
        if (e.Type != ExprType.Level)
        {
            return e; // booleans count as 1 and 0
        }

        return Fail(at, $"{Describe(e)} has levels, not a value, so it cannot be used in {context}; compare it with a level, e.g. {Describe(e, quoted: false)} == \"{LevelsOf(e)[0]}\"");
    }

    private BoundExpr? RequireBoolean(BoundExpr e, int at, string context)
    {
        if (e.Type == ExprType.Boolean)
        {
            return e;
        }

        return e.Type == ExprType.Level
            ? Fail(at, $"{Describe(e)} is not true or false, so it cannot be used in {context}; compare it with a level, e.g. {Describe(e, quoted: false)} == \"{LevelsOf(e)[0]}\"")
            : Fail(at, $"{context} needs a condition (true or false), not a number; compare it, e.g. x > 0");
    }

    private int? LevelIndex(BoundExpr source, string text, int at)
    {
        var levels = LevelsOf(source);
        var k = levels.IndexOf(text, StringComparer.Ordinal);
        if (k >= 0)
        {
            return k;
        }

        var hint = NameSuggestion.DidYouMean(text, levels);
        _errors.Add(new ExpressionError(
            at,
            $"'{text}' is not a level of {Describe(source)} (levels: {string.Join(", ", levels)})" + (hint is null ? string.Empty : $"; {hint}"),
            DiagnosticCodes.UnknownLevelInExpression));
        return null;
    }

    private ImmutableArray<string> LevelsOf(BoundExpr e) => e switch
    {
        VariableExpr v => _scope.Variables.Values.First(s => s.Index == v.Variable).Levels,
        CutExpr c => c.Labels,
        _ => [],
    };

    private string Describe(BoundExpr e, bool quoted = true) => e switch
    {
        VariableExpr v => quoted ? $"'{NameOf(v.Variable)}'" : NameOf(v.Variable),
        CutExpr => "cut(...)",
        _ => "the value",
    };

    private string NameOf(int index) => _scope.Variables.Values.First(s => s.Index == index).Name;

    private BoundExpr? Fail(int at, string message)
    {
        _errors.Add(new ExpressionError(at, message, DiagnosticCodes.TypeMismatch));
        return null;
    }

    private static BinaryOperator Flip(BinaryOperator op) => op switch
    {
        BinaryOperator.Less => BinaryOperator.Greater,
        BinaryOperator.LessOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperator.Greater => BinaryOperator.Less,
        BinaryOperator.GreaterOrEqual => BinaryOperator.LessOrEqual,
        _ => op,
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "or",
        BinaryOperator.And => "and",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "^",
    };
}
