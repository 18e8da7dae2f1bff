using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Specs;

namespace DagSynth.IO.Yaml;

/// <summary>
/// Maps a YAML/JSON document tree to a <see cref="ModelSpec"/>, checking its shape: required and
/// unknown keys (with "did you mean"), value shapes, numbers. Semantic checks (levels, tables,
/// graph) belong to the core's <see cref="Models.ModelBuilder"/>, shared by every format.
/// </summary>
internal sealed class ModelDocumentReader
{
    /// <summary>The format versions this reader understands.</summary>
    public const int FormatVersion = 1;

    private static readonly string[] RootKeys = ["dagsynth", "name", "description", "seed", "normalize", "reference_date", "parameters", "variables", "rules", "dirty", "outcomes", "targets"];

    /// <summary>Variable keys read into dedicated fields; every other key is a type-specific setting, checked by the core.</summary>
    private static readonly string[] VariableKeys = ["type", "levels", "ordered", "probs", "given", "table", "normalize", "label", "description", "unit"];
    private static readonly string[] EntryKeys = ["when", "probs", "default"];
    private static readonly string[] RuleKeys = ["never", "name", "description"];

    private readonly string _source;
    private readonly DiagnosticBag _diagnostics;

    private ModelDocumentReader(string source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads a model document; returns null when its shape is too broken to go on.</summary>
    public static ModelSpec? Read(YamlNode? root, string source, DiagnosticBag diagnostics) =>
        new ModelDocumentReader(source, diagnostics).ReadRoot(root);

    private ModelSpec? ReadRoot(YamlNode? root)
    {
        if (root is null || (root is YamlScalar s && s.IsNull))
        {
            _diagnostics.Error(DiagnosticCodes.EmptyDocument, new SourceSpan(_source, 1, 1), "the file is empty", "a model starts with 'dagsynth: 1' and a 'variables:' section");
            return null;
        }

        if (Expect<YamlMapping>(root, "the model") is not { } map)
        {
            return null;
        }

        var keys = Keys(map, RootKeys, "at the top of a model");
        if (!keys.TryGetValue("dagsynth", out var version))
        {
            _diagnostics.Error(
                DiagnosticCodes.FormatVersion,
                map.Span,
                "the model does not say its format version",
                "start the file with 'dagsynth: 1'");
        }
        else if (Scalar(version, "the format version") is { } v && v.Value != "1")
        {
            _diagnostics.Error(
                DiagnosticCodes.FormatVersion,
                v.Span,
                $"format version '{v.Value}' is not supported; this DagSynth reads version {FormatVersion}");
        }

        ulong? seed = null;
        if (keys.TryGetValue("seed", out var seedNode) && Scalar(seedNode, "the seed") is { } seedScalar)
        {
            if (ulong.TryParse(seedScalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                seed = parsed;
            }
            else
            {
                _diagnostics.Error(DiagnosticCodes.NotANumber, seedScalar.Span, $"the seed must be a whole number from 0 to {ulong.MaxValue}, not '{seedScalar.Value}'");
            }
        }

        if (!keys.TryGetValue("variables", out var variablesNode))
        {
            _diagnostics.Error(DiagnosticCodes.MissingKey, map.Span, "the model has no 'variables:' section");
        }

        return new ModelSpec
        {
            Span = SourceSpan.InSource(_source),
            Name = keys.TryGetValue("name", out var name) ? Text(name, "the name") : null,
            Description = keys.TryGetValue("description", out var description) ? Text(description, "the description") : null,
            Seed = seed,
            Normalize = keys.TryGetValue("normalize", out var normalize) && Boolean(normalize) == true,
            ReferenceDate = keys.TryGetValue("reference_date", out var referenceDate) && Scalar(referenceDate, "the reference date") is { } rd ? new Located<string>(rd.Value, rd.Span) : null,
            Parameters = keys.TryGetValue("parameters", out var parameters) ? ReadParameters(parameters) : [],
            Variables = variablesNode is null ? [] : ReadVariables(variablesNode),
            Rules = keys.TryGetValue("rules", out var rules) ? ReadRules(rules) : [],
            Dirty = keys.TryGetValue("dirty", out var dirty) ? ToSpecValue(dirty) : null,
            Outcomes = keys.TryGetValue("outcomes", out var outcomes) ? ReadOutcomes(outcomes) : [],
            Targets = keys.TryGetValue("targets", out var targets) ? ReadTargets(targets) : [],
        };
    }

    private ImmutableArray<ParameterSpec> ReadParameters(YamlNode node)
    {
        if (Expect<YamlMapping>(node, "'parameters'") is not { } map)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<ParameterSpec>();
        foreach (var (key, value) in map.Entries)
        {
            if (value is YamlMapping settings)
            {
                // A free parameter for calibration ({fit: true, start: 0.1, min: 0, max: 1}); the core checks its keys.
                result.Add(new ParameterSpec(new Located<string>(key.Value, key.Span), NumberSpec.Literal(double.NaN, settings.Span))
                {
                    Settings = (SpecMap)ToSpecValue(settings),
                });
            }
            else if (Number(value) is { } number)
            {
                result.Add(new ParameterSpec(new Located<string>(key.Value, key.Span), number));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Reads <c>targets:</c>, a list of one-key mappings (<c>- prevalence: {...}</c>); the core checks their settings.</summary>
    private ImmutableArray<TargetSpec> ReadTargets(YamlNode node)
    {
        if (Expect<YamlSequence>(node, "'targets'", "write one '- KIND: {of: ..., value: ...}' per line, e.g. '- prevalence: {of: diabetes, value: 0.12}'") is not { } list)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<TargetSpec>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (Expect<YamlMapping>(item, "a target", "write '- KIND: {of: ..., value: ...}', e.g. '- mean: {of: sbp, value: 128}'") is not { } map)
            {
                continue;
            }

            if (map.Entries.Count != 1)
            {
                _diagnostics.Error(
                    map.Entries.Count == 0 ? DiagnosticCodes.MissingKey : DiagnosticCodes.WrongShape,
                    map.Span,
                    map.Entries.Count == 0 ? "a target needs a kind, such as 'prevalence: {...}'" : "a target has exactly one kind with its settings in a mapping; write one target per list item",
                    "e.g. '- prevalence: {of: diabetes, given: {age_group: \"60-69\"}, value: 0.29}'");
                continue;
            }

            var (kind, settings) = map.Entries[0];
            result.Add(new TargetSpec(map.Span, new Located<string>(kind.Value, kind.Span), ToSpecValue(settings)));
        }

        return result.ToImmutable();
    }

    private ImmutableArray<VariableSpec> ReadVariables(YamlNode node)
    {
        if (Expect<YamlMapping>(node, "'variables'", "write each variable as 'name:' followed by its definition, indented") is not { } map)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<VariableSpec>(map.Entries.Count);
        foreach (var (key, value) in map.Entries)
        {
            if (ReadVariable(key, value) is { } variable)
            {
                result.Add(variable);
            }
        }

        return result.ToImmutable();
    }

    private VariableSpec? ReadVariable(YamlScalar name, YamlNode node)
    {
        if (Expect<YamlMapping>(node, $"variable '{name.Value}'") is not { } map)
        {
            return null;
        }

        var keys = Keys(map, VariableKeys, $"in variable '{name.Value}'", reportUnknown: false);
        var settings = map.Entries
            .Where(e => !VariableKeys.Contains(e.Key.Value))
            .Select(e => new SpecEntry(new Located<string>(e.Key.Value, e.Key.Span), ToSpecValue(e.Value)))
            .ToImmutableArray();
        return new VariableSpec
        {
            Name = new Located<string>(name.Value, name.Span),
            Span = name.Span,
            Type = keys.TryGetValue("type", out var type) && Scalar(type, "the type") is { } t ? new Located<string>(t.Value, t.Span) : null,
            Levels = keys.TryGetValue("levels", out var levels) ? Names(levels, "levels") : null,
            Ordered = keys.TryGetValue("ordered", out var ordered) && Boolean(ordered) == true,
            Given = keys.TryGetValue("given", out var given) ? Names(given, "given") ?? [] : [],
            Probabilities = keys.TryGetValue("probs", out var probs) ? Probabilities(probs) : null,
            Table = keys.TryGetValue("table", out var table) ? ReadTable(name.Value, table) : null,
            Normalize = keys.TryGetValue("normalize", out var normalize) ? Boolean(normalize) : null,
            Label = keys.TryGetValue("label", out var label) ? Text(label, "the label") : null,
            Description = keys.TryGetValue("description", out var description) ? Text(description, "the description") : null,
            Unit = keys.TryGetValue("unit", out var unit) ? Text(unit, "the unit") : null,
            Settings = settings,
        };
    }

    /// <summary>A node's setting as a position-keeping value tree (scalars keep their exact text).</summary>
    private static SpecValue ToSpecValue(YamlNode node) => node switch
    {
        YamlScalar s => new SpecScalar(s.IsQuoted ? s.Span.Shift(1) : s.Span, s.IsNull ? string.Empty : s.Value),
        YamlSequence l => new SpecList(l.Span, [.. l.Items.Select(ToSpecValue)]),
        YamlMapping m => new SpecMap(m.Span, [.. m.Entries.Select(e => new SpecEntry(new Located<string>(e.Key.Value, e.Key.IsQuoted ? e.Key.Span.Shift(1) : e.Key.Span), ToSpecValue(e.Value)))]),
        _ => new SpecScalar(node.Span, string.Empty),
    };

    private ImmutableArray<TableEntrySpec> ReadTable(string variable, YamlNode node)
    {
        if (Expect<YamlSequence>(node, $"the table of '{variable}'", "write one '- when: {...}' entry per line, each with 'probs:'") is not { } list)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<TableEntrySpec>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (Expect<YamlMapping>(item, "a table entry") is not { } entry)
            {
                continue;
            }

            var keys = Keys(entry, EntryKeys, "in a table entry");
            if (keys.TryGetValue("default", out var fallback))
            {
                if (keys.ContainsKey("when") || keys.ContainsKey("probs"))
                {
                    _diagnostics.Error(
                        DiagnosticCodes.WrongShape,
                        entry.Span,
                        "a 'default' entry has no 'when' or 'probs': its value is the distribution",
                        "write '- default: [0.4, 0.6]'");
                    continue;
                }

                if (Probabilities(fallback) is { } p)
                {
                    result.Add(new TableEntrySpec(entry.Span, [], true, p));
                }

                continue;
            }

            if (!keys.TryGetValue("probs", out var probs))
            {
                _diagnostics.Error(DiagnosticCodes.MissingKey, entry.Span, "a table entry has no 'probs'");
                continue;
            }

            var when = keys.TryGetValue("when", out var whenNode) ? Conditions(whenNode) : [];
            if (when.IsDefault)
            {
                continue;
            }

            if (Probabilities(probs) is { } row)
            {
                result.Add(new TableEntrySpec(entry.Span, when, false, row));
            }
        }

        return result.ToImmutable();
    }

    private ImmutableArray<ConditionSpec> Conditions(YamlNode node)
    {
        if (Expect<YamlMapping>(node, "'when'", "write 'when: {parent: level, other: level}'") is not { } map)
        {
            return default;
        }

        var result = ImmutableArray.CreateBuilder<ConditionSpec>(map.Entries.Count);
        foreach (var (key, value) in map.Entries)
        {
            var levels = value is YamlSequence ? Names(value, $"the levels of '{key.Value}'") : Scalar(value, $"the level of '{key.Value}'") is { } s ? [new Located<string>(s.Value, s.Span)] : null;
            if (levels is { } l)
            {
                result.Add(new ConditionSpec(new Located<string>(key.Value, key.Span), l));
            }
        }

        return result.ToImmutable();
    }

    private ImmutableArray<RuleSpec> ReadRules(YamlNode node)
    {
        if (Expect<YamlSequence>(node, "'rules'", "write one '- never: CONDITION' per line") is not { } list)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<RuleSpec>();
        foreach (var item in list.Items)
        {
            if (Expect<YamlMapping>(item, "a rule", "write '- never: CONDITION'") is not { } map)
            {
                continue;
            }

            var keys = Keys(map, RuleKeys, "in a rule", reportUnknown: false);
            var kinds = map.Entries.Where(e => !RuleKeys.Contains(e.Key.Value) || e.Key.Value == "never").ToList();
            if (kinds.Count != 1)
            {
                _diagnostics.Error(
                    kinds.Count == 0 ? DiagnosticCodes.MissingKey : DiagnosticCodes.WrongShape,
                    map.Span,
                    kinds.Count == 0 ? "a rule needs a kind, such as 'never: CONDITION'" : "a rule has exactly one kind (such as 'never:'); write one rule per list item");
                continue;
            }

            var (kind, condition) = kinds[0];
            if (Scalar(condition, "a rule's condition") is not { } text)
            {
                continue;
            }

            var start = text.IsQuoted ? text.Span.Shift(1) : text.Span;
            result.Add(new RuleSpec(
                map.Span,
                new Located<string>(kind.Value, kind.Span),
                new Located<string>(text.Value, start),
                keys.TryGetValue("name", out var name) ? Text(name, "the rule's name") : null));
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// <c>outcomes:</c> is a mapping from each outcome (<c>VAR</c> or <c>VAR=LEVEL</c>) to its exposures
    /// (a list of <c>VAR</c> or <c>VAR=REFERENCE</c>; empty or null for the default), or a plain list of
    /// outcomes.
    /// </summary>
    private ImmutableArray<OutcomeSpec> ReadOutcomes(YamlNode node)
    {
        const string Hint = "write 'outcomes: {OUTCOME: [EXPOSURE, ...]}', or a list of outcomes";
        var result = ImmutableArray.CreateBuilder<OutcomeSpec>();
        switch (node)
        {
            case YamlSequence list:
                foreach (var item in list.Items)
                {
                    if (Scalar(item, "an outcome") is { } outcome)
                    {
                        result.Add(new OutcomeSpec(new Located<string>(outcome.Value, outcome.Span), []));
                    }
                }

                break;
            case YamlMapping map:
                foreach (var (key, value) in map.Entries)
                {
                    var exposures = ImmutableArray.CreateBuilder<Located<string>>();
                    if (value is YamlSequence items)
                    {
                        foreach (var item in items.Items)
                        {
                            if (Scalar(item, "an exposure") is { } exposure)
                            {
                                exposures.Add(new Located<string>(exposure.Value, exposure.Span));
                            }
                        }
                    }
                    else if (value is not YamlScalar { IsNull: true })
                    {
                        _diagnostics.Error(DiagnosticCodes.WrongShape, value.Span, $"the exposures of '{key.Value}' must be a list, not {value.Describe()}", Hint);
                        continue;
                    }

                    result.Add(new OutcomeSpec(new Located<string>(key.Value, key.Span), exposures.ToImmutable()));
                }

                break;
            default:
                Expect<YamlMapping>(node, "'outcomes'", Hint);
                break;
        }

        return result.ToImmutable();
    }

    private ProbabilitiesSpec? Probabilities(YamlNode node)
    {
        switch (node)
        {
            case YamlSequence list:
                {
                    var values = ImmutableArray.CreateBuilder<NumberSpec>(list.Items.Count);
                    var ok = true;
                    foreach (var item in list.Items)
                    {
                        if (Number(item) is { } n)
                        {
                            values.Add(n);
                        }
                        else
                        {
                            ok = false;
                        }
                    }

                    return ok ? new ProbabilityListSpec(list.Span, values.ToImmutable()) : null;
                }

            case YamlMapping map:
                {
                    var entries = ImmutableArray.CreateBuilder<ProbabilityMapEntry>(map.Entries.Count);
                    var ok = true;
                    foreach (var (key, value) in map.Entries)
                    {
                        if (Number(value) is { } n)
                        {
                            entries.Add(new ProbabilityMapEntry(new Located<string>(key.Value, key.Span), n));
                        }
                        else
                        {
                            ok = false;
                        }
                    }

                    return ok ? new ProbabilityMapSpec(map.Span, entries.ToImmutable()) : null;
                }

            default:
                _diagnostics.Error(
                    DiagnosticCodes.WrongShape,
                    node.Span,
                    $"expected probabilities, found {node.Describe()}",
                    "write a list in level order, [0.3, 0.7], or a map by level, {low: 0.3, high: 0.7}");
                return null;
        }
    }

    /// <summary>A number: a literal, or a plain name that refers to a parameter.</summary>
    private NumberSpec? Number(YamlNode node)
    {
        if (Scalar(node, "a number") is not { } s)
        {
            return null;
        }

        var text = s.Value.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return NumberSpec.Literal(value, s.Span);
        }

        if (s.IsPlain && text is ".nan" or ".NaN" or ".NAN")
        {
            return NumberSpec.Literal(double.NaN, s.Span);
        }

        if (s.IsPlain && text is ".inf" or ".Inf" or ".INF" or "+.inf")
        {
            return NumberSpec.Literal(double.PositiveInfinity, s.Span);
        }

        if ((s.IsPlain && text.Length > 0) || text == "fit" || text.StartsWith("fit(", StringComparison.Ordinal))
        {
            // A parameter name or an expression of parameters (or_smoking ^ 2), or a free number for
            // calibration (fit, which JSON must quote); the core resolves it.
            return NumberSpec.Parameter(text, s.Span);
        }

        _diagnostics.Error(DiagnosticCodes.NotANumber, s.Span, $"expected a number, found '{s.Value}'");
        return null;
    }

    private ImmutableArray<Located<string>>? Names(YamlNode node, string what)
    {
        if (node is YamlScalar single && !single.IsNull)
        {
            return [new Located<string>(single.Value, single.Span)];
        }

        if (Expect<YamlSequence>(node, what) is not { } list)
        {
            return null;
        }

        var result = ImmutableArray.CreateBuilder<Located<string>>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (Scalar(item, $"an item of {what}") is { } s)
            {
                result.Add(new Located<string>(s.Value, s.Span));
            }
        }

        return result.ToImmutable();
    }

    private bool? Boolean(YamlNode node)
    {
        if (Scalar(node, "true or false") is not { } s)
        {
            return null;
        }

        switch (s.Value)
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                _diagnostics.Error(DiagnosticCodes.NotABoolean, s.Span, $"expected true or false, found '{s.Value}'");
                return null;
        }
    }

    private string? Text(YamlNode node, string what) => Scalar(node, what)?.Value;

    private YamlScalar? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalar s && !s.IsNull)
        {
            return s;
        }

        _diagnostics.Error(DiagnosticCodes.WrongShape, node.Span, $"expected {what}, found {node.Describe()}");
        return null;
    }

    private T? Expect<T>(YamlNode node, string what, string? hint = null)
        where T : YamlNode
    {
        if (node is T t)
        {
            return t;
        }

        var expected = typeof(T) == typeof(YamlMapping) ? "a mapping" : "a list";
        _diagnostics.Error(DiagnosticCodes.WrongShape, node.Span, $"{what} should be {expected}, found {node.Describe()}", hint);
        return null;
    }

    /// <summary>Indexes a mapping's entries by key, reporting unknown and duplicate keys.</summary>
    private Dictionary<string, YamlNode> Keys(YamlMapping map, string[] known, string where, bool reportUnknown = true)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!known.Contains(key.Value))
            {
                if (reportUnknown)
                {
                    _diagnostics.Error(
                        DiagnosticCodes.UnknownKey,
                        key.Span,
                        $"unknown key '{key.Value}' {where}",
                        NameSuggestion.DidYouMean(key.Value, known) ?? $"known keys: {string.Join(", ", known)}");
                }

                continue;
            }

            if (!result.TryAdd(key.Value, value))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateKey, key.Span, $"'{key.Value}' is given twice {where}");
            }
        }

        return result;
    }
}
