using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Specs;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    /// <summary>The rule kinds a model file may declare.</summary>
    public static readonly ImmutableArray<string> RuleKinds = ["never"];

    private ImmutableArray<Rule> BuildRules(ImmutableArray<Variable> variables)
    {
        var scope = variables.ToDictionary(
            v => v.Name,
            v => new DiscreteSymbol(v.Name, v.Index, v.Levels, v.Kind == VariableKind.Boolean),
            StringComparer.Ordinal);
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

            if (BindRule(spec, scope) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules.ToImmutable();
    }

    private Rule? BindRule(RuleSpec spec, IReadOnlyDictionary<string, DiscreteSymbol> scope)
    {
        var text = spec.Expression.Value;
        var (expr, parseErrors) = ExpressionParser.Parse(text);
        if (expr is null)
        {
            Report(spec.Expression, parseErrors);
            return null;
        }

        var (condition, bindErrors) = ConditionBinder.Bind(expr, scope);
        if (condition is null)
        {
            Report(spec.Expression, bindErrors);
            return null;
        }

        var used = new SortedSet<int>();
        condition.CollectVariables(used);
        return new Rule(text, condition, [.. used], spec.Span, spec.Name);
    }

    /// <summary>Reports expression errors at their column: the expression's start plus the offset.</summary>
    private void Report(Located<string> expression, ImmutableArray<ExpressionError> errors)
    {
        foreach (var e in errors)
        {
            _diagnostics.Error(e.Code, expression.Span.Shift(e.Offset), e.Message);
        }
    }
}
