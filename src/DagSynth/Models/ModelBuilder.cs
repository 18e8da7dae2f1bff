using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Specs;

namespace DagSynth.Models;

/// <summary>
/// The validation gate: turns a <see cref="ModelSpec"/> read from any format into an immutable
/// <see cref="Model"/>, reporting every problem found (not just the first). After this gate the
/// sampler and inference run without checks.
/// </summary>
/// <remarks>
/// The work goes in passes: parameters; each variable's type, levels and the names its expressions
/// use (which, with <c>given</c>, are its parents); the graph and its topological order; then each
/// variable's conditional, in topological order so that a parent's type and levels are known when
/// its children are bound; finally the rules.
/// </remarks>
public sealed partial class ModelBuilder
{
    /// <summary>The variable types a model file may name.</summary>
    public static readonly ImmutableArray<string> KnownTypes = [.. NodeVocabulary.Types.Keys];

    private static readonly ImmutableArray<string> BooleanLevels = ["false", "true"];

    /// <summary>The spec being built; free parameters are replaced by their start values before variables are read.</summary>
    private ModelSpec _spec;
    private readonly ModelLimits _limits;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly Dictionary<string, double> _parameters = new(StringComparer.Ordinal);
    private double? _referenceDate;

    private ModelBuilder(ModelSpec spec, ModelLimits limits, bool instance = false)
    {
        _spec = spec;
        _original = spec;
        _limits = limits;
        _instance = instance;
    }

    /// <summary>Validates <paramref name="spec"/> and builds the model, or reports why it cannot be built.</summary>
    /// <param name="spec">The model as read from a file.</param>
    /// <param name="limits">Size limits; the defaults when omitted.</param>
    public static ModelLoadResult Build(ModelSpec spec, ModelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new ModelBuilder(spec, limits ?? new ModelLimits()).Run();
    }

    private ModelLoadResult Run()
    {
        ReadReferenceDate();
        ReadFreeParameters();
        ReadParameters();
        ReadFitTokens();
        var drafts = ReadVariables();
        ResolveParents(drafts);
        var order = SortTopologically(drafts);
        if (!order.IsDefault)
        {
            foreach (var index in order)
            {
                BuildConditional(drafts, drafts[index]);
            }
        }

        var complete = !order.IsDefault && drafts.All(d => d.Conditional is not null);
        var missing = BuildMissingness(drafts);
        var variables = complete
            ? [.. drafts.Select(d => new Variable(
                d.Name, d.Index, d.Kind, d.Levels.IsDefault ? [] : d.Levels, d.Parents, d.Conditional!, d.Spec.Span, d.Spec.Label, d.Spec.Description, d.Type!.Value, d.Spec.Unit, missing[d.Index]) { Settings = SettingsAsWritten(d) })]
            : ImmutableArray<Variable>.Empty;
        var rules = BuildRules(drafts);
        var dirty = complete && _spec.Dirty is { } dirtySection ? DirtyData.Read(dirtySection, variables, _diagnostics) : null;
        var outcomes = complete ? BuildOutcomes(variables) : [];

        var diagnostics = _diagnostics.ToImmutableSorted();
        if (_diagnostics.HasErrors || !complete)
        {
            return new ModelLoadResult(null, diagnostics);
        }

        var name = string.IsNullOrWhiteSpace(_spec.Name)
            ? Path.GetFileNameWithoutExtension(_spec.Span.Source)
            : _spec.Name!;
        var model = new Model(
            name,
            _spec.Description,
            _spec.Seed,
            variables,
            rules,
            [.. _spec.Parameters.Where(p => _parameters.ContainsKey(p.Name.Value)).Select(p => KeyValuePair.Create(p.Name.Value, _parameters[p.Name.Value]))],
            order,
            _spec.Span,
            _referenceDate,
            dirty,
            outcomes)
        {
            DirtySection = _spec.Dirty,
        };
        if (BuildCalibration(model) is { } problem)
        {
            model = model.WithCalibration(problem, problem.StartValues, instance: false);
            diagnostics = _diagnostics.ToImmutableSorted();
            if (_diagnostics.HasErrors)
            {
                return new ModelLoadResult(null, diagnostics);
            }
        }

        return new ModelLoadResult(model, diagnostics);
    }

    private void ReadReferenceDate()
    {
        if (_spec.ReferenceDate is not { } text)
        {
            return;
        }

        if (DateOnly.TryParseExact(text.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            _referenceDate = ExpressionBinder.DayNumber(date);
            _parameters["reference_date"] = _referenceDate.Value;
        }
        else
        {
            _diagnostics.Error(DiagnosticCodes.NotANumber, text.Span, $"the reference date must be written yyyy-mm-dd, not '{text.Value}'");
        }
    }

    private void ReadParameters()
    {
        foreach (var p in _spec.Parameters)
        {
            if (_parameters.ContainsKey(p.Name.Value))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateParameter, p.Name.Span, $"parameter '{p.Name.Value}' is defined twice");
                continue;
            }

            if (Resolve(p.Value) is { } value)
            {
                _parameters[p.Name.Value] = value;
            }
        }
    }

    /// <summary>Resolves a literal, a parameter, or a constant expression of parameters.</summary>
    private double? Resolve(NumberSpec number)
    {
        if (number.Symbol is null)
        {
            return number.Value;
        }

        if (_parameters.TryGetValue(number.Symbol, out var value))
        {
            return value;
        }

        var (expr, parseErrors) = ExpressionParser.Parse(number.Symbol);
        if (expr is NameExpr or null)
        {
            var hint = expr is null ? null : NameSuggestion.DidYouMean(number.Symbol, _parameters.Keys);
            _diagnostics.Error(
                DiagnosticCodes.UnknownParameter,
                number.Span,
                $"'{number.Symbol}' is neither a number nor a parameter",
                hint ?? "define it under 'parameters:', or write a number");
            return null;
        }

        return ConstantOf(expr, number.Symbol, number.Span, parseErrors);
    }

    /// <summary>Evaluates an expression that may use parameters but no variables.</summary>
    private double? ConstantOf(Expr expr, string text, SourceSpan span, ImmutableArray<ExpressionError> parseErrors)
    {
        if (!parseErrors.IsEmpty)
        {
            Report(new Located<string>(text, span), parseErrors);
            return null;
        }

        var (bound, errors) = ExpressionBinder.Bind(expr, BindingScope.ParametersOnly(_parameters));
        if (bound is null)
        {
            Report(new Located<string>(text, span), errors);
            return null;
        }

        return ScalarEvaluator.Evaluate(bound, _ => double.NaN);
    }

    private List<VariableDraft> ReadVariables()
    {
        var drafts = new List<VariableDraft>(_spec.Variables.Length);
        var seen = new Dictionary<string, VariableSpec>(StringComparer.Ordinal);
        if (_spec.Variables.Length > _limits.MaxVariables)
        {
            _diagnostics.Error(DiagnosticCodes.TooLarge, _spec.Span, $"the model has {_spec.Variables.Length} variables; the limit is {_limits.MaxVariables}");
            return drafts;
        }

        foreach (var spec in _spec.Variables)
        {
            var name = spec.Name.Value;
            if (string.IsNullOrWhiteSpace(name))
            {
                _diagnostics.Error(DiagnosticCodes.BadName, spec.Name.Span, "a variable needs a non-empty name");
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                _diagnostics.Error(
                    DiagnosticCodes.DuplicateVariable,
                    spec.Name.Span,
                    $"variable '{name}' is defined twice (first at line {first.Name.Span.Line})");
                continue;
            }

            seen[name] = spec;
            var draft = new VariableDraft(spec, drafts.Count);
            ReadNode(draft);
            drafts.Add(draft);
        }

        return drafts;
    }

    private ImmutableArray<string> ReadLevels(VariableSpec spec, VariableKind kind)
    {
        var name = spec.Name.Value;
        if (kind == VariableKind.Boolean)
        {
            if (spec.Levels is { } given && !given.Select(l => l.Value).SequenceEqual(BooleanLevels, StringComparer.Ordinal))
            {
                _diagnostics.Error(
                    DiagnosticCodes.BooleanLevels,
                    given.Length > 0 ? given[0].Span : spec.Span,
                    $"boolean '{name}' has the levels false and true, in that order",
                    "leave out 'levels', or use a categorical variable with your own level names");
                return default;
            }

            return BooleanLevels;
        }

        if (spec.Levels is not { Length: > 0 } levels)
        {
            _diagnostics.Error(
                DiagnosticCodes.NoLevels,
                spec.Name.Span,
                $"variable '{name}' has no levels",
                "list them, e.g. levels: [low, high], or write type: boolean");
            return default;
        }

        if (levels.Length > _limits.MaxLevels)
        {
            _diagnostics.Error(DiagnosticCodes.TooManyLevels, levels[0].Span, $"'{name}' has {levels.Length} levels; the limit is {_limits.MaxLevels}");
            return default;
        }

        var ok = true;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var level in levels)
        {
            if (string.IsNullOrEmpty(level.Value))
            {
                _diagnostics.Error(DiagnosticCodes.BadName, level.Span, $"a level of '{name}' is empty");
                ok = false;
            }
            else if (!set.Add(level.Value))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateLevel, level.Span, $"level '{level.Value}' of '{name}' is listed twice");
                ok = false;
            }
        }

        return ok ? [.. levels.Select(l => l.Value)] : default;
    }

    /// <summary>What is known about a variable while the model is being built.</summary>
    private sealed class VariableDraft(VariableSpec spec, int index)
    {
        public VariableSpec Spec { get; } = spec;

        public int Index { get; } = index;

        public string Name => Spec.Name.Value;

        /// <summary>The node type, or null when <c>type:</c> was unknown.</summary>
        public NodeType? Type { get; set; }

        public VariableKind Kind { get; set; }

        /// <summary>Default until known (and when invalid); checks that need them are then skipped.</summary>
        public ImmutableArray<string> Levels { get; set; }

        /// <summary>Names used by the variable's expressions, with where they are used.</summary>
        public List<Located<string>> UsedNames { get; } = [];

        /// <summary>Resolved parent indices, or default when a parent could not be resolved.</summary>
        public ImmutableArray<int> Parents { get; set; }

        /// <summary>The built conditional, or null until built (or when it could not be).</summary>
        public Conditional? Conditional { get; set; }

        /// <summary>Bounds of the values the variable can take (codes for discrete variables).</summary>
        public Interval Range { get; set; } = Interval.All;

        /// <summary>Whether the variable uses a table (its parents must then be discrete).</summary>
        public bool UsesTable { get; set; }
    }
}
