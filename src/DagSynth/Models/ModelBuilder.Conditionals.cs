using DagSynth.Distributions;
using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Specs;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    /// <summary>Parent configurations enumerated to prove a parameter's domain exactly; above this, bounds are used.</summary>
    private const int MaxProofConfigurations = 100_000;

    /// <summary>Second pass over one variable, in topological order: binds its expressions and builds its conditional.</summary>
    private void BuildConditional(List<VariableDraft> drafts, VariableDraft draft)
    {
        // A parent's type and levels are known from the first pass, except for derived variables,
        // which are typed by binding their formula: only those must be built before their children.
        // So a table is still checked when a parent's own table is broken, and every problem shows.
        if (draft.Type is not { } type || draft.Parents.IsDefault || draft.Parents.Any(p => !IsTyped(drafts[p])))
        {
            return; // the problem, or the parent's, is reported already
        }

        if (draft.UsesTable)
        {
            BuildTableNode(drafts, draft);
            return;
        }

        var scope = ScopeFor(drafts, draft);
        if (scope is null)
        {
            return;
        }

        draft.Conditional = type switch
        {
            NodeType.Logistic => BuildLogistic(draft, scope),
            NodeType.Ordinal => BuildCumulativeLogit(draft, scope),
            NodeType.Multinomial => BuildMultinomial(draft, scope),
            NodeType.NoisyOr => BuildNoisyOr(draft, scope),
            NodeType.Derive => BuildDerive(drafts, draft, scope),
            NodeType.Date => BuildDate(drafts, draft, scope),
            NodeType.Identifier => BuildIdentifier(draft),
            NodeType.Fake => BuildFake(drafts, draft),
            _ => BuildDistribution(drafts, draft, scope, type),
        };
        if (draft.Conditional is not null && draft.Kind.IsDiscrete() && draft.Levels.IsDefault)
        {
            draft.Conditional = null;
        }
        else if (draft.Conditional is not null && draft.Kind.IsDiscrete())
        {
            draft.Range = new Interval(0, draft.Levels.Length - 1);
        }
    }

    private static bool IsTyped(VariableDraft draft) =>
        draft.Type is not null && (draft.Type != NodeType.Derive || draft.Conditional is not null) && !(draft.Kind.IsDiscrete() && draft.Levels.IsDefault);

    private void BuildTableNode(List<VariableDraft> drafts, VariableDraft draft)
    {
        if (draft.Levels.IsDefault)
        {
            return;
        }

        var ok = true;
        foreach (var p in draft.Parents)
        {
            if (!drafts[p].Kind.IsDiscrete())
            {
                var at = draft.Spec.Given.FirstOrDefault(g => g.Value == drafts[p].Name).Span;
                _diagnostics.Error(
                    DiagnosticCodes.NumericParentOfTable,
                    at.HasPosition ? at : draft.Spec.Span,
                    $"'{draft.Name}' has a table, so its parents must have levels, but '{drafts[p].Name}' is {drafts[p].Kind.ToString().ToLowerInvariant()}",
                    $"derive a categorical variable from it with cut(), e.g. type: derive, formula: cut({drafts[p].Name}, [...], [...]); or make '{draft.Name}' a logistic node");
                ok = false;
            }
        }

        if (!ok)
        {
            return;
        }

        var parentNames = draft.Parents.Select(p => drafts[p].Name).ToImmutableArray();
        var parentLevels = draft.Parents.Select(p => drafts[p].Levels).ToImmutableArray();
        if (BuildTable(draft, parentNames, parentLevels) is { } table)
        {
            draft.Conditional = new CptConditional(table);
            draft.Range = new Interval(0, draft.Levels.Length - 1);
        }
    }

    private BindingScope? ScopeFor(List<VariableDraft> drafts, VariableDraft draft)
    {
        var variables = new Dictionary<string, ScopeVariable>(StringComparer.Ordinal);
        foreach (var p in draft.Parents)
        {
            var parent = drafts[p];
            if (parent.Kind == VariableKind.Text && draft.Type != NodeType.Fake)
            {
                var at = draft.UsedNames.FirstOrDefault(u => u.Value == parent.Name).Span;
                _diagnostics.Error(DiagnosticCodes.TypeMismatch, at.HasPosition ? at : draft.Spec.Span, $"'{parent.Name}' is fake text; it cannot be used in a formula");
                return null;
            }

            variables[parent.Name] = new ScopeVariable(parent.Name, parent.Index, parent.Kind.ExpressionType(), parent.Levels.IsDefault ? [] : parent.Levels);
        }

        return new BindingScope(variables, _parameters);
    }

    private BoundExpr? Bind(string text, SourceSpan span, BindingScope scope)
    {
        if (Parse(text, span) is not { } expr)
        {
            return null;
        }

        var (bound, errors) = ExpressionBinder.Bind(expr, scope);
        if (bound is null)
        {
            Report(new Located<string>(text, span), errors);
        }

        return bound;
    }

    private BoundExpr? BindNumber(string text, SourceSpan span, BindingScope scope, string what)
    {
        var bound = Bind(text, span, scope);
        if (bound is { Type: ExprType.Level })
        {
            _diagnostics.Error(DiagnosticCodes.TypeMismatch, span, $"{what} must be a number, but '{text}' has levels");
            return null;
        }

        return bound;
    }

    /// <summary>A number setting: a literal, or a constant expression of parameters.</summary>
    private double? Constant(SpecValue? value, string what)
    {
        if (value is not SpecScalar scalar)
        {
            if (value is not null)
            {
                _diagnostics.Error(DiagnosticCodes.WrongShape, value.Span, $"{what} should be a number, found {value.Describe()}");
            }

            return null;
        }

        if (double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var literal))
        {
            return literal;
        }

        switch (scalar.Text)
        {
            case ".inf" or "+.inf" or ".Inf" or "inf" or "Inf":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-inf" or "-Inf":
                return double.NegativeInfinity;
        }

        var (expr, errors) = ExpressionParser.Parse(scalar.Text);
        if (expr is null)
        {
            Report(new Located<string>(scalar.Text, scalar.Span), errors);
            return null;
        }

        return ConstantOf(expr, scalar.Text, scalar.Span, []);
    }

    private ImmutableArray<double>? Constants(SpecValue? value, string what)
    {
        if (value is not SpecList list)
        {
            if (value is not null)
            {
                _diagnostics.Error(DiagnosticCodes.WrongShape, value.Span, $"{what} should be a list of numbers, found {value.Describe()}");
            }

            return null;
        }

        var result = ImmutableArray.CreateBuilder<double>(list.Items.Length);
        foreach (var item in list.Items)
        {
            if (Constant(item, what) is not { } x)
            {
                return null;
            }

            result.Add(x);
        }

        return result.ToImmutable();
    }

    // ----- regression nodes -----

    private LogisticConditional? BuildLogistic(VariableDraft draft, BindingScope scope)
    {
        var intercept = Intercept(draft, Setting(draft.Spec, "intercept"), Setting(draft.Spec, "baseline"), draft.Spec.Span);
        var terms = Terms(draft, scope, Setting(draft.Spec, "odds_ratios"), Setting(draft.Spec, "coefficients"));
        return intercept is null || terms.IsDefault ? null : new LogisticConditional(new LinearPredictor(intercept.Value, terms));
    }

    private double? Intercept(VariableDraft draft, SpecValue? intercept, SpecValue? baseline, SourceSpan at)
    {
        if (intercept is not null && baseline is not null)
        {
            _diagnostics.Error(DiagnosticCodes.BadSettings, baseline.Span, $"'{draft.Name}' gives both 'intercept' and 'baseline'; give one");
            return null;
        }

        if (intercept is not null)
        {
            return Constant(intercept, "the intercept");
        }

        if (baseline is null)
        {
            _diagnostics.Error(
                DiagnosticCodes.BadSettings,
                at,
                $"'{draft.Name}' needs 'baseline' (the probability when every term is 0) or 'intercept' (its log-odds)");
            return null;
        }

        if (Constant(baseline, "the baseline probability") is not { } p)
        {
            return null;
        }

        if (!(p > 0 && p < 1))
        {
            _diagnostics.Error(DiagnosticCodes.OutOfDomain, baseline.Span, $"the baseline probability of '{draft.Name}' must be between 0 and 1 (exclusive), not {Format(p)}");
            return null;
        }

        return PortableMath.Log(p / (1 - p));
    }

    /// <summary>Reads <c>odds_ratios</c> and <c>coefficients</c>: expression keys, numbers or per-level maps as values.</summary>
    private ImmutableArray<LinearTerm> Terms(VariableDraft draft, BindingScope scope, SpecValue? oddsRatios, SpecValue? coefficients)
    {
        var terms = ImmutableArray.CreateBuilder<LinearTerm>();
        var ok = true;
        foreach (var (value, isOddsRatio) in new[] { (oddsRatios, true), (coefficients, false) })
        {
            if (value is null)
            {
                continue;
            }

            var what = isOddsRatio ? "odds_ratios" : "coefficients";
            if (value is not SpecMap map)
            {
                _diagnostics.Error(DiagnosticCodes.WrongShape, value.Span, $"'{what}' should be a mapping from terms to numbers, found {value.Describe()}", $"e.g. {what}: {{smoker: 2.0, \"(age - 60) / 10\": 1.5}}");
                ok = false;
                continue;
            }

            foreach (var entry in map.Entries)
            {
                ok &= ReadTerm(draft, scope, entry, isOddsRatio, terms);
            }
        }

        return ok ? terms.ToImmutable() : default;
    }

    private bool ReadTerm(VariableDraft draft, BindingScope scope, SpecEntry entry, bool isOddsRatio, ImmutableArray<LinearTerm>.Builder terms)
    {
        var text = entry.Key.Value;
        if (Bind(text, entry.Key.Span, scope) is not { } expression)
        {
            return false;
        }

        if (expression.Type == ExprType.Level)
        {
            if (entry.Value is not SpecMap byLevel)
            {
                var levels = LevelsOf(expression, scope);
                _diagnostics.Error(
                    DiagnosticCodes.WrongShape,
                    entry.Value.Span,
                    $"'{text}' has levels, so give one value per level against a reference level",
                    $"e.g. {text}: {{{levels.Skip(1).FirstOrDefault() ?? "level"}: 1.5}} (levels not listed are the reference)");
                return false;
            }

            var ok = true;
            foreach (var level in byLevel.Entries)
            {
                var levels = LevelsOf(expression, scope);
                var k = levels.IndexOf(level.Key.Value, StringComparer.Ordinal);
                if (k < 0)
                {
                    _diagnostics.Error(
                        DiagnosticCodes.UnknownLevel,
                        level.Key.Span,
                        $"'{level.Key.Value}' is not a level of '{text}' (levels: {string.Join(", ", levels)})",
                        NameSuggestion.DidYouMean(level.Key.Value, levels));
                    ok = false;
                    continue;
                }

                if (Coefficient(level.Value, isOddsRatio, $"{text}={level.Key.Value}") is not { } coefficient)
                {
                    ok = false;
                    continue;
                }

                var accepts = new bool[levels.Length];
                accepts[k] = true;
                terms.Add(new LinearTerm(new LevelSetExpr(expression, [.. accepts], expression.Start), coefficient, $"{text}={level.Key.Value}"));
            }

            return ok;
        }

        if (Coefficient(entry.Value, isOddsRatio, text) is not { } c)
        {
            return false;
        }

        terms.Add(new LinearTerm(expression, c, text));
        return true;
    }

    private double? Coefficient(SpecValue value, bool isOddsRatio, string label)
    {
        if (Constant(value, isOddsRatio ? $"the odds ratio of {label}" : $"the coefficient of {label}") is not { } x)
        {
            return null;
        }

        if (!isOddsRatio)
        {
            return double.IsFinite(x) ? x : Invalid(value.Span, $"the coefficient of {label} must be finite");
        }

        return x > 0 && double.IsFinite(x) ? PortableMath.Log(x) : Invalid(value.Span, $"the odds ratio of {label} must be positive and finite, not {Format(x)}");
    }

    private double? Invalid(SourceSpan at, string message)
    {
        _diagnostics.Error(DiagnosticCodes.OutOfDomain, at, message);
        return null;
    }

    private static ImmutableArray<string> LevelsOf(BoundExpr e, BindingScope scope) => e switch
    {
        VariableExpr v => scope.Variables.Values.First(s => s.Index == v.Variable).Levels,
        CutExpr c => c.Labels,
        _ => [],
    };

    private CumulativeLogitConditional? BuildCumulativeLogit(VariableDraft draft, BindingScope scope)
    {
        if (draft.Levels.IsDefault)
        {
            return null;
        }

        var k = draft.Levels.Length;
        var thresholdsValue = Setting(draft.Spec, "thresholds");
        var baselineValue = Setting(draft.Spec, "baseline");
        if (Setting(draft.Spec, "intercept") is { } intercept)
        {
            _diagnostics.Error(DiagnosticCodes.BadSettings, intercept.Span, $"an ordinal model has thresholds, not an intercept", "write 'baseline: [p1, ..., pk]' (the probabilities when every term is 0) or 'thresholds: [...]'");
            return null;
        }

        ImmutableArray<double> thresholds;
        if (thresholdsValue is not null && baselineValue is not null)
        {
            _diagnostics.Error(DiagnosticCodes.BadSettings, baselineValue.Span, $"'{draft.Name}' gives both 'thresholds' and 'baseline'; give one");
            return null;
        }
        else if (thresholdsValue is not null)
        {
            if (Constants(thresholdsValue, "the thresholds") is not { } t)
            {
                return null;
            }

            if (t.Length != k - 1 || t.Zip(t.Skip(1)).Any(p => p.First >= p.Second))
            {
                _diagnostics.Error(DiagnosticCodes.BadSettings, thresholdsValue.Span, $"'{draft.Name}' has {k} levels, so it needs {k - 1} increasing thresholds");
                return null;
            }

            thresholds = t;
        }
        else if (baselineValue is not null)
        {
            if (Constants(baselineValue, "the baseline probabilities") is not { } p)
            {
                return null;
            }

            if (p.Length != k || p.Any(x => !(x > 0)) || Math.Abs(p.Sum() - 1) > 1e-6)
            {
                _diagnostics.Error(DiagnosticCodes.BadSettings, baselineValue.Span, $"the baseline of '{draft.Name}' needs {k} positive probabilities (one per level) that sum to 1");
                return null;
            }

            var builder = ImmutableArray.CreateBuilder<double>(k - 1);
            var cumulative = 0.0;
            for (var j = 0; j < k - 1; j++)
            {
                cumulative += p[j] / p.Sum();
                builder.Add(PortableMath.Log(cumulative / (1 - cumulative)));
            }

            thresholds = builder.MoveToImmutable();
        }
        else
        {
            _diagnostics.Error(DiagnosticCodes.BadSettings, draft.Spec.Span, $"the ordinal model of '{draft.Name}' needs 'baseline' (probabilities when every term is 0) or 'thresholds'");
            return null;
        }

        var terms = Terms(draft, scope, Setting(draft.Spec, "odds_ratios"), Setting(draft.Spec, "coefficients"));
        return terms.IsDefault ? null : new CumulativeLogitConditional(thresholds, terms);
    }

    private MultinomialConditional? BuildMultinomial(VariableDraft draft, BindingScope scope)
    {
        if (draft.Levels.IsDefault)
        {
            return null;
        }

        var levels = draft.Levels;
        var intercepts = new double[levels.Length];
        var baseline = Setting(draft.Spec, "baseline");
        var given = Setting(draft.Spec, "intercepts");
        if (baseline is not null && given is not null)
        {
            _diagnostics.Error(DiagnosticCodes.BadSettings, given.Span, $"'{draft.Name}' gives both 'baseline' and 'intercepts'; give one");
            return null;
        }

        if (baseline is not null)
        {
            if (Constants(baseline, "the baseline probabilities") is not { } p)
            {
                return null;
            }

            if (p.Length != levels.Length || p.Any(x => !(x > 0)) || Math.Abs(p.Sum() - 1) > 1e-6)
            {
                _diagnostics.Error(DiagnosticCodes.BadSettings, baseline.Span, $"the baseline of '{draft.Name}' needs {levels.Length} positive probabilities (one per level, the first the reference) that sum to 1");
                return null;
            }

            for (var k = 1; k < levels.Length; k++)
            {
                intercepts[k] = PortableMath.Log(p[k] / p[0]);
            }
        }
        else if (given is SpecMap map)
        {
            foreach (var entry in map.Entries)
            {
                var k = levels.IndexOf(entry.Key.Value, StringComparer.Ordinal);
                if (k <= 0)
                {
                    _diagnostics.Error(DiagnosticCodes.UnknownLevel, entry.Key.Span, k == 0 ? $"'{entry.Key.Value}' is the reference level; its log-odds are 0" : $"'{entry.Key.Value}' is not a level of '{draft.Name}'");
                    return null;
                }

                if (Constant(entry.Value, "an intercept") is not { } x)
                {
                    return null;
                }

                intercepts[k] = x;
            }
        }
        else
        {
            _diagnostics.Error(DiagnosticCodes.BadSettings, given?.Span ?? draft.Spec.Span, $"'{draft.Name}' needs 'baseline' (probabilities when every term is 0, the first level the reference) or 'intercepts' (log-odds per level)");
            return null;
        }

        var perLevel = new List<LinearTerm>[levels.Length];
        for (var k = 0; k < levels.Length; k++)
        {
            perLevel[k] = [];
        }

        var ok = true;
        foreach (var (key, isOddsRatio) in new[] { ("odds_ratios", true), ("coefficients", false) })
        {
            if (Setting(draft.Spec, key) is not { } value)
            {
                continue;
            }

            if (value is not SpecMap byLevel)
            {
                _diagnostics.Error(DiagnosticCodes.WrongShape, value.Span, $"'{key}' of a multinomial node maps each non-reference level to its terms", $"e.g. {key}: {{{levels.Skip(1).First()}: {{smoker: 1.5}}}}");
                ok = false;
                continue;
            }

            foreach (var level in byLevel.Entries)
            {
                var k = levels.IndexOf(level.Key.Value, StringComparer.Ordinal);
                if (k <= 0)
                {
                    _diagnostics.Error(DiagnosticCodes.UnknownLevel, level.Key.Span, k == 0 ? $"'{level.Key.Value}' is the reference level; it has no terms" : $"'{level.Key.Value}' is not a level of '{draft.Name}'", NameSuggestion.DidYouMean(level.Key.Value, levels));
                    ok = false;
                    continue;
                }

                var terms = Terms(draft, scope, isOddsRatio ? level.Value : null, isOddsRatio ? null : level.Value);
                if (terms.IsDefault)
                {
                    ok = false;
                    continue;
                }

                perLevel[k].AddRange(terms);
            }
        }

        if (!ok)
        {
            return null;
        }

        return new MultinomialConditional([null, .. Enumerable.Range(1, levels.Length - 1).Select(k => new LinearPredictor(intercepts[k], [.. perLevel[k]]))]);
    }

    private NoisyOrConditional? BuildNoisyOr(VariableDraft draft, BindingScope scope)
    {
        var leak = Setting(draft.Spec, "leak") is { } leakValue ? Constant(leakValue, "the leak") : 0;
        if (leak is not { } l)
        {
            return null;
        }

        if (!(l >= 0 && l < 1))
        {
            _diagnostics.Error(DiagnosticCodes.OutOfDomain, Setting(draft.Spec, "leak")!.Span, $"the leak of '{draft.Name}' must be from 0 to below 1, not {Format(l)}");
            return null;
        }

        if (Setting(draft.Spec, "causes") is not SpecMap causes)
        {
            _diagnostics.Error(DiagnosticCodes.BadSettings, Setting(draft.Spec, "causes")?.Span ?? draft.Spec.Span, $"noisy-OR '{draft.Name}' needs 'causes': a mapping from conditions to probabilities", "e.g. causes: {smoker: 0.2, \"bmi > 30\": 0.1}");
            return null;
        }

        var list = ImmutableArray.CreateBuilder<NoisyOrCause>();
        var ok = true;
        foreach (var entry in causes.Entries)
        {
            var condition = Bind(entry.Key.Value, entry.Key.Span, scope);
            if (condition is not null && condition.Type != ExprType.Boolean)
            {
                _diagnostics.Error(DiagnosticCodes.TypeMismatch, entry.Key.Span, $"a cause of a noisy-OR node is a condition (true or false), not '{entry.Key.Value}'");
                condition = null;
            }

            var p = Constant(entry.Value, $"the probability of cause {entry.Key.Value}");
            if (p is { } x && !(x >= 0 && x <= 1))
            {
                _diagnostics.Error(DiagnosticCodes.OutOfDomain, entry.Value.Span, $"the probability of cause '{entry.Key.Value}' must be from 0 to 1, not {Format(x)}");
                p = null;
            }

            if (condition is null || p is null)
            {
                ok = false;
                continue;
            }

            list.Add(new NoisyOrCause(condition, p.Value, entry.Key.Value));
        }

        return ok ? new NoisyOrConditional(l, list.ToImmutable()) : null;
    }

    // ----- numeric nodes -----

    private DistributionConditional? BuildDistribution(List<VariableDraft> drafts, VariableDraft draft, BindingScope scope, NodeType type)
    {
        var sets = NodeVocabulary.ParameterSets[type];
        var parameterNames = sets.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        var given = draft.Spec.Settings.Where(s => parameterNames.Contains(s.Key.Value)).ToList();
        var names = given.Select(s => s.Key.Value).ToHashSet(StringComparer.Ordinal);
        var set = sets.FirstOrDefault(s => s.ToHashSet().SetEquals(names));
        if (set.IsDefault)
        {
            var options = string.Join("; or ", sets.Select(s => string.Join(" and ", s)));
            _diagnostics.Error(
                DiagnosticCodes.BadSettings,
                draft.Spec.Type?.Span ?? draft.Spec.Span,
                $"{NodeVocabulary.NameOf(type)} '{draft.Name}' takes {options}" + (names.Count > 0 ? $"; it has {string.Join(", ", names.Order())}" : string.Empty));
            return null;
        }

        var parameters = ImmutableArray.CreateBuilder<DistributionParameter>(set.Length);
        foreach (var name in set)
        {
            var entry = given.First(g => g.Key.Value == name);
            if (entry.Value is not SpecScalar scalar)
            {
                _diagnostics.Error(DiagnosticCodes.WrongShape, entry.Value.Span, $"'{name}' of '{draft.Name}' should be a number or a formula, found {entry.Value.Describe()}");
                return null;
            }

            if (BindNumber(scalar.Text, scalar.Span, scope, $"'{name}' of '{draft.Name}'") is not { } bound)
            {
                return null;
            }

            parameters.Add(new DistributionParameter(name, bound, scalar.Text));
        }

        var (clipLow, clipHigh, round, ok) = NumericSettings(draft);
        if (!ok)
        {
            return null;
        }

        var conditional = new DistributionConditional(type, parameters.MoveToImmutable(), clipLow, clipHigh, round);
        if (!ProveDomain(drafts, draft, conditional))
        {
            return null;
        }

        var support = ParameterDomain.Support(conditional, p => IntervalEvaluator.Evaluate(p, v => drafts[v].Range));
        draft.Range = new Interval(Math.Max(support.Lo, clipLow), Math.Min(support.Hi, clipHigh));
        return conditional;
    }

    private (double Low, double High, int? Round, bool Ok) NumericSettings(VariableDraft draft)
    {
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        int? round = null;
        var ok = true;
        if (Setting(draft.Spec, "clip") is { } clip)
        {
            if (clip is SpecList { Items.Length: 2 } list && Constant(list.Items[0], "the lower clip bound") is { } lo && Constant(list.Items[1], "the upper clip bound") is { } hi && lo < hi)
            {
                (low, high) = (lo, hi);
            }
            else
            {
                _diagnostics.Error(DiagnosticCodes.BadSettings, clip.Span, $"'clip' of '{draft.Name}' takes two numbers, low then high: clip: [80, 220]", "use .inf or -.inf for a side without a bound");
                ok = false;
            }
        }

        if (Setting(draft.Spec, "round") is { } roundValue)
        {
            if (Constant(roundValue, "the rounding") is { } digits && digits == Math.Floor(digits) && digits is >= -6 and <= 15)
            {
                round = (int)digits;
            }
            else
            {
                _diagnostics.Error(DiagnosticCodes.BadSettings, roundValue.Span, $"'round' of '{draft.Name}' is a number of decimal digits from -6 to 15 (0 rounds to whole numbers)");
                ok = false;
            }
        }

        return (low, high, round, ok);
    }

    /// <summary>
    /// Proves at validation what can be proven about a distribution's parameters: exactly by
    /// enumeration when the parameters depend on discrete parents only, and by interval bounds
    /// otherwise (an error when every value the parents can take is out of the domain). Values that
    /// may or may not be out of the domain are checked row by row at generation.
    /// </summary>
    private bool ProveDomain(List<VariableDraft> drafts, VariableDraft draft, DistributionConditional conditional)
    {
        var inputs = conditional.Parameters.SelectMany(p => p.Expression.Variables()).Distinct().ToList();
        var values = new double[conditional.Parameters.Length];
        if (inputs.All(v => drafts[v].Kind.IsDiscrete()))
        {
            var sizes = inputs.Select(v => drafts[v].Levels.Length).ToArray();
            var total = sizes.Aggregate(1L, (a, b) => a * b);
            if (total <= MaxProofConfigurations)
            {
                var codes = new double[drafts.Count];
                for (var config = 0L; config < total; config++)
                {
                    var rest = config;
                    for (var i = inputs.Count - 1; i >= 0; i--)
                    {
                        codes[inputs[i]] = rest % sizes[i];
                        rest /= sizes[i];
                    }

                    for (var p = 0; p < values.Length; p++)
                    {
                        values[p] = ScalarEvaluator.Evaluate(conditional.Parameters[p].Expression, v => codes[v]);
                    }

                    if (ParameterDomain.Check(conditional.Family, conditional.ParameterSet, values) is { } problem)
                    {
                        var where = inputs.Count == 0 ? string.Empty : $" when {string.Join(", ", inputs.Select(v => $"{drafts[v].Name}={drafts[v].Levels[(int)codes[v]]}"))}";
                        _diagnostics.Error(DiagnosticCodes.OutOfDomain, SpanOfParameter(draft, problem.Parameter), $"{NodeVocabulary.NameOf(conditional.Family)} '{draft.Name}': {problem.Message}{where}");
                        return false;
                    }
                }

                return true;
            }
        }

        var bounds = conditional.Parameters.Select(p => IntervalEvaluator.Evaluate(p.Expression, v => drafts[v].Range)).ToArray();
        if (ParameterDomain.CheckAlways(conditional.Family, conditional.ParameterSet, bounds) is { } always)
        {
            _diagnostics.Error(
                DiagnosticCodes.OutOfDomain,
                SpanOfParameter(draft, always.Parameter),
                $"{NodeVocabulary.NameOf(conditional.Family)} '{draft.Name}': {always.Message} for every value its parents can take");
            return false;
        }

        return true;
    }

    private static SourceSpan SpanOfParameter(VariableDraft draft, string parameter) =>
        SettingEntry(draft.Spec, parameter)?.Value.Span ?? draft.Spec.Span;

    private DeriveConditional? BuildDerive(List<VariableDraft> drafts, VariableDraft draft, BindingScope scope)
    {
        if (Setting(draft.Spec, "formula") is not SpecScalar formula)
        {
            _diagnostics.Error(DiagnosticCodes.BadSettings, draft.Spec.Span, $"derived variable '{draft.Name}' needs a 'formula'");
            return null;
        }

        if (Bind(formula.Text, formula.Span, scope) is not { } bound)
        {
            return null;
        }

        var (_, _, round, ok) = NumericSettings(draft);
        if (!ok)
        {
            return null;
        }

        switch (bound.Type)
        {
            case ExprType.Boolean:
                draft.Kind = VariableKind.Boolean;
                draft.Levels = BooleanLevels;
                break;
            case ExprType.Level:
                draft.Kind = VariableKind.Ordinal;
                draft.Levels = LevelsOf(bound, scope);
                if (bound is VariableExpr source)
                {
                    draft.Kind = drafts[source.Variable].Kind;
                }

                break;
            default:
                draft.Kind = VariableKind.Continuous;
                var range = IntervalEvaluator.Evaluate(bound, v => drafts[v].Range);
                draft.Range = range;
                break;
        }

        if (round is not null && bound.Type != ExprType.Number)
        {
            _diagnostics.Error(DiagnosticCodes.BadSettings, Setting(draft.Spec, "round")!.Span, $"'round' applies to numbers; the formula of '{draft.Name}' gives levels");
            return null;
        }

        return new DeriveConditional(bound, formula.Text, round);
    }

    private DateConditional? BuildDate(List<VariableDraft> drafts, VariableDraft draft, BindingScope scope)
    {
        var formula = Setting(draft.Spec, "formula") as SpecScalar;
        var min = Setting(draft.Spec, "min") as SpecScalar;
        var max = Setting(draft.Spec, "max") as SpecScalar;
        if ((formula is null) == (min is null || max is null) || (formula is not null && (min is not null || max is not null)))
        {
            _diagnostics.Error(
                DiagnosticCodes.BadSettings,
                draft.Spec.Span,
                $"date '{draft.Name}' takes either 'min' and 'max' (a day drawn uniformly between them) or a 'formula'",
                "dates are days since 1970-01-01 in formulas: date(\"2024-01-31\"), reference_date - years(age), admission + 3");
            return null;
        }

        if (formula is not null)
        {
            var f = BindNumber(formula.Text, formula.Span, scope, $"the formula of '{draft.Name}'");
            if (f is not null)
            {
                draft.Range = IntervalEvaluator.Evaluate(f, v => drafts[v].Range);
            }

            return f is null ? null : new DateConditional(null, null, f);
        }

        var lo = BindNumber(min!.Text, min.Span, scope, $"'min' of '{draft.Name}'");
        var hi = BindNumber(max!.Text, max.Span, scope, $"'max' of '{draft.Name}'");
        if (lo is null || hi is null)
        {
            return null;
        }

        var loRange = IntervalEvaluator.Evaluate(lo, v => drafts[v].Range);
        var hiRange = IntervalEvaluator.Evaluate(hi, v => drafts[v].Range);
        if (loRange.Lo > hiRange.Hi)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfDomain, min.Span, $"date '{draft.Name}': 'min' is after 'max' for every value of its parents");
            return null;
        }

        draft.Range = new Interval(Math.Floor(loRange.Lo), Math.Floor(hiRange.Hi));
        return new DateConditional(lo, hi, null);
    }

    private IdentifierConditional? BuildIdentifier(VariableDraft draft)
    {
        var pattern = Setting(draft.Spec, "pattern") is SpecScalar p ? p.Text : "######";
        var first = pattern.IndexOf('#', StringComparison.Ordinal);
        var last = pattern.LastIndexOf('#');
        if (first < 0 || pattern[first..(last + 1)].Any(c => c != '#') || last - first + 1 > 18 || pattern.Length > 128)
        {
            _diagnostics.Error(
                DiagnosticCodes.BadSettings,
                Setting(draft.Spec, "pattern")?.Span ?? draft.Spec.Span,
                $"the pattern of '{draft.Name}' needs one run of 1 to 18 '#' (the digits) in at most 128 characters, e.g. \"P######\"");
            return null;
        }

        var order = IdentifierOrder.Sequential;
        if (Setting(draft.Spec, "order") is { } orderValue)
        {
            switch ((orderValue as SpecScalar)?.Text)
            {
                case "sequential":
                    break;
                case "shuffled":
                    order = IdentifierOrder.Shuffled;
                    break;
                default:
                    _diagnostics.Error(DiagnosticCodes.BadSettings, orderValue.Span, $"'order' of '{draft.Name}' is sequential or shuffled");
                    return null;
            }
        }

        var digits = last - first + 1;
        draft.Range = new Interval(1, PortableMath.Pow(10, digits) - 1);
        return new IdentifierConditional(pattern[..first], digits, pattern[(last + 1)..], order);
    }

    private FakeConditional? BuildFake(List<VariableDraft> drafts, VariableDraft draft)
    {
        if (Setting(draft.Spec, "field") is not SpecScalar field || !NodeVocabulary.FakeFields.Contains(field.Text))
        {
            var at = Setting(draft.Spec, "field")?.Span ?? draft.Spec.Span;
            var text = (Setting(draft.Spec, "field") as SpecScalar)?.Text;
            _diagnostics.Error(
                DiagnosticCodes.BadSettings,
                at,
                text is null ? $"fake '{draft.Name}' needs a 'field'" : $"'{text}' is not a fake field",
                (text is null ? null : NameSuggestion.DidYouMean(text, NodeVocabulary.FakeFields)) ?? $"fields: {string.Join(", ", NodeVocabulary.FakeFields)}");
            return null;
        }

        var locale = (Setting(draft.Spec, "locale") as SpecScalar)?.Text ?? "en";
        int? sexVariable = null;
        ImmutableArray<FakeSex> sexOfLevel = [];
        if (Setting(draft.Spec, "sex") is SpecScalar sex)
        {
            var parent = drafts.First(d => d.Name == sex.Text);
            if (!parent.Kind.IsDiscrete())
            {
                _diagnostics.Error(DiagnosticCodes.TypeMismatch, sex.Span, $"'sex' of '{draft.Name}' must name a variable with levels, such as female and male");
                return null;
            }

            sexVariable = parent.Index;
            sexOfLevel = [.. parent.Levels.Select(SexOf)];
            if (!sexOfLevel.Contains(FakeSex.Female) && !sexOfLevel.Contains(FakeSex.Male))
            {
                _diagnostics.Warning(
                    DiagnosticCodes.BadSettings,
                    sex.Span,
                    $"no level of '{parent.Name}' ({string.Join(", ", parent.Levels)}) reads as female or male, so names will not follow it");
            }
        }

        return new FakeConditional(field.Text, locale, sexVariable, sexOfLevel);
    }

    private static FakeSex SexOf(string level) => level.ToLowerInvariant() switch
    {
        "female" or "f" or "woman" or "women" or "girl" or "w" => FakeSex.Female,
        "male" or "m" or "man" or "men" or "boy" => FakeSex.Male,
        _ => FakeSex.Unspecified,
    };

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
