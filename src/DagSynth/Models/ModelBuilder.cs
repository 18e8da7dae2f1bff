using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Specs;

namespace DagSynth.Models;

/// <summary>
/// The validation gate: turns a <see cref="ModelSpec"/> read from any format into an immutable
/// <see cref="Model"/>, reporting every problem found (not just the first). After this gate the
/// sampler and inference run without checks.
/// </summary>
public sealed partial class ModelBuilder
{
    /// <summary>The variable types a model file may name.</summary>
    public static readonly ImmutableArray<string> KnownTypes = ["categorical", "ordinal", "boolean"];

    private static readonly ImmutableArray<string> BooleanLevels = ["false", "true"];

    private readonly ModelSpec _spec;
    private readonly ModelLimits _limits;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly Dictionary<string, double> _parameters = new(StringComparer.Ordinal);

    private ModelBuilder(ModelSpec spec, ModelLimits limits)
    {
        _spec = spec;
        _limits = limits;
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
        ReadParameters();
        var drafts = ReadVariables();
        ResolveParents(drafts);
        var order = SortTopologically(drafts);
        var variables = BuildTables(drafts);
        var rules = variables.IsDefault ? [] : BuildRules(variables);

        var diagnostics = _diagnostics.ToImmutableSorted();
        if (_diagnostics.HasErrors || variables.IsDefault || order.IsDefault)
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
            _spec.Span);
        return new ModelLoadResult(model, diagnostics);
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

    /// <summary>Resolves a literal or a parameter reference; reports unknown parameters.</summary>
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

        _diagnostics.Error(
            DiagnosticCodes.UnknownParameter,
            number.Span,
            $"'{number.Symbol}' is neither a number nor a parameter",
            NameSuggestion.DidYouMean(number.Symbol, _parameters.Keys) ?? "define it under 'parameters:', or write a number");
        return null;
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
            var (kind, levels) = ReadLevels(spec);
            drafts.Add(new VariableDraft(spec, drafts.Count, kind, levels));
        }

        return drafts;
    }

    private (VariableKind Kind, ImmutableArray<string> Levels) ReadLevels(VariableSpec spec)
    {
        var name = spec.Name.Value;
        var type = spec.Type?.Value;
        VariableKind kind;
        switch (type)
        {
            case null or "categorical":
                kind = spec.Ordered ? VariableKind.Ordinal : VariableKind.Categorical;
                break;
            case "ordinal":
                kind = VariableKind.Ordinal;
                break;
            case "boolean":
                kind = VariableKind.Boolean;
                break;
            default:
                _diagnostics.Error(
                    DiagnosticCodes.UnknownType,
                    spec.Type!.Value.Span,
                    $"unknown type '{type}' for '{name}' (known: {string.Join(", ", KnownTypes)})",
                    NameSuggestion.DidYouMean(type, KnownTypes));
                return (VariableKind.Categorical, default);
        }

        if (kind == VariableKind.Boolean)
        {
            if (spec.Levels is { } given && !given.Select(l => l.Value).SequenceEqual(BooleanLevels, StringComparer.Ordinal))
            {
                _diagnostics.Error(
                    DiagnosticCodes.BooleanLevels,
                    given.Length > 0 ? given[0].Span : spec.Span,
                    $"boolean '{name}' has the levels false and true, in that order",
                    "leave out 'levels', or use a categorical variable with your own level names");
                return (kind, default);
            }

            return (kind, BooleanLevels);
        }

        if (spec.Levels is not { Length: > 0 } levels)
        {
            _diagnostics.Error(
                DiagnosticCodes.NoLevels,
                spec.Name.Span,
                $"variable '{name}' has no levels",
                "list them, e.g. levels: [low, high], or write type: boolean");
            return (kind, default);
        }

        if (levels.Length > _limits.MaxLevels)
        {
            _diagnostics.Error(DiagnosticCodes.TooManyLevels, levels[0].Span, $"'{name}' has {levels.Length} levels; the limit is {_limits.MaxLevels}");
            return (kind, default);
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

        return ok ? (kind, [.. levels.Select(l => l.Value)]) : (kind, default);
    }

    /// <summary>What is known about a variable while the model is being built.</summary>
    private sealed class VariableDraft(VariableSpec spec, int index, VariableKind kind, ImmutableArray<string> levels)
    {
        public VariableSpec Spec { get; } = spec;

        public int Index { get; } = index;

        public string Name => Spec.Name.Value;

        public VariableKind Kind { get; } = kind;

        /// <summary>Default when the levels were invalid; checks that need them are then skipped.</summary>
        public ImmutableArray<string> Levels { get; } = levels;

        /// <summary>Resolved parent indices, or default when a parent could not be resolved.</summary>
        public ImmutableArray<int> Parents { get; set; }
    }
}
