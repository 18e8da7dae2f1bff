using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Specs;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    private readonly Dictionary<(SourceSpan, string), Expr?> _parsed = [];

    /// <summary>
    /// First pass over one variable: its node type, kind and declared levels, unknown settings, and
    /// the names its expressions use (its parents, unless <c>given</c> says otherwise).
    /// </summary>
    private void ReadNode(VariableDraft draft)
    {
        var spec = draft.Spec;
        var typeName = spec.Type?.Value;
        NodeType type;
        if (typeName is null)
        {
            type = spec.Ordered ? NodeType.Ordinal : NodeType.Categorical;
        }
        else if (!NodeVocabulary.Types.TryGetValue(typeName, out type))
        {
            _diagnostics.Error(
                DiagnosticCodes.UnknownType,
                spec.Type!.Value.Span,
                $"unknown type '{typeName}' for '{draft.Name}'",
                NameSuggestion.DidYouMean(typeName, KnownTypes) ?? $"types: {string.Join(", ", KnownTypes)}");
            return;
        }

        if (type == NodeType.Categorical && spec.Ordered)
        {
            type = NodeType.Ordinal;
        }

        draft.Type = type;
        CheckSettingKeys(draft, type);
        switch (type)
        {
            case NodeType.Categorical or NodeType.Ordinal or NodeType.Boolean:
                draft.Kind = type switch
                {
                    NodeType.Boolean => VariableKind.Boolean,
                    NodeType.Ordinal => VariableKind.Ordinal,
                    _ => VariableKind.Categorical,
                };
                draft.Levels = ReadLevels(spec, draft.Kind);
                draft.UsesTable = !(type == NodeType.Ordinal && IsRegression(spec));
                break;
            case NodeType.Logistic or NodeType.NoisyOr:
                draft.Kind = VariableKind.Boolean;
                draft.Levels = ReadLevels(spec, VariableKind.Boolean);
                break;
            case NodeType.Multinomial:
                draft.Kind = VariableKind.Categorical;
                draft.Levels = ReadLevels(spec, VariableKind.Categorical);
                break;
            case NodeType.Poisson or NodeType.NegativeBinomial or NodeType.Binomial:
                draft.Kind = VariableKind.Count;
                break;
            case NodeType.Date:
                draft.Kind = VariableKind.Date;
                break;
            case NodeType.Identifier:
                draft.Kind = VariableKind.Identifier;
                break;
            case NodeType.Fake:
                draft.Kind = VariableKind.Text;
                break;
            case NodeType.Derive:
                draft.Kind = VariableKind.Continuous; // refined when the formula is bound
                break;
            default:
                draft.Kind = VariableKind.Continuous;
                break;
        }

        if (!draft.UsesTable && (spec.Probabilities is not null || spec.Table is not null))
        {
            _diagnostics.Error(
                DiagnosticCodes.DistributionShape,
                (spec.Probabilities?.Span ?? spec.Table!.Value.FirstOrDefault()?.Span) ?? spec.Span,
                $"'{draft.Name}' is of type {NodeVocabulary.NameOf(type)}, which takes no 'probs' or 'table'");
        }

        foreach (var (text, span) in Sites(draft))
        {
            if (Parse(text, span) is { } expr)
            {
                CollectNames(expr, text, span, draft.UsedNames);
            }
        }

        if (type == NodeType.Fake && Setting(spec, "sex") is SpecScalar sex)
        {
            draft.UsedNames.Add(new Located<string>(sex.Text, sex.Span));
        }
    }

    private static bool IsRegression(VariableSpec spec) =>
        spec.Settings.Any(s => s.Key.Value is "thresholds" or "baseline" or "odds_ratios" or "coefficients" or "intercept");

    private void CheckSettingKeys(VariableDraft draft, NodeType type)
    {
        var allowed = NodeVocabulary.KeysOf(type);
        var all = NodeVocabulary.CommonKeys.Concat(allowed).Distinct().ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in draft.Spec.Settings)
        {
            var key = setting.Key.Value;
            if (!allowed.Contains(key) && key != "missing")
            {
                var elsewhere = NodeVocabulary.Types.Where(t => NodeVocabulary.KeysOf(t.Value).Contains(key)).Select(t => t.Key).ToList();
                var hint = NameSuggestion.DidYouMean(key, all)
                    ?? (elsewhere.Count > 0 ? $"'{key}' belongs to type {string.Join(" or ", elsewhere.Take(3))}" : $"keys of type {NodeVocabulary.NameOf(type)}: {string.Join(", ", all)}");
                _diagnostics.Error(DiagnosticCodes.UnknownKey, setting.Key.Span, $"unknown key '{key}' for '{draft.Name}' (type {NodeVocabulary.NameOf(type)})", hint);
            }
            else if (!seen.Add(key))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateKey, setting.Key.Span, $"'{key}' is given twice in variable '{draft.Name}'");
            }
        }

        var tableKeys = new List<(string Key, SourceSpan Span)>();
        if (draft.Spec.Levels is { } levels && !allowed.Contains("levels") && type != NodeType.Logistic && type != NodeType.NoisyOr)
        {
            tableKeys.Add(("levels", levels.FirstOrDefault().Span));
        }

        foreach (var (key, span) in tableKeys)
        {
            _diagnostics.Error(DiagnosticCodes.UnknownKey, span.HasPosition ? span : draft.Spec.Span, $"'{key}' does not apply to '{draft.Name}' (type {NodeVocabulary.NameOf(type)})");
        }
    }

    /// <summary>The expressions a variable's settings hold, with where each starts.</summary>
    private static IEnumerable<(string Text, SourceSpan Span)> Sites(VariableDraft draft)
    {
        var spec = draft.Spec;
        switch (draft.Type)
        {
            case NodeType.Logistic or NodeType.Ordinal:
                foreach (var key in new[] { "odds_ratios", "coefficients" })
                {
                    if (Setting(spec, key) is SpecMap map)
                    {
                        foreach (var entry in map.Entries)
                        {
                            yield return (entry.Key.Value, entry.Key.Span);
                        }
                    }
                }

                break;
            case NodeType.Multinomial:
                foreach (var key in new[] { "odds_ratios", "coefficients" })
                {
                    if (Setting(spec, key) is SpecMap byLevel)
                    {
                        foreach (var level in byLevel.Entries)
                        {
                            if (level.Value is SpecMap terms)
                            {
                                foreach (var entry in terms.Entries)
                                {
                                    yield return (entry.Key.Value, entry.Key.Span);
                                }
                            }
                        }
                    }
                }

                break;
            case NodeType.NoisyOr:
                if (Setting(spec, "causes") is SpecMap causes)
                {
                    foreach (var entry in causes.Entries)
                    {
                        yield return (entry.Key.Value, entry.Key.Span);
                    }
                }

                break;
            case NodeType.Derive or NodeType.Date:
                foreach (var key in new[] { "formula", "min", "max" })
                {
                    if (Setting(spec, key) is SpecScalar s)
                    {
                        yield return (s.Text, s.Span);
                    }
                }

                break;
            case { } type when NodeVocabulary.IsDistribution(type):
                foreach (var setting in spec.Settings)
                {
                    if (setting.Key.Value is not ("clip" or "round" or "missing") && setting.Value is SpecScalar s)
                    {
                        yield return (s.Text, s.Span);
                    }
                }

                break;
        }
    }

    /// <summary>Parses an expression once; errors are reported once.</summary>
    private Expr? Parse(string text, SourceSpan span)
    {
        if (_parsed.TryGetValue((span, text), out var cached))
        {
            return cached;
        }

        var (expr, errors) = ExpressionParser.Parse(text);
        if (expr is null)
        {
            Report(new Located<string>(text, span), errors);
        }

        _parsed[(span, text)] = expr;
        return expr;
    }

    /// <summary>Adds the names an expression uses, other than parameters and function names.</summary>
    private void CollectNames(Expr expr, string text, SourceSpan span, List<Located<string>> into)
    {
        switch (expr)
        {
            case NameExpr n when !_parameters.ContainsKey(n.Name):
                if (!into.Any(u => u.Value == n.Name))
                {
                    into.Add(new Located<string>(n.Name, span.Shift(n.Start)));
                }

                break;
            case UnaryExpr u:
                CollectNames(u.Operand, text, span, into);
                break;
            case BinaryExpr b:
                CollectNames(b.Left, text, span, into);
                CollectNames(b.Right, text, span, into);
                break;
            case InExpr i:
                CollectNames(i.Value, text, span, into);
                foreach (var item in i.Items)
                {
                    CollectNames(item, text, span, into);
                }

                break;
            case CallExpr c:
                foreach (var a in c.Arguments)
                {
                    CollectNames(a, text, span, into);
                }

                break;
            case ListExpr l:
                foreach (var item in l.Items)
                {
                    CollectNames(item, text, span, into);
                }

                break;
        }
    }

    private static SpecValue? Setting(VariableSpec spec, string key) =>
        spec.Settings.FirstOrDefault(s => s.Key.Value == key)?.Value;

    private static SpecEntry? SettingEntry(VariableSpec spec, string key) =>
        spec.Settings.FirstOrDefault(s => s.Key.Value == key);
}
