using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Specs;

namespace DagSynth.Calibration;

/// <summary>
/// Binds the <c>targets:</c> of a model spec to the built model: checks each target's kind, keys,
/// variables, levels and value, reports every problem with its place, and decides whether the
/// target can be computed exactly.
/// </summary>
internal sealed class TargetBinder
{
    /// <summary>The target kinds as written, in documentation order.</summary>
    public static readonly ImmutableArray<string> Kinds =
        ["prevalence", "probability", "mean", "sd", "odds_ratio", "risk_ratio", "risk_difference", "correlation", "auc"];

    /// <summary>Level names taken as "the event" of an outcome, in order of preference (case-insensitive), as in <c>describe</c>.</summary>
    private static readonly string[] EventNames = ["true", "yes", "present", "positive", "1", "case", "event"];

    /// <summary>Level names taken as the reference of an exposure, in order of preference (case-insensitive), as in <c>describe</c>.</summary>
    private static readonly string[] ReferenceNames = ["false", "no", "absent", "negative", "0", "none", "never", "control", "unexposed"];

    private static readonly string[] CommonKeys = ["value", "tolerance", "given", "name"];

    private readonly Model _model;
    private readonly DiscretePart _part;
    private readonly DiagnosticBag _diagnostics;

    private TargetBinder(Model model, DiagnosticBag diagnostics)
    {
        _model = model;
        _part = DiscretePart.Of(model);
        _diagnostics = diagnostics;
    }

    /// <summary>Binds <paramref name="specs"/> to <paramref name="model"/>; the targets that bind, and diagnostics for the rest.</summary>
    public static ImmutableArray<Target> Bind(Model model, ImmutableArray<TargetSpec> specs, DiagnosticBag diagnostics)
    {
        if (specs.IsEmpty)
        {
            return [];
        }

        var binder = new TargetBinder(model, diagnostics);
        var result = ImmutableArray.CreateBuilder<Target>(specs.Length);
        foreach (var spec in specs)
        {
            if (binder.BindOne(spec) is { } target)
            {
                result.Add(target);
            }
        }

        return result.ToImmutable();
    }

    private Target? BindOne(TargetSpec spec)
    {
        var kindName = spec.Kind.Value;
        TargetKind kind;
        string[] keys;
        switch (kindName)
        {
            case "prevalence" or "probability":
                kind = TargetKind.Probability;
                keys = ["of"];
                break;
            case "mean":
                kind = TargetKind.Mean;
                keys = ["of"];
                break;
            case "sd":
                kind = TargetKind.StandardDeviation;
                keys = ["of"];
                break;
            case "odds_ratio" or "risk_ratio" or "risk_difference":
                kind = kindName switch { "odds_ratio" => TargetKind.OddsRatio, "risk_ratio" => TargetKind.RiskRatio, _ => TargetKind.RiskDifference };
                keys = ["exposure", "reference", "outcome", "causal"];
                break;
            case "correlation":
                kind = TargetKind.Correlation;
                keys = ["of"];
                break;
            case "auc":
                kind = TargetKind.Auc;
                keys = ["outcome"];
                break;
            default:
                _diagnostics.Error(
                    DiagnosticCodes.UnknownTargetKind,
                    spec.Kind.Span,
                    $"unknown target '{kindName}'",
                    NameSuggestion.DidYouMean(kindName, Kinds) ?? $"targets: {string.Join(", ", Kinds)}");
                return null;
        }

        if (spec.Settings is not SpecMap map)
        {
            _diagnostics.Error(
                DiagnosticCodes.WrongShape,
                spec.Settings.Span,
                $"the settings of a {kindName} target should be a mapping, found {spec.Settings.Describe()}",
                $"e.g. - {kindName}: {{{Example(kind)}}}");
            return null;
        }

        var settings = ReadKeys(map, [.. keys, .. CommonKeys], kindName);
        if (settings is null)
        {
            return null;
        }

        var ok = true;
        var given = ReadGiven(settings.GetValueOrDefault("given"), ref ok);
        var value = Required(settings, "value", map.Span, kindName, ref ok) is { } valueSpec ? Number(valueSpec, "the value", ref ok) : null;
        var tolerance = settings.TryGetValue("tolerance", out var toleranceSpec) ? Number(toleranceSpec, "the tolerance", ref ok) : null;
        var name = settings.TryGetValue("name", out var nameSpec) ? (nameSpec as SpecScalar)?.Text : null;
        if (tolerance is { } t && !(t > 0 && double.IsFinite(t)))
        {
            _diagnostics.Error(DiagnosticCodes.BadTarget, toleranceSpec!.Span, $"the tolerance must be a positive number, not {Format(t)}");
            ok = false;
        }

        int variable = -1, level = -1, other = -1, exposed = -1, reference = -1;
        var causal = false;
        switch (kind)
        {
            case TargetKind.Probability:
                if (Required(settings, "of", map.Span, kindName, ref ok) is { } of)
                {
                    (variable, level) = ReadLevelOf(of, "of", kindName, ref ok);
                }

                break;
            case TargetKind.Mean or TargetKind.StandardDeviation:
                if (Required(settings, "of", map.Span, kindName, ref ok) is { } number)
                {
                    variable = ReadNumeric(number, kindName, allowBoolean: false, ref ok);
                }

                break;
            case TargetKind.OddsRatio or TargetKind.RiskRatio or TargetKind.RiskDifference:
                if (Required(settings, "outcome", map.Span, kindName, ref ok) is { } outcome)
                {
                    (variable, level) = ReadLevelOf(outcome, "outcome", kindName, ref ok);
                }

                if (Required(settings, "exposure", map.Span, kindName, ref ok) is { } exposure)
                {
                    (other, exposed, reference) = ReadExposure(exposure, settings.GetValueOrDefault("reference"), ref ok);
                }

                if (settings.TryGetValue("causal", out var causalSpec))
                {
                    switch ((causalSpec as SpecScalar)?.Text)
                    {
                        case "true" or "True" or "TRUE":
                            causal = true;
                            break;
                        case "false" or "False" or "FALSE":
                            break;
                        default:
                            _diagnostics.Error(DiagnosticCodes.NotABoolean, causalSpec.Span, $"'causal' is true (compare interventions, do) or false (compare observed groups), not {causalSpec.Describe()}");
                            ok = false;
                            break;
                    }
                }

                if (variable >= 0 && variable == other)
                {
                    _diagnostics.Error(DiagnosticCodes.BadTarget, map.Span, $"the exposure and the outcome of a {kindName} target are the same variable, '{_model.Variables[variable].Name}'");
                    ok = false;
                }

                break;
            case TargetKind.Correlation:
                if (Required(settings, "of", map.Span, kindName, ref ok) is { } pair)
                {
                    if (pair is SpecList { Items.Length: 2 } list)
                    {
                        variable = ReadNumeric(list.Items[0], kindName, allowBoolean: true, ref ok);
                        other = ReadNumeric(list.Items[1], kindName, allowBoolean: true, ref ok);
                        if (variable >= 0 && variable == other)
                        {
                            _diagnostics.Error(DiagnosticCodes.BadTarget, pair.Span, "a correlation needs two different variables");
                            ok = false;
                        }
                    }
                    else
                    {
                        _diagnostics.Error(DiagnosticCodes.BadTarget, pair.Span, $"'of' of a correlation names two variables, found {pair.Describe()}", "e.g. of: [age, sbp]");
                        ok = false;
                    }
                }

                break;
            case TargetKind.Auc:
                if (Required(settings, "outcome", map.Span, kindName, ref ok) is { } auc)
                {
                    (variable, level) = ReadLevelOf(auc, "outcome", kindName, ref ok);
                }

                if (variable >= 0 && _model.Variables[variable].Parents.IsEmpty)
                {
                    _diagnostics.Error(DiagnosticCodes.BadTarget, map.Span, $"'{_model.Variables[variable].Name}' has no parents, so its AUC given its parents is 0.5 whatever the parameters");
                    ok = false;
                }

                break;
        }

        if (!ok || value is not { } v || given.IsDefault)
        {
            return null;
        }

        foreach (var condition in given)
        {
            if (condition.Variable == variable || condition.Variable == other)
            {
                _diagnostics.Error(DiagnosticCodes.BadTarget, settings["given"].Span, $"'given' names '{_model.Variables[condition.Variable].Name}', which the target is about", "a stratum is defined by other variables");
                return null;
            }
        }

        if (CheckValue(kind, v, settings["value"].Span) is false)
        {
            return null;
        }

        var isExact = kind switch
        {
            TargetKind.Mean or TargetKind.StandardDeviation => false,
            TargetKind.Correlation => _part.IsExact(variable) && _part.IsExact(other),
            TargetKind.Auc => _part.IsExact(variable) && _model.Variables[variable].Parents.All(_part.IsExact),
            TargetKind.Probability => _part.IsExact(variable),
            _ => _part.IsExact(variable) && _part.IsExact(other),
        } && given.All(g => _part.IsExact(g.Variable));
        var label = name ?? Label(kind, variable, level, other, exposed, reference, causal, given);
        return new Target(kind, label, v, tolerance ?? DefaultTolerance(kind, v), spec.Span, isExact, variable, level, other, exposed, reference, causal, given);
    }

    /// <summary>The tolerance of a target that gives none (see docs/model-format.md).</summary>
    public static double DefaultTolerance(TargetKind kind, double value) => kind switch
    {
        TargetKind.OddsRatio or TargetKind.RiskRatio => 0.01,
        TargetKind.Mean => 0.001 * Math.Max(1, Math.Abs(value)),
        TargetKind.StandardDeviation => 0.001 * value,
        _ => 0.001,
    };

    private bool CheckValue(TargetKind kind, double v, SourceSpan at)
    {
        var (ok, must) = kind switch
        {
            TargetKind.Probability => (v > 0 && v < 1, "strictly between 0 and 1 (a probability of 0 or 1 is a structural zero: write it in the table)"),
            TargetKind.Mean => (double.IsFinite(v), "a finite number"),
            TargetKind.StandardDeviation => (v > 0 && double.IsFinite(v), "a positive number"),
            TargetKind.OddsRatio or TargetKind.RiskRatio => (v > 0 && double.IsFinite(v), "a positive number"),
            TargetKind.RiskDifference or TargetKind.Correlation => (v > -1 && v < 1, "strictly between -1 and 1"),
            _ => (v > 0 && v < 1, "strictly between 0 and 1"),
        };
        if (!ok)
        {
            _diagnostics.Error(DiagnosticCodes.BadTarget, at, $"the value of this target must be {must}, not {Format(v)}");
        }

        return ok;
    }

    private Dictionary<string, SpecValue>? ReadKeys(SpecMap map, string[] known, string kind)
    {
        var result = new Dictionary<string, SpecValue>(StringComparer.Ordinal);
        var ok = true;
        foreach (var entry in map.Entries)
        {
            var key = entry.Key.Value;
            if (!known.Contains(key))
            {
                _diagnostics.Error(
                    DiagnosticCodes.UnknownKey,
                    entry.Key.Span,
                    $"unknown key '{key}' in a {kind} target",
                    NameSuggestion.DidYouMean(key, known) ?? $"keys of a {kind} target: {string.Join(", ", known)}");
                ok = false;
            }
            else if (!result.TryAdd(key, entry.Value))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateKey, entry.Key.Span, $"'{key}' is given twice in a target");
                ok = false;
            }
        }

        return ok ? result : null;
    }

    private SpecValue? Required(Dictionary<string, SpecValue> settings, string key, SourceSpan at, string kind, ref bool ok)
    {
        if (settings.TryGetValue(key, out var value))
        {
            return value;
        }

        _diagnostics.Error(DiagnosticCodes.MissingKey, at, $"a {kind} target needs '{key}'", $"e.g. - {kind}: {{{Example(kind)}}}");
        ok = false;
        return null;
    }

    private static string Example(string kind) => kind switch
    {
        "mean" => "of: sbp, value: 128",
        "sd" => "of: sbp, value: 18",
        "odds_ratio" or "risk_ratio" => "exposure: smoker, outcome: cvd, value: 2.0",
        "risk_difference" => "exposure: smoker, outcome: cvd, value: 0.05",
        "correlation" => "of: [age, sbp], value: 0.4",
        "auc" => "outcome: cvd, value: 0.75",
        _ => "of: diabetes, given: {age_group: \"60-69\"}, value: 0.29",
    };

    private static string Example(TargetKind kind) => Example(kind == TargetKind.Probability ? "prevalence" : TargetKinds.KeyOf(kind));

    private double? Number(SpecValue value, string what, ref bool ok)
    {
        if (value is SpecScalar scalar)
        {
            if (double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var literal))
            {
                return literal;
            }

            var parameters = _model.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var (expr, parseErrors) = ExpressionParser.Parse(scalar.Text);
            if (expr is not null && parseErrors.IsEmpty)
            {
                var (bound, errors) = ExpressionBinder.Bind(expr, BindingScope.ParametersOnly(parameters));
                if (bound is not null && errors.IsEmpty)
                {
                    return ScalarEvaluator.Evaluate(bound, _ => double.NaN);
                }
            }
        }

        _diagnostics.Error(DiagnosticCodes.NotANumber, value.Span, $"{what} should be a number (or a parameter), found {value.Describe()}");
        ok = false;
        return null;
    }

    private int Variable(SpecScalar name, ref bool ok)
    {
        var index = _model.IndexOf(name.Text);
        if (index < 0)
        {
            _diagnostics.Error(
                DiagnosticCodes.BadTarget,
                name.Span,
                $"'{name.Text}' is not a variable of the model",
                NameSuggestion.DidYouMean(name.Text, _model.Variables.Select(v => v.Name)));
            ok = false;
        }

        return index;
    }

    private int Level(Variable variable, SpecValue value, ref bool ok)
    {
        if (value is not SpecScalar scalar)
        {
            _diagnostics.Error(DiagnosticCodes.BadTarget, value.Span, $"expected a level of '{variable.Name}', found {value.Describe()}");
            ok = false;
            return -1;
        }

        var level = variable.LevelIndex(scalar.Text);
        if (level < 0)
        {
            _diagnostics.Error(
                DiagnosticCodes.UnknownLevel,
                scalar.Span,
                $"'{scalar.Text}' is not a level of '{variable.Name}' (levels: {string.Join(", ", variable.Levels)})",
                NameSuggestion.DidYouMean(scalar.Text, variable.Levels));
            ok = false;
        }

        return level;
    }

    /// <summary><c>VAR</c> (its event level) or <c>{VAR: LEVEL}</c>, for a discrete variable.</summary>
    private (int Variable, int Level) ReadLevelOf(SpecValue value, string key, string kind, ref bool ok)
    {
        var (name, levelSpec) = value switch
        {
            SpecScalar s => (s, (SpecValue?)null),
            SpecMap { Entries.Length: 1 } m => (new SpecScalar(m.Entries[0].Key.Span, m.Entries[0].Key.Value), m.Entries[0].Value),
            _ => (null, null),
        };
        if (name is null)
        {
            _diagnostics.Error(DiagnosticCodes.BadTarget, value.Span, $"'{key}' names a variable, or a variable and its level: {key}: diabetes, or {key}: {{bmi_category: obese}}");
            ok = false;
            return (-1, -1);
        }

        var index = Variable(name, ref ok);
        if (index < 0)
        {
            return (-1, -1);
        }

        var variable = _model.Variables[index];
        if (!variable.IsDiscrete)
        {
            _diagnostics.Error(
                DiagnosticCodes.BadTarget,
                name.Span,
                $"'{variable.Name}' is {variable.Kind.ToString().ToLowerInvariant()}, not discrete: a {kind} target is about a level",
                $"for a number, use a mean or sd target, or derive levels with cut()");
            ok = false;
            return (-1, -1);
        }

        if (levelSpec is not null)
        {
            return (index, Level(variable, levelSpec, ref ok));
        }

        var preferred = EventNames.Select(n => variable.Levels.IndexOf(n, StringComparer.OrdinalIgnoreCase)).FirstOrDefault(i => i >= 0, -1);
        if (preferred >= 0)
        {
            return (index, preferred);
        }

        if (variable.Cardinality == 2)
        {
            return (index, 1);
        }

        _diagnostics.Error(
            DiagnosticCodes.BadTarget,
            name.Span,
            $"'{variable.Name}' has {variable.Cardinality} levels; name the one the target is about",
            $"e.g. {key}: {{{variable.Name}: {Quote(variable.Levels[0])}}}");
        ok = false;
        return (index, -1);
    }

    private (int Variable, int Exposed, int Reference) ReadExposure(SpecValue value, SpecValue? referenceSpec, ref bool ok)
    {
        var (name, levelSpec) = value switch
        {
            SpecScalar s => (s, (SpecValue?)null),
            SpecMap { Entries.Length: 1 } m => (new SpecScalar(m.Entries[0].Key.Span, m.Entries[0].Key.Value), m.Entries[0].Value),
            _ => (null, null),
        };
        if (name is null)
        {
            _diagnostics.Error(DiagnosticCodes.BadTarget, value.Span, "'exposure' names a variable, or a variable and its exposed level: exposure: smoker, or exposure: {bmi_category: obese}");
            ok = false;
            return (-1, -1, -1);
        }

        var index = Variable(name, ref ok);
        if (index < 0)
        {
            return (-1, -1, -1);
        }

        var variable = _model.Variables[index];
        if (!variable.IsDiscrete)
        {
            _diagnostics.Error(DiagnosticCodes.BadTarget, name.Span, $"the exposure '{variable.Name}' is {variable.Kind.ToString().ToLowerInvariant()}; an exposure has levels", "derive levels with cut() to compare groups");
            ok = false;
            return (-1, -1, -1);
        }

        var exposed = levelSpec is null ? -1 : Level(variable, levelSpec, ref ok);
        int reference;
        if (referenceSpec is not null)
        {
            reference = Level(variable, referenceSpec, ref ok);
        }
        else
        {
            reference = ReferenceNames.Select(n => variable.Levels.IndexOf(n, StringComparer.OrdinalIgnoreCase)).FirstOrDefault(i => i >= 0 && i != exposed, -1);
            if (reference < 0)
            {
                reference = exposed == 0 ? 1 : 0;
            }
        }

        if (exposed < 0 && levelSpec is null)
        {
            if (variable.Cardinality == 2)
            {
                exposed = 1 - reference;
            }
            else
            {
                _diagnostics.Error(
                    DiagnosticCodes.BadTarget,
                    name.Span,
                    $"'{variable.Name}' has {variable.Cardinality} levels; name the exposed one",
                    $"e.g. exposure: {{{variable.Name}: {Quote(variable.Levels[^1])}}}, reference: {Quote(variable.Levels[0])}");
                ok = false;
            }
        }

        if (exposed >= 0 && exposed == reference)
        {
            _diagnostics.Error(DiagnosticCodes.BadTarget, (referenceSpec ?? value).Span, $"the exposed level and the reference level of '{variable.Name}' are the same, '{variable.Levels[exposed]}'");
            ok = false;
        }

        return (index, exposed, reference);
    }

    private int ReadNumeric(SpecValue value, string kind, bool allowBoolean, ref bool ok)
    {
        if (value is not SpecScalar name)
        {
            _diagnostics.Error(DiagnosticCodes.BadTarget, value.Span, $"expected a variable's name, found {value.Describe()}");
            ok = false;
            return -1;
        }

        var index = Variable(name, ref ok);
        if (index < 0)
        {
            return -1;
        }

        var variable = _model.Variables[index];
        if (variable.Kind.IsNumeric() || (allowBoolean && variable.Kind == VariableKind.Boolean))
        {
            return index;
        }

        _diagnostics.Error(
            DiagnosticCodes.BadTarget,
            name.Span,
            $"'{variable.Name}' is {variable.Kind.ToString().ToLowerInvariant()}; a {kind} target needs a number{(allowBoolean ? " or a boolean" : string.Empty)}",
            variable.IsDiscrete ? "for a level, use a prevalence target" : null);
        ok = false;
        return -1;
    }

    private ImmutableArray<StratumCondition> ReadGiven(SpecValue? value, ref bool ok)
    {
        if (value is null)
        {
            return [];
        }

        if (value is not SpecMap map)
        {
            _diagnostics.Error(DiagnosticCodes.BadTarget, value.Span, $"'given' maps variables to a level or a list of levels, found {value.Describe()}", "e.g. given: {sex: male, age_group: [\"40-49\", \"50-59\"]}");
            ok = false;
            return default;
        }

        var result = ImmutableArray.CreateBuilder<StratumCondition>(map.Entries.Length);
        var good = true;
        foreach (var entry in map.Entries)
        {
            var index = Variable(new SpecScalar(entry.Key.Span, entry.Key.Value), ref good);
            if (index < 0)
            {
                continue;
            }

            var variable = _model.Variables[index];
            if (!variable.IsDiscrete)
            {
                _diagnostics.Error(DiagnosticCodes.BadTarget, entry.Key.Span, $"'{variable.Name}' is {variable.Kind.ToString().ToLowerInvariant()}; a stratum is defined by levels", $"derive levels with cut(), e.g. cut({variable.Name}, [...], [...])");
                good = false;
                continue;
            }

            if (result.Any(c => c.Variable == index))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateKey, entry.Key.Span, $"'{variable.Name}' is given twice");
                good = false;
                continue;
            }

            var items = entry.Value is SpecList list ? list.Items : [entry.Value];
            var levels = new SortedSet<int>();
            foreach (var item in items)
            {
                if (Level(variable, item, ref good) is var level and >= 0)
                {
                    levels.Add(level);
                }
            }

            if (levels.Count > 0)
            {
                result.Add(new StratumCondition(index, [.. levels]));
            }
        }

        ok &= good;
        return good ? result.ToImmutable() : default;
    }

    private string Label(TargetKind kind, int variable, int level, int other, int exposed, int reference, bool causal, ImmutableArray<StratumCondition> given)
    {
        var v = _model.Variables[variable];
        var stratum = given.IsEmpty ? string.Empty : " | " + Describe(given);
        switch (kind)
        {
            case TargetKind.Probability:
                return $"P({v.Name}={v.Levels[level]}{stratum})";
            case TargetKind.Mean:
                return $"mean({v.Name}{stratum})";
            case TargetKind.StandardDeviation:
                return $"sd({v.Name}{stratum})";
            case TargetKind.Correlation:
                return $"cor({v.Name}, {_model.Variables[other].Name}{stratum})";
            case TargetKind.Auc:
                return $"AUC({v.Name}={v.Levels[level]} | its parents{(given.IsEmpty ? string.Empty : ", " + Describe(given))})";
            default:
                var x = _model.Variables[other];
                var measure = kind switch { TargetKind.OddsRatio => "OR", TargetKind.RiskRatio => "RR", _ => "RD" };
                var contrast = causal
                    ? $"do({x.Name}={x.Levels[exposed]}) vs do({x.Name}={x.Levels[reference]})"
                    : $"{x.Name}={x.Levels[exposed]} vs {x.Levels[reference]}";
                return $"{measure}({v.Name}={v.Levels[level]}; {contrast}{stratum})";
        }
    }

    /// <summary>A stratum as text: <c>sex=male, age_group in {40-49, 50-59}</c>.</summary>
    private string Describe(ImmutableArray<StratumCondition> given) =>
        string.Join(", ", given.Select(c =>
        {
            var g = _model.Variables[c.Variable];
            return c.Levels.Length == 1 ? $"{g.Name}={g.Levels[c.Levels[0]]}" : $"{g.Name} in {{{string.Join(", ", c.Levels.Select(l => g.Levels[l]))}}}";
        }));

    private static string Quote(string level) => level.All(char.IsLetterOrDigit) && !char.IsDigit(level[0]) ? level : $"\"{level}\"";

    private static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
