using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;

namespace DagSynth.Expressions;

/// <summary>
/// Binds a parsed expression to a <see cref="Condition"/> over discrete variables: resolves names,
/// checks levels, and reports type errors with the offset of the offending part.
/// </summary>
public static class ConditionBinder
{
    /// <summary>Binds <paramref name="expression"/>; the condition is null when there are errors.</summary>
    public static (Condition? Condition, ImmutableArray<ExpressionError> Errors) Bind(
        Expr expression,
        IReadOnlyDictionary<string, DiscreteSymbol> scope)
    {
        var errors = new List<ExpressionError>();
        var condition = BindCondition(expression, scope, errors);
        return errors.Count > 0 ? (null, [.. errors]) : (condition, []);
    }

    private static Condition? BindCondition(Expr e, IReadOnlyDictionary<string, DiscreteSymbol> scope, List<ExpressionError> errors)
    {
        switch (e)
        {
            case BooleanExpr b:
                return new ConstantCondition(b.Value);
            case UnaryExpr { Operator: UnaryOperator.Not } u:
                return BindCondition(u.Operand, scope, errors) is { } inner ? new NotCondition(inner) : null;
            case BinaryExpr { Operator: BinaryOperator.And or BinaryOperator.Or } b:
                {
                    var l = BindCondition(b.Left, scope, errors);
                    var r = BindCondition(b.Right, scope, errors);
                    if (l is null || r is null)
                    {
                        return null;
                    }

                    return b.Operator == BinaryOperator.And ? new AndCondition(l, r) : new OrCondition(l, r);
                }

            case NameExpr n:
                {
                    if (Resolve(n, scope, errors) is not { } symbol)
                    {
                        return null;
                    }

                    if (!symbol.IsBoolean)
                    {
                        errors.Add(new ExpressionError(
                            n.Start,
                            $"'{n.Name}' is not a boolean; compare it with one of its levels, e.g. {n.Name} == \"{symbol.Levels[0]}\"",
                            DiagnosticCodes.TypeMismatch));
                        return null;
                    }

                    return new LevelTest(symbol.Index, [false, true]);
                }

            case BinaryExpr { Operator: BinaryOperator.Equal or BinaryOperator.NotEqual } b:
                return BindEquality(b, scope, errors);
            case InExpr i:
                return BindIn(i, scope, errors);
            case BinaryExpr { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual } b:
                return BindOrder(b, scope, errors);
            default:
                errors.Add(new ExpressionError(e.Start, "expected a condition (a comparison, a boolean variable, and/or/not)", DiagnosticCodes.TypeMismatch));
                return null;
        }
    }

    private static LevelTest? BindEquality(BinaryExpr b, IReadOnlyDictionary<string, DiscreteSymbol> scope, List<ExpressionError> errors)
    {
        var (variableSide, levelSide) = b.Left is NameExpr ? (b.Left, b.Right) : (b.Right, b.Left);
        if (variableSide is not NameExpr name)
        {
            errors.Add(new ExpressionError(b.Start, "a comparison needs a variable on one side", DiagnosticCodes.TypeMismatch));
            return null;
        }

        if (Resolve(name, scope, errors) is not { } symbol)
        {
            return null;
        }

        if (LevelOf(levelSide, symbol, scope, errors) is not { } level)
        {
            return null;
        }

        var accepts = new bool[symbol.Levels.Length];
        accepts[level] = true;
        if (b.Operator == BinaryOperator.NotEqual)
        {
            for (var k = 0; k < accepts.Length; k++)
            {
                accepts[k] = !accepts[k];
            }
        }

        return new LevelTest(symbol.Index, [.. accepts]);
    }

    private static LevelTest? BindIn(InExpr i, IReadOnlyDictionary<string, DiscreteSymbol> scope, List<ExpressionError> errors)
    {
        if (i.Value is not NameExpr name)
        {
            errors.Add(new ExpressionError(i.Value.Start, "the left side of 'in' must be a variable", DiagnosticCodes.TypeMismatch));
            return null;
        }

        if (Resolve(name, scope, errors) is not { } symbol)
        {
            return null;
        }

        var accepts = new bool[symbol.Levels.Length];
        var ok = true;
        foreach (var item in i.Items)
        {
            if (LevelOf(item, symbol, scope, errors) is { } level)
            {
                accepts[level] = true;
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

        return new LevelTest(symbol.Index, [.. accepts]);
    }

    /// <summary>Order comparisons on an ordinal variable compare level positions: <c>stage >= "II"</c>.</summary>
    private static LevelTest? BindOrder(BinaryExpr b, IReadOnlyDictionary<string, DiscreteSymbol> scope, List<ExpressionError> errors)
    {
        if (b.Left is not NameExpr name)
        {
            errors.Add(new ExpressionError(b.Left.Start, "the left side of an order comparison must be a variable", DiagnosticCodes.TypeMismatch));
            return null;
        }

        if (Resolve(name, scope, errors) is not { } symbol || LevelOf(b.Right, symbol, scope, errors) is not { } level)
        {
            return null;
        }

        var accepts = new bool[symbol.Levels.Length];
        for (var k = 0; k < accepts.Length; k++)
        {
            accepts[k] = b.Operator switch
            {
                BinaryOperator.Less => k < level,
                BinaryOperator.LessOrEqual => k <= level,
                BinaryOperator.Greater => k > level,
                _ => k >= level,
            };
        }

        return new LevelTest(symbol.Index, [.. accepts]);
    }

    private static DiscreteSymbol? Resolve(NameExpr name, IReadOnlyDictionary<string, DiscreteSymbol> scope, List<ExpressionError> errors)
    {
        if (scope.TryGetValue(name.Name, out var symbol))
        {
            return symbol;
        }

        var hint = NameSuggestion.DidYouMean(name.Name, scope.Keys);
        errors.Add(new ExpressionError(
            name.Start,
            $"unknown variable '{name.Name}'" + (hint is null ? string.Empty : $"; {hint}"),
            DiagnosticCodes.UnknownName));
        return null;
    }

    private static int? LevelOf(Expr e, DiscreteSymbol symbol, IReadOnlyDictionary<string, DiscreteSymbol> scope, List<ExpressionError> errors)
    {
        string? text = e switch
        {
            StringExpr s => s.Value,
            BooleanExpr b when symbol.IsBoolean => b.Value ? "true" : "false",
            NumberExpr n => n.Value.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };

        if (text is null)
        {
            var what = e is NameExpr n && scope.ContainsKey(n.Name)
                ? $"'{n.Name}' is a variable; rules compare a variable with levels, not with another variable; write the level in quotes"
                : $"expected a level of '{symbol.Name}' in quotes, e.g. \"{symbol.Levels[0]}\"";
            errors.Add(new ExpressionError(e.Start, what, DiagnosticCodes.TypeMismatch));
            return null;
        }

        var index = symbol.Levels.IndexOf(text, StringComparer.Ordinal);
        if (index < 0 && e is NumberExpr number)
        {
            // A level written as a bare number, such as 0 for the level "0" or 1.5 for "1.5", matches by text.
            index = symbol.Levels.IndexOf(number.Value.ToString("R", CultureInfo.InvariantCulture), StringComparer.Ordinal);
        }

        if (index >= 0)
        {
            return index;
        }

        var hint = NameSuggestion.DidYouMean(text, symbol.Levels);
        errors.Add(new ExpressionError(
            e.Start,
            $"'{text}' is not a level of '{symbol.Name}' (levels: {string.Join(", ", symbol.Levels)})" + (hint is null ? string.Empty : $"; {hint}"),
            DiagnosticCodes.UnknownLevelInExpression));
        return null;
    }
}
