using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Specs;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    /// <summary>The rule kinds a model file may declare.</summary>
    public static readonly ImmutableArray<string> RuleKinds = ["never"];

    /// <summary>
    /// Binds the rules against every variable whose type is known, even when other parts of the model
    /// failed, so that their problems are reported in the same run; a rule that names a variable
    /// whose own definition failed is skipped (its problem is reported already).
    /// </summary>
    private ImmutableArray<Rule> BuildRules(List<VariableDraft> drafts)
    {
        var variables = drafts.Where(IsTyped).Select(d => (d.Name, d.Index, d.Kind, Levels: d.Levels.IsDefault ? [] : d.Levels)).ToList();
        var failed = drafts.Where(d => !IsTyped(d)).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var scope = new BindingScope(
            variables.Where(v => v.Kind != VariableKind.Text).ToDictionary(
                v => v.Name,
                v => new ScopeVariable(
                    v.Name,
                    v.Index,
                    v.Kind.ExpressionType(),
                    v.Levels),
                StringComparer.Ordinal),
            _parameters);
        var rules = ImmutableArray.CreateBuilder<Rule>(_spec.Rules.Length);
        foreach (var spec in _spec.Rules)
        {
            if (spec.Kind.Value != "never")
            {
                _diagnostics.Error(
                    DiagnosticCodes.UnknownRuleKind,
                    spec.Kind.Span,
                    $"unknown rule kind '{spec.Kind.Value}' (known: {string.Join(", ", RuleKinds)})",
                    NameSuggestion.DidYouMean(spec.Kind.Value, RuleKinds));
                continue;
            }

            if (Parse(spec.Expression.Value, spec.Expression.Span) is { } parsed)
            {
                var used = new List<Located<string>>();
                CollectNames(parsed, spec.Expression.Value, spec.Expression.Span, used);
                if (used.Any(u => failed.Contains(u.Value)))
                {
                    continue;
                }
            }

            if (BindRule(spec, scope) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules.ToImmutable();
    }

    private Rule? BindRule(RuleSpec spec, BindingScope scope)
    {
        var text = spec.Expression.Value;
        if (Bind(text, spec.Expression.Span, scope) is not { } bound)
        {
            return null;
        }

        if (bound.Type != ExprType.Boolean)
        {
            _diagnostics.Error(DiagnosticCodes.TypeMismatch, spec.Expression.Span, $"a rule is a condition (true or false), but '{text}' is {(bound.Type == ExprType.Level ? "a level" : "a number")}");
            return null;
        }

        return new Rule(text, bound, ToCondition(bound), bound.Variables(), spec.Span, spec.Name);
    }

    private static LevelTest BooleanTest(int variable, double value, bool equal) =>
        new(variable, [(value == 0) == equal, (value == 1) == equal]);

    /// <summary>The condition as level tests, when it is built from discrete variables only.</summary>
    private static Condition? ToCondition(BoundExpr e) => e switch
    {
        ConstantExpr c => new ConstantCondition(c.Value != 0),
        VariableExpr { Access: VariableAccess.BooleanCode } v => new LevelTest(v.Variable, [false, true]),
        LevelSetExpr { Source: VariableExpr source } s => new LevelTest(source.Variable, s.Accepts),
        UnaryOpExpr { Operator: UnaryOperator.Not } u => ToCondition(u.Operand) is { } inner ? new NotCondition(inner) : null,
        BinaryOpExpr { Operator: BinaryOperator.And } b => ToCondition(b.Left) is { } l && ToCondition(b.Right) is { } r ? new AndCondition(l, r) : null,
        BinaryOpExpr { Operator: BinaryOperator.Or } b => ToCondition(b.Left) is { } l && ToCondition(b.Right) is { } r ? new OrCondition(l, r) : null,
        BinaryOpExpr { Operator: BinaryOperator.Equal or BinaryOperator.NotEqual, Left: VariableExpr { Access: VariableAccess.BooleanCode } v, Right: ConstantExpr c } b
            => BooleanTest(v.Variable, c.Value, b.Operator == BinaryOperator.Equal),
        BinaryOpExpr { Operator: BinaryOperator.Equal or BinaryOperator.NotEqual, Left: ConstantExpr c, Right: VariableExpr { Access: VariableAccess.BooleanCode } v } b
            => BooleanTest(v.Variable, c.Value, b.Operator == BinaryOperator.Equal),
        _ => null,
    };

    /// <summary>Reports expression errors at their column: the expression's start plus the offset.</summary>
    private void Report(Located<string> expression, ImmutableArray<ExpressionError> errors)
    {
        foreach (var e in errors)
        {
            _diagnostics.Error(e.Code, expression.Span.Shift(e.Offset), e.Message);
        }
    }
}
