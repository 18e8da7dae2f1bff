using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Calibration;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Specs;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    private static readonly string[] FreeParameterKeys = ["fit", "start", "min", "max"];

    /// <summary>The spec as written (with its fit tokens and free parameters), kept for the calibration problem.</summary>
    private readonly ModelSpec _original;

    /// <summary>Whether this build instantiates a calibration problem: the spec has no free parameters and no targets to read.</summary>
    private readonly bool _instance;

    /// <summary>The free parameters found so far: named ones first, then fit tokens in their order.</summary>
    private readonly List<FreeParameter> _free = [];

    /// <summary>The probability rows with several fit cells.</summary>
    private readonly List<ProbabilityRow> _rows = [];

    /// <summary>Named parameters that are free or computed from a free one.</summary>
    private readonly HashSet<string> _freeDependent = new(StringComparer.Ordinal);

    /// <summary>
    /// A variable's settings as the author wrote them: with their <c>fit</c> tokens when this build
    /// reads a model file (so writers keep them), with the numbers when it instantiates a calibration.
    /// </summary>
    private ImmutableArray<SpecEntry> SettingsAsWritten(VariableDraft draft) =>
        _instance ? draft.Spec.Settings : _original.Variables[draft.Index].Settings;

    /// <summary>Builds a model from a spec whose free parameters have been replaced by numbers (<see cref="CalibrationProblem.Instantiate"/>).</summary>
    internal static ModelLoadResult BuildInstance(ModelSpec spec, ModelLimits limits) => new ModelBuilder(spec, limits, instance: true).Run();

    /// <summary>
    /// Replaces each free named parameter (<c>p: {fit: true, start: 0.1, min: 0, max: 1}</c>, or
    /// <c>p: fit</c>) by its start value, so that the rest of the build sees a plain model.
    /// </summary>
    private void ReadFreeParameters()
    {
        if (_instance || _spec.Parameters.IsEmpty)
        {
            return;
        }

        var rewritten = ImmutableArray.CreateBuilder<ParameterSpec>(_spec.Parameters.Length);
        var changed = false;
        foreach (var p in _spec.Parameters)
        {
            if (p.Settings is { } settings)
            {
                changed = true;
                var start = ReadFreeSettings(p, settings);
                rewritten.Add(p with { Value = NumberSpec.Literal(start, settings.Span), Settings = null });
            }
            else if (FitToken.Is(p.Value.Symbol, out var given, out var malformed))
            {
                changed = true;
                if (malformed)
                {
                    _diagnostics.Error(DiagnosticCodes.BadFreeParameter, p.Value.Span, $"'{p.Value.Symbol}' is not a fit token: write fit, or fit(START) with a number", "e.g. or_smoking: fit(2)");
                }

                var start = given ?? 0;
                _free.Add(new FreeParameter(p.Name.Value, null, p.Value.Span, start, double.NegativeInfinity, double.PositiveInfinity, -1, -1, p.Name.Value));
                _freeDependent.Add(p.Name.Value);
                rewritten.Add(p with { Value = NumberSpec.Literal(start, p.Value.Span) });
            }
            else
            {
                rewritten.Add(p);
            }
        }

        if (changed)
        {
            _spec = _spec with { Parameters = rewritten.MoveToImmutable() };
        }
    }

    /// <summary>Reads <c>{fit: true, start: 0.1, min: 0, max: 1}</c>; returns the value to build with.</summary>
    private double ReadFreeSettings(ParameterSpec p, SpecMap settings)
    {
        bool? fit = null;
        double? start = null, min = null, max = null;
        var ok = true;
        foreach (var entry in settings.Entries)
        {
            var key = entry.Key.Value;
            if (!FreeParameterKeys.Contains(key))
            {
                _diagnostics.Error(
                    DiagnosticCodes.UnknownKey,
                    entry.Key.Span,
                    $"unknown key '{key}' in parameter '{p.Name.Value}'",
                    NameSuggestion.DidYouMean(key, FreeParameterKeys) ?? "a parameter written as a mapping takes fit, start, min and max");
                ok = false;
                continue;
            }

            if (key == "fit")
            {
                fit = (entry.Value as SpecScalar)?.Text switch
                {
                    "true" or "True" or "TRUE" => true,
                    "false" or "False" or "FALSE" => false,
                    _ => null,
                };
                if (fit is null)
                {
                    _diagnostics.Error(DiagnosticCodes.NotABoolean, entry.Value.Span, $"'fit' is true or false, not {entry.Value.Describe()}");
                    ok = false;
                }

                continue;
            }

            var number = entry.Value is SpecScalar s ? ParseLiteral(s.Text) : null;
            if (number is null)
            {
                _diagnostics.Error(DiagnosticCodes.NotANumber, entry.Value.Span, $"'{key}' of parameter '{p.Name.Value}' should be a number, found {entry.Value.Describe()}");
                ok = false;
                continue;
            }

            switch (key)
            {
                case "start":
                    start = number;
                    break;
                case "min":
                    min = number;
                    break;
                default:
                    max = number;
                    break;
            }
        }

        if (ok && fit is null)
        {
            _diagnostics.Error(
                DiagnosticCodes.MissingKey,
                settings.Span,
                $"parameter '{p.Name.Value}' is written as a mapping, which declares a free parameter: it needs 'fit: true'",
                $"e.g. {p.Name.Value}: {{fit: true, start: 0.1, min: 0, max: 1}}, or write a number");
            ok = false;
        }

        if (!ok)
        {
            return start ?? 0;
        }

        if (fit == false)
        {
            if (start is not { } constant)
            {
                _diagnostics.Error(DiagnosticCodes.BadFreeParameter, settings.Span, $"parameter '{p.Name.Value}' has 'fit: false', so it needs its value as 'start'");
                return 0;
            }

            return constant;
        }

        var lo = min ?? double.NegativeInfinity;
        var hi = max ?? double.PositiveInfinity;
        if (double.IsNaN(lo) || double.IsNaN(hi) || !(lo < hi))
        {
            _diagnostics.Error(DiagnosticCodes.BadFreeParameter, settings.Span, $"parameter '{p.Name.Value}': min ({Format(lo)}) must be below max ({Format(hi)})");
            return start ?? 0;
        }

        var value = start ?? (double.IsFinite(lo) && double.IsFinite(hi) ? (lo + hi) / 2 : double.IsFinite(lo) ? lo + 1 : double.IsFinite(hi) ? hi - 1 : 0);
        if (!(value > lo && value < hi) || !double.IsFinite(value))
        {
            _diagnostics.Error(
                DiagnosticCodes.BadFreeParameter,
                settings.Span,
                $"the start of parameter '{p.Name.Value}' ({Format(value)}) must lie strictly between its min and max",
                "calibration keeps a free parameter strictly inside its bounds");
            return value;
        }

        _free.Add(new FreeParameter(p.Name.Value, null, settings.Span, value, lo, hi, -1, -1, p.Name.Value));
        _freeDependent.Add(p.Name.Value);
        return value;
    }

    private static double? ParseLiteral(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
        {
            return x;
        }

        return text switch
        {
            ".inf" or "+.inf" or ".Inf" or "inf" or "Inf" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-inf" or "-Inf" => double.NegativeInfinity,
            _ => null,
        };
    }

    /// <summary>
    /// Finds the fit tokens of the variables, checks where they stand, gives each its domain and start
    /// value (the fit cells of a probability row share what its fixed cells leave), and replaces them
    /// by their start values.
    /// </summary>
    private void ReadFitTokens()
    {
        if (_instance)
        {
            return;
        }

        // Parameters computed from a free parameter are free too, as far as rows and hosts are concerned.
        foreach (var p in _spec.Parameters)
        {
            if (p.Value.Symbol is { } text && NamesIn(text).Any(_freeDependent.Contains))
            {
                _freeDependent.Add(p.Name.Value);
            }
        }

        var sites = new List<FitSite>();
        SpecRewriter.Map(_spec, site =>
        {
            sites.Add(site);
            return null;
        });
        if (sites.Count == 0)
        {
            return;
        }

        var starts = new double[sites.Count];
        Array.Fill(starts, 1);
        var tokens = new List<FreeParameter>();
        var seenSpans = new Dictionary<SourceSpan, FitSite>();
        var groups = new Dictionary<(int Variable, int Entry, string Setting), List<FitSite>>();
        foreach (var site in sites)
        {
            if (site.Span.HasPosition && !seenSpans.TryAdd(site.Span, site))
            {
                _diagnostics.Error(DiagnosticCodes.FitNotAllowed, site.Span, "this fit token is used twice (through a YAML alias); each free number needs its own place", "write the row out where the alias is used");
                continue;
            }

            var spec = _spec.Variables[site.Variable];
            FitToken.Is(site.Text, out var given, out var malformed);
            if (malformed)
            {
                _diagnostics.Error(DiagnosticCodes.BadFreeParameter, site.Span, $"'{site.Text}' is not a fit token: write fit, or fit(START) with a number", "e.g. intercept: fit(-2)");
                continue;
            }

            if (TypeOf(spec) is not { } type)
            {
                continue; // the unknown type is reported when the variable is read
            }

            var regression = type == NodeType.Ordinal && IsRegression(spec);
            if (site.Kind != FitSiteKind.Setting)
            {
                if (type is NodeType.Categorical or NodeType.Boolean || (type == NodeType.Ordinal && !regression))
                {
                    GroupOf(groups, (site.Variable, site.Entry, string.Empty)).Add(site);
                }

                continue; // a table on a node without one is reported when the variable is read
            }

            var (domain, what, hint) = SettingSite(type, regression, spec, site.Path);
            switch (domain)
            {
                case SiteDomain.Invalid:
                    _diagnostics.Error(
                        DiagnosticCodes.FitNotAllowed,
                        site.Span,
                        $"'{string.Concat(site.Path.Select((s, i) => i == 0 || s.StartsWith('[') ? s : "." + s))}' of '{spec.Name.Value}' cannot be free",
                        hint ?? "fit may stand for a probability, an intercept, an odds ratio, a coefficient, a leak or cause of a noisy-OR node, or a distribution parameter");
                    continue;
                case SiteDomain.Row:
                    GroupOf(groups, (site.Variable, -1, site.Path[0])).Add(site);
                    continue;
            }

            var (lo, hi, fallback) = domain switch
            {
                SiteDomain.Positive => (0.0, double.PositiveInfinity, 1.0),
                SiteDomain.Unit => (0.0, 1.0, 0.5),
                _ => (double.NegativeInfinity, double.PositiveInfinity, 0.0),
            };
            var start = given ?? fallback;
            if (!(start > lo && start < hi))
            {
                var range = double.IsFinite(hi) ? $"between {Format(lo)} and {Format(hi)}" : $"above {Format(lo)}";
                _diagnostics.Error(DiagnosticCodes.BadFreeParameter, site.Span, $"the start of {what} of '{spec.Name.Value}' ({Format(start)}) must be {range}");
                continue;
            }

            starts[site.Ordinal] = start;
            tokens.Add(new FreeParameter($"{spec.Name.Value}: {what}", spec.Name.Value, site.Span, start, lo, hi, -1, site.Ordinal, null));
        }

        foreach (var ((variable, entry, setting), members) in groups)
        {
            ReadFitRow(_spec.Variables[variable], entry, setting, members, starts, tokens);
        }

        // Named parameters first, then the tokens in the order written; rows list their cells by that order.
        var first = _free.Count;
        _free.AddRange(tokens.OrderBy(p => p.Ordinal));
        for (var r = 0; r < _rows.Count; r++)
        {
            _rows[r] = _rows[r] with { Members = [.. Enumerable.Range(first, _free.Count - first).Where(i => _free[i].Row == r)] };
        }

        _spec = SpecRewriter.Map(_spec, site => FitToken.Format(starts[site.Ordinal]));
    }

    private static List<FitSite> GroupOf(Dictionary<(int, int, string), List<FitSite>> groups, (int, int, string) key)
    {
        if (!groups.TryGetValue(key, out var list))
        {
            list = [];
            groups[key] = list;
        }

        return list;
    }

    /// <summary>The fit cells of one probability row: they share what the fixed cells leave.</summary>
    private void ReadFitRow(VariableSpec spec, int entry, string setting, List<FitSite> members, double[] starts, List<FreeParameter> tokens)
    {
        var fixedTexts = new List<(string Text, SourceSpan Span)>();
        string rowLabel;
        if (setting.Length > 0)
        {
            rowLabel = $"the {setting} of '{spec.Name.Value}'";
            if (Setting(spec, setting) is SpecList list)
            {
                fixedTexts.AddRange(list.Items.Where(i => i is SpecScalar s && !FitToken.Is(s.Text)).Select(i => (((SpecScalar)i).Text, i.Span)));
            }
        }
        else
        {
            var probabilities = entry < 0 ? spec.Probabilities : spec.Table!.Value[entry].Probabilities;
            rowLabel = entry < 0 ? $"the probs of '{spec.Name.Value}'" : $"the {(spec.Table!.Value[entry].IsDefault ? "default row" : $"row ({DescribeWhen(spec.Table!.Value[entry])})")} of '{spec.Name.Value}'";
            IEnumerable<NumberSpec> numbers = probabilities switch
            {
                ProbabilityListSpec l => l.Values,
                ProbabilityMapSpec m => m.Entries.Select(e => e.Value),
                _ => [],
            };
            fixedTexts.AddRange(numbers.Where(n => !FitToken.Is(n.Symbol)).Select(n => (n.Symbol ?? FitToken.Format(n.Value), n.Span)));
        }

        var fixedSum = 0.0;
        foreach (var (text, span) in fixedTexts)
        {
            if (NamesIn(text).FirstOrDefault(_freeDependent.Contains) is { } free)
            {
                _diagnostics.Error(
                    DiagnosticCodes.FitRow,
                    span,
                    $"{rowLabel} has fit cells and a cell that depends on the free parameter '{free}'",
                    "make the row's free cells all fit (they keep summing to 1), or write the row with the parameter alone, e.g. [\"1 - p\", p]");
                return;
            }

            var value = SilentConstant(text);
            if (double.IsFinite(value))
            {
                fixedSum += value;
            }
        }

        var first = members[0];
        var mass = 1 - fixedSum;
        if (members.Count == 1)
        {
            starts[first.Ordinal] = Math.Max(0, mass); // what the row needs, so that only this error is reported
            _diagnostics.Error(
                DiagnosticCodes.FitRow,
                first.Span,
                $"{rowLabel} has a single fit cell, which the others determine (1 minus their sum)",
                "write fit in every cell of the row that may change ([fit, fit]); a row's cells always sum to 1");
            return;
        }

        if (!(mass > 1e-9))
        {
            foreach (var member in members)
            {
                starts[member.Ordinal] = 0;
            }

            _diagnostics.Error(
                DiagnosticCodes.FitRow,
                first.Span,
                $"the fixed cells of {rowLabel} sum to {Format(fixedSum)}, leaving nothing for its fit cells",
                "fixed cells and fit cells together sum to 1");
            return;
        }

        var given = new double?[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            FitToken.Is(members[i].Text, out given[i], out _);
            if (given[i] is { } g && !(g > 0 && g < mass))
            {
                _diagnostics.Error(DiagnosticCodes.BadFreeParameter, members[i].Span, $"the start of this fit cell ({Format(g)}) must lie strictly between 0 and {Format(mass)}, what the row's fixed cells leave");
                return;
            }
        }

        var specified = given.Sum(g => g ?? 0);
        var open = given.Count(g => g is null);
        if (open > 0 && !(mass - specified > 1e-9))
        {
            _diagnostics.Error(DiagnosticCodes.BadFreeParameter, first.Span, $"the starts of the fit cells of {rowLabel} leave nothing for its other fit cells");
            return;
        }

        var share = open > 0 ? (mass - specified) / open : 0;
        var scale = open > 0 ? 1 : mass / specified;
        var row = _rows.Count;
        for (var i = 0; i < members.Count; i++)
        {
            var site = members[i];
            var start = given[i] is { } g2 ? g2 * scale : share;
            starts[site.Ordinal] = start;
            var level = LevelName(spec, site);
            var where = setting.Length > 0 ? $"{spec.Name.Value}: {setting} P({level})"
                : entry < 0 ? $"{spec.Name.Value}: P({level})"
                : $"{spec.Name.Value} ({(spec.Table!.Value[entry].IsDefault ? "default" : DescribeWhen(spec.Table!.Value[entry]))}): P({level})";
            tokens.Add(new FreeParameter(where, spec.Name.Value, site.Span, start, 0, mass, row, site.Ordinal, null));
        }

        _rows.Add(new ProbabilityRow([], mass));
    }

    private static string LevelName(VariableSpec spec, FitSite site)
    {
        if (site.Level is { } level)
        {
            return level;
        }

        var levels = spec.Levels is { } l ? l.Select(x => x.Value).ToImmutableArray()
            : TypeOf(spec) is NodeType.Boolean ? BooleanLevels
            : [];
        return site.Cell >= 0 && site.Cell < levels.Length ? levels[site.Cell] : $"#{site.Cell + 1}";
    }

    private enum SiteDomain
    {
        Invalid,
        Real,
        Positive,
        Unit,
        Row,
    }

    /// <summary>Whether a setting at <paramref name="path"/> of a node of <paramref name="type"/> may be free, and its domain and name.</summary>
    private static (SiteDomain Domain, string What, string? Hint) SettingSite(NodeType type, bool regression, VariableSpec spec, ImmutableArray<string> path)
    {
        var key = path[0];
        var depth = path.Length;
        switch (type)
        {
            case NodeType.Logistic or NodeType.Ordinal when type == NodeType.Logistic || regression:
                switch (key)
                {
                    case "intercept" when depth == 1 && type == NodeType.Logistic:
                        return (SiteDomain.Real, "intercept", null);
                    case "baseline" when depth == 1 && type == NodeType.Logistic:
                        return (SiteDomain.Unit, "baseline", null);
                    case "baseline" when depth == 2 && type == NodeType.Ordinal:
                        return (SiteDomain.Row, "baseline", null);
                    case "odds_ratios" when depth is 2 or 3:
                        return (SiteDomain.Positive, $"odds ratio of {Term(path, 1)}", null);
                    case "coefficients" when depth is 2 or 3:
                        return (SiteDomain.Real, $"coefficient of {Term(path, 1)}", null);
                    case "thresholds":
                        return (SiteDomain.Invalid, string.Empty, "thresholds must increase; write 'baseline: [fit, fit, ...]' (the probabilities when every term is 0) to make them free");
                }

                break;
            case NodeType.Multinomial:
                switch (key)
                {
                    case "baseline" when depth == 2:
                        return (SiteDomain.Row, "baseline", null);
                    case "intercepts" when depth == 2:
                        return (SiteDomain.Real, $"intercept of {path[1]}", null);
                    case "odds_ratios" when depth is 3 or 4:
                        return (SiteDomain.Positive, $"odds ratio of {Term(path, 2)} for {path[1]}", null);
                    case "coefficients" when depth is 3 or 4:
                        return (SiteDomain.Real, $"coefficient of {Term(path, 2)} for {path[1]}", null);
                }

                break;
            case NodeType.NoisyOr:
                switch (key)
                {
                    case "leak" when depth == 1:
                        return (SiteDomain.Unit, "leak", null);
                    case "causes" when depth == 2:
                        return (SiteDomain.Unit, $"P(cause {path[1]})", null);
                }

                break;
            case var t when NodeVocabulary.IsDistribution(t) && depth == 1 && NodeVocabulary.ParameterSets[t].Any(s => s.Contains(key)):
                return ParameterDomain.FitDomain(t, key) switch
                {
                    null => (SiteDomain.Invalid, string.Empty, $"'{key}' of a {NodeVocabulary.NameOf(t)} is a whole number; it cannot be calibrated"),
                    (0, double.PositiveInfinity) => (SiteDomain.Positive, key, null),
                    (0, 1) => (SiteDomain.Unit, key, null),
                    _ => (SiteDomain.Real, key, null),
                };
        }

        return (SiteDomain.Invalid, string.Empty, key is "clip" or "round" ? $"'{key}' is fixed post-processing; it cannot be calibrated" : null);
    }

    /// <summary>A regression term as named in reports: <c>smoker</c>, or <c>sex=male</c> for a level.</summary>
    private static string Term(ImmutableArray<string> path, int from) =>
        path.Length > from + 1 ? $"{path[from]}={path[from + 1]}" : path[from];

    private static NodeType? TypeOf(VariableSpec spec)
    {
        if (spec.Type?.Value is not { } name)
        {
            return spec.Ordered ? NodeType.Ordinal : NodeType.Categorical;
        }

        if (!NodeVocabulary.Types.TryGetValue(name, out var type))
        {
            return null;
        }

        return type == NodeType.Categorical && spec.Ordered ? NodeType.Ordinal : type;
    }

    /// <summary>The value of a literal or constant expression of parameters, or NaN (nothing reported: the build reports it).</summary>
    private double SilentConstant(string text)
    {
        if (ParseLiteral(text) is { } literal)
        {
            return literal;
        }

        if (_parameters.TryGetValue(text, out var value))
        {
            return value;
        }

        var (expr, errors) = ExpressionParser.Parse(text);
        if (expr is null || !errors.IsEmpty)
        {
            return double.NaN;
        }

        var (bound, bindErrors) = ExpressionBinder.Bind(expr, BindingScope.ParametersOnly(_parameters));
        return bound is null || !bindErrors.IsEmpty ? double.NaN : ScalarEvaluator.Evaluate(bound, _ => double.NaN);
    }

    /// <summary>The names an expression's text uses (nothing when it does not parse).</summary>
    private static List<string> NamesIn(string text)
    {
        var (expr, _) = ExpressionParser.Parse(text);
        var names = new List<string>();
        Collect(expr);
        return names;

        void Collect(Expr? e)
        {
            switch (e)
            {
                case NameExpr n:
                    names.Add(n.Name);
                    break;
                case UnaryExpr u:
                    Collect(u.Operand);
                    break;
                case BinaryExpr b:
                    Collect(b.Left);
                    Collect(b.Right);
                    break;
                case InExpr i:
                    Collect(i.Value);
                    foreach (var item in i.Items)
                    {
                        Collect(item);
                    }

                    break;
                case CallExpr c:
                    foreach (var a in c.Arguments)
                    {
                        Collect(a);
                    }

                    break;
                case ListExpr l:
                    foreach (var item in l.Items)
                    {
                        Collect(item);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// After the model is built: binds the targets, finds which variables read each free parameter,
    /// and makes the calibration problem (null when the model declares no free parameter and no target).
    /// </summary>
    private CalibrationProblem? BuildCalibration(Model model)
    {
        if (_instance || (_free.Count == 0 && _original.Targets.IsEmpty))
        {
            return null;
        }

        var targets = TargetBinder.Bind(model, _original.Targets, _diagnostics);
        foreach (var p in _free)
        {
            if (p.ParameterName is not { } name)
            {
                p.Hosts = [model.IndexOf(p.Variable!)];
                continue;
            }

            // A named parameter's readers: the variables whose text mentions it, or a parameter computed from it.
            var dependents = _original.Parameters
                .Where(q => q.Name.Value == name || (q.Value.Symbol is { } s && NamesIn(s).Contains(name)))
                .Select(q => q.Name.Value)
                .ToHashSet(StringComparer.Ordinal);
            p.Hosts = [.. model.Variables.Where(v => Mentions(_original.Variables[v.Index], dependents)).Select(v => v.Index)];
            if (p.Hosts.IsEmpty)
            {
                _diagnostics.Warning(DiagnosticCodes.UnusedFreeParameter, p.Location, $"the free parameter '{name}' is not used by any variable", "use it in a number or a formula, or remove it");
            }
        }

        return new CalibrationProblem(_original, _limits, [.. _free], [.. _rows], targets);
    }

    /// <summary>Whether any text of the variable's definition (numbers, settings, terms) mentions one of <paramref name="names"/>.</summary>
    private static bool Mentions(VariableSpec spec, HashSet<string> names)
    {
        IEnumerable<string> Texts()
        {
            if (spec.Probabilities is { } p)
            {
                foreach (var s in Symbols(p))
                {
                    yield return s;
                }
            }

            foreach (var entry in spec.Table ?? [])
            {
                foreach (var s in Symbols(entry.Probabilities))
                {
                    yield return s;
                }
            }

            foreach (var setting in spec.Settings)
            {
                foreach (var s in Scalars(setting.Value))
                {
                    yield return s;
                }
            }
        }

        static IEnumerable<string> Symbols(ProbabilitiesSpec row) => row switch
        {
            ProbabilityListSpec l => l.Values.Select(v => v.Symbol).OfType<string>(),
            ProbabilityMapSpec m => m.Entries.Select(e => e.Value.Symbol).OfType<string>(),
            _ => [],
        };

        static IEnumerable<string> Scalars(SpecValue value) => value switch
        {
            SpecScalar s => [s.Text],
            SpecList l => l.Items.SelectMany(Scalars),
            SpecMap m => m.Entries.SelectMany(e => Scalars(e.Value).Prepend(e.Key.Value)),
            _ => [],
        };

        return Texts().Any(t => NamesIn(t).Any(names.Contains));
    }
}
