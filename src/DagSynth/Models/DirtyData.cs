using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Specs;

namespace DagSynth.Models;

/// <summary>The kinds of error that dirty data plants.</summary>
public enum DirtyKind
{
    /// <summary>A typing error in a level or text: two letters swapped, one dropped, doubled or replaced by a keyboard neighbour.</summary>
    Typo,

    /// <summary>The same level written with other capitals (<c>Male</c>, <c>MALE</c>).</summary>
    Capitalization,

    /// <summary>A number recorded in another unit (kg as lb, mg/dL as mmol/L).</summary>
    UnitSlip,

    /// <summary>An impossible number: ten times the value (a slipped decimal point) or its negative.</summary>
    OutOfRange,

    /// <summary>A date with day and month swapped (only where both are at most 12 and differ).</summary>
    SwappedDate,

    /// <summary>A row copied, the copy inserted right after it.</summary>
    Duplicate,

    /// <summary>A row copied with one number or date nudged a little, the copy inserted right after it.</summary>
    NearDuplicate,
}

/// <summary>A linear change of unit: <c>value * Factor + Offset</c>.</summary>
/// <param name="Factor">The multiplier.</param>
/// <param name="Offset">The added constant (non-zero only for temperatures).</param>
/// <param name="ToUnit">The unit the value is slipped into, if named.</param>
public sealed record UnitConversion(double Factor, double Offset, string? ToUnit)
{
    /// <summary>The conversions known by unit name, from the variable's <c>unit</c> to another unit.</summary>
    public static readonly ImmutableArray<(string From, string To, UnitConversion Conversion)> Known =
    [
        ("kg", "lb", new(2.20462262185, 0, "lb")),
        ("lb", "kg", new(0.45359237, 0, "kg")),
        ("g", "oz", new(0.03527396195, 0, "oz")),
        ("cm", "in", new(1 / 2.54, 0, "in")),
        ("in", "cm", new(2.54, 0, "cm")),
        ("m", "ft", new(1 / 0.3048, 0, "ft")),
        ("ft", "m", new(0.3048, 0, "m")),
        ("C", "F", new(1.8, 32, "F")),
        ("°C", "°F", new(1.8, 32, "°F")),
        ("F", "C", new(1 / 1.8, -32 / 1.8, "C")),
        ("°F", "°C", new(1 / 1.8, -32 / 1.8, "°C")),
    ];

    /// <summary>The known conversion from <paramref name="from"/>, to <paramref name="to"/> (or to its usual counterpart when null).</summary>
    public static UnitConversion? Find(string? from, string? to) =>
        from is null ? null : Known.FirstOrDefault(k => k.From == from && (to is null || k.To == to)).Conversion;

    /// <summary>Describes the conversion: <c>x 2.20462 (to lb)</c>.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"x {Factor:0.######}") + (Offset != 0 ? string.Create(CultureInfo.InvariantCulture, $" + {Offset:0.######}") : string.Empty) + (ToUnit is null ? string.Empty : $" (to {ToUnit})");
}

/// <summary>One kind of planted error, at a rate, on some variables.</summary>
/// <param name="Kind">The kind of error.</param>
/// <param name="Rate">Per cell (per row for duplicates): the probability of an attempt.</param>
/// <param name="Variables">The variables it applies to (empty for row-level kinds).</param>
/// <param name="Conversions">For unit slips, the conversion of each variable in <paramref name="Variables"/>.</param>
public sealed record DirtyRule(DirtyKind Kind, double Rate, ImmutableArray<int> Variables, ImmutableArray<UnitConversion> Conversions);

/// <summary>
/// Dirty data to plant in generated data for a cleaning exercise (a <c>dirty:</c> section or a
/// <c>--dirty</c> profile), after missingness, from the cells' own keyed random streams.
/// </summary>
/// <param name="Rules">The kinds of error, in a fixed order.</param>
/// <param name="Source">Where it comes from: <c>model</c> or <c>profile NAME</c>.</param>
public sealed record DirtyData(ImmutableArray<DirtyRule> Rules, string Source)
{
    /// <summary>The key of each kind in a <c>dirty:</c> section, in the order they are applied.</summary>
    public static readonly ImmutableArray<(string Key, DirtyKind Kind)> Keys =
    [
        ("typos", DirtyKind.Typo),
        ("capitalization", DirtyKind.Capitalization),
        ("unit_slips", DirtyKind.UnitSlip),
        ("out_of_range", DirtyKind.OutOfRange),
        ("swapped_dates", DirtyKind.SwappedDate),
        ("duplicates", DirtyKind.Duplicate),
        ("near_duplicates", DirtyKind.NearDuplicate),
    ];

    /// <summary>The profiles of <c>--dirty</c>, with the rate of each kind in <see cref="Keys"/> order.</summary>
    public static readonly ImmutableArray<(string Name, ImmutableArray<double> Rates)> Profiles =
    [
        ("light", [0.005, 0.005, 0.005, 0.002, 0.005, 0.002, 0.002]),
        ("moderate", [0.01, 0.01, 0.01, 0.005, 0.01, 0.005, 0.005]),
        ("heavy", [0.03, 0.03, 0.02, 0.01, 0.03, 0.01, 0.01]),
    ];

    /// <summary>The name used for an error kind in logs and documents (<c>typo</c>, <c>unit_slip</c>...).</summary>
    public static string NameOf(DirtyKind kind) => kind switch
    {
        DirtyKind.Typo => "typo",
        DirtyKind.Capitalization => "capitalization",
        DirtyKind.UnitSlip => "unit_slip",
        DirtyKind.OutOfRange => "out_of_range",
        DirtyKind.SwappedDate => "swapped_date",
        DirtyKind.Duplicate => "duplicate",
        _ => "near_duplicate",
    };

    /// <summary>Whether errors of <paramref name="kind"/> can be planted in <paramref name="variable"/> (unit slips also need a conversion).</summary>
    public static bool Applies(DirtyKind kind, Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return kind switch
        {
            DirtyKind.Typo or DirtyKind.Capitalization => variable.IsDiscrete || variable.Kind == VariableKind.Text,
            DirtyKind.UnitSlip or DirtyKind.OutOfRange => variable.Kind is VariableKind.Continuous or VariableKind.Count,
            DirtyKind.SwappedDate => variable.Kind == VariableKind.Date,
            _ => false,
        };
    }

    /// <summary>Whether a variable can be nudged in a near-duplicate (numbers, counts and dates).</summary>
    public static bool CanNudge(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.Kind is VariableKind.Continuous or VariableKind.Count or VariableKind.Date;
    }

    /// <summary>The variables whose values are written as text in dirty data (typos and capitals make them leave their levels).</summary>
    public ImmutableArray<int> TextVariables => [.. Rules.Where(r => r.Kind is DirtyKind.Typo or DirtyKind.Capitalization).SelectMany(r => r.Variables).Distinct().Order()];

    /// <summary>The rule of <paramref name="kind"/>, if any.</summary>
    public DirtyRule? RuleOf(DirtyKind kind) => Rules.FirstOrDefault(r => r.Kind == kind);

    /// <summary>The dirty data of a named profile (<c>light</c>, <c>moderate</c>, <c>heavy</c>) for <paramref name="model"/>, or null for an unknown name.</summary>
    public static DirtyData? FromProfile(Model model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        var profile = Profiles.FirstOrDefault(p => p.Name == name);
        if (profile.Name is null)
        {
            return null;
        }

        var rules = ImmutableArray.CreateBuilder<DirtyRule>();
        for (var k = 0; k < Keys.Length; k++)
        {
            var kind = Keys[k].Kind;
            var rate = profile.Rates[k];
            if (kind is DirtyKind.Duplicate)
            {
                rules.Add(new DirtyRule(kind, rate, [], []));
                continue;
            }

            if (kind is DirtyKind.NearDuplicate)
            {
                if (model.Variables.Any(CanNudge))
                {
                    rules.Add(new DirtyRule(kind, rate, [], []));
                }

                continue;
            }

            var variables = model.Variables.Where(v => Applies(kind, v) && (kind != DirtyKind.UnitSlip || UnitConversion.Find(v.Unit, null) is not null)).ToList();
            if (variables.Count > 0)
            {
                rules.Add(new DirtyRule(
                    kind,
                    rate,
                    [.. variables.Select(v => v.Index)],
                    kind == DirtyKind.UnitSlip ? [.. variables.Select(v => UnitConversion.Find(v.Unit, null)!)] : []));
            }
        }

        return new DirtyData(rules.ToImmutable(), $"profile {name}");
    }

    /// <summary>
    /// Reads a <c>dirty:</c> section against the model's variables: each key is a kind, with a rate
    /// (every variable it applies to) or <c>{rate: R, variables: [...]}</c>; unit slips name each
    /// variable's conversion: <c>{rate: R, variables: {weight: lb, chol: 0.02586}}</c>.
    /// </summary>
    internal static DirtyData? Read(SpecValue section, ImmutableArray<Variable> variables, DiagnosticBag diagnostics)
    {
        if (section is not SpecMap map)
        {
            diagnostics.Error(DiagnosticCodes.BadDirtyData, section.Span, $"'dirty' should be a mapping from kinds of error to rates, found {section.Describe()}", "e.g. dirty: {typos: 0.01, duplicates: 0.005}");
            return null;
        }

        var byName = variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var rules = new List<DirtyRule>();
        var ok = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            var key = entry.Key.Value;
            var known = Keys.FirstOrDefault(k => k.Key == key);
            if (known.Key is null)
            {
                diagnostics.Error(
                    DiagnosticCodes.BadDirtyData,
                    entry.Key.Span,
                    $"unknown kind of dirty data '{key}'",
                    NameSuggestion.DidYouMean(key, Keys.Select(k => k.Key)) ?? $"kinds: {string.Join(", ", Keys.Select(k => k.Key))}");
                ok = false;
                continue;
            }

            if (!seen.Add(key))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateKey, entry.Key.Span, $"'{key}' is given twice in 'dirty'");
                ok = false;
                continue;
            }

            var rule = ReadRule(known.Kind, key, entry.Value, byName, variables, diagnostics);
            if (rule is null)
            {
                ok = false;
            }
            else if (rule.Rate > 0)
            {
                rules.Add(rule);
            }
        }

        return ok ? new DirtyData([.. rules.OrderBy(r => r.Kind)], "model") : null;
    }

    private static DirtyRule? ReadRule(DirtyKind kind, string key, SpecValue value, Dictionary<string, Variable> byName, ImmutableArray<Variable> variables, DiagnosticBag diagnostics)
    {
        SpecValue? rateValue = value;
        SpecValue? variablesValue = null;
        if (value is SpecMap settings)
        {
            rateValue = null;
            foreach (var s in settings.Entries)
            {
                switch (s.Key.Value)
                {
                    case "rate":
                        rateValue = s.Value;
                        break;
                    case "variables":
                        variablesValue = s.Value;
                        break;
                    default:
                        diagnostics.Error(DiagnosticCodes.BadDirtyData, s.Key.Span, $"unknown key '{s.Key.Value}' in '{key}'", "write {rate: 0.01, variables: [a, b]}");
                        return null;
                }
            }

            if (rateValue is null)
            {
                diagnostics.Error(DiagnosticCodes.BadDirtyData, settings.Span, $"'{key}' needs a 'rate'");
                return null;
            }
        }

        if (rateValue is not SpecScalar rateText
            || !double.TryParse(rateText.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            || !(rate >= 0 && rate <= 1))
        {
            diagnostics.Error(DiagnosticCodes.BadDirtyData, rateValue.Span, $"the rate of '{key}' must be a number from 0 to 1", $"e.g. {key}: 0.01 (1% of the cells{(kind is DirtyKind.Duplicate or DirtyKind.NearDuplicate ? ", here of the rows" : string.Empty)})");
            return null;
        }

        if (kind is DirtyKind.Duplicate or DirtyKind.NearDuplicate)
        {
            if (variablesValue is not null)
            {
                diagnostics.Error(DiagnosticCodes.BadDirtyData, variablesValue.Span, $"'{key}' copies whole rows; it takes no 'variables'");
                return null;
            }

            if (kind == DirtyKind.NearDuplicate && !variables.Any(CanNudge))
            {
                diagnostics.Error(DiagnosticCodes.BadDirtyData, rateValue.Span, "near duplicates nudge a number or a date, and the model has none", "use 'duplicates' for exact copies");
                return null;
            }

            return new DirtyRule(kind, rate, [], []);
        }

        if (variablesValue is null)
        {
            var eligible = variables.Where(v => Applies(kind, v) && (kind != DirtyKind.UnitSlip || UnitConversion.Find(v.Unit, null) is not null)).ToList();
            if (eligible.Count == 0)
            {
                diagnostics.Warning(
                    DiagnosticCodes.BadDirtyData,
                    rateValue.Span,
                    kind == DirtyKind.UnitSlip ? "no variable has a unit with a known conversion (kg, lb, g, cm, in, m, ft, C, F), so no unit slip is planted" : $"no variable can take '{key}', so none is planted",
                    kind == DirtyKind.UnitSlip ? "name the variables and their conversions: unit_slips: {rate: 0.01, variables: {chol: {unit: mmol/L, factor: 0.02586}}}" : null);
            }

            return new DirtyRule(kind, rate, [.. eligible.Select(v => v.Index)], kind == DirtyKind.UnitSlip ? [.. eligible.Select(v => UnitConversion.Find(v.Unit, null)!)] : []);
        }

        var indices = ImmutableArray.CreateBuilder<int>();
        var conversions = ImmutableArray.CreateBuilder<UnitConversion>();
        var named = variablesValue switch
        {
            SpecList list when kind != DirtyKind.UnitSlip => list.Items.Select(i => (i as SpecScalar, (SpecValue?)null, i.Span)).ToList(),
            SpecMap m => m.Entries.Select(e => ((SpecScalar?)new SpecScalar(e.Key.Span, e.Key.Value), (SpecValue?)e.Value, e.Key.Span)).ToList(),
            _ => null,
        };
        if (named is null)
        {
            diagnostics.Error(
                DiagnosticCodes.BadDirtyData,
                variablesValue.Span,
                kind == DirtyKind.UnitSlip ? "the variables of 'unit_slips' map each variable to its conversion" : $"the variables of '{key}' should be a list of names",
                kind == DirtyKind.UnitSlip ? "e.g. variables: {weight: lb, chol: {unit: mmol/L, factor: 0.02586}}" : "e.g. variables: [sex, smoker]");
            return null;
        }

        var ok = true;
        foreach (var (name, conversionValue, span) in named)
        {
            if (name is null || !byName.TryGetValue(name.Text, out var variable))
            {
                diagnostics.Error(DiagnosticCodes.BadDirtyData, span, $"'{name?.Text}' in '{key}' is not a variable of the model", name is null ? null : NameSuggestion.DidYouMean(name.Text, byName.Keys));
                ok = false;
                continue;
            }

            if (!Applies(kind, variable))
            {
                diagnostics.Error(DiagnosticCodes.BadDirtyData, span, $"'{key}' cannot apply to '{variable.Name}', which is {variable.Kind.ToString().ToLowerInvariant()}", HintFor(kind));
                ok = false;
                continue;
            }

            if (kind == DirtyKind.UnitSlip)
            {
                if (ReadConversion(variable, conversionValue!, diagnostics) is not { } conversion)
                {
                    ok = false;
                    continue;
                }

                conversions.Add(conversion);
            }

            indices.Add(variable.Index);
        }

        return ok ? new DirtyRule(kind, rate, indices.ToImmutable(), conversions.ToImmutable()) : null;
    }

    private static string HintFor(DirtyKind kind) => kind switch
    {
        DirtyKind.Typo or DirtyKind.Capitalization => "it applies to variables with levels and to fake text",
        DirtyKind.UnitSlip or DirtyKind.OutOfRange => "it applies to numbers and counts",
        _ => "it applies to dates",
    };

    private static UnitConversion? ReadConversion(Variable variable, SpecValue value, DiagnosticBag diagnostics)
    {
        switch (value)
        {
            case SpecScalar s when double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && double.IsFinite(factor) && factor != 0:
                return new UnitConversion(factor, 0, null);
            case SpecScalar s when UnitConversion.Find(variable.Unit, s.Text) is { } known:
                return known;
            case SpecMap m:
                {
                    var unit = (m.Entries.FirstOrDefault(e => e.Key.Value == "unit")?.Value as SpecScalar)?.Text;
                    var factorText = (m.Entries.FirstOrDefault(e => e.Key.Value == "factor")?.Value as SpecScalar)?.Text;
                    var offsetText = (m.Entries.FirstOrDefault(e => e.Key.Value == "offset")?.Value as SpecScalar)?.Text ?? "0";
                    if (m.Entries.All(e => e.Key.Value is "unit" or "factor" or "offset")
                        && double.TryParse(factorText, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f) && f != 0
                        && double.TryParse(offsetText, NumberStyles.Float, CultureInfo.InvariantCulture, out var o) && double.IsFinite(o))
                    {
                        return new UnitConversion(f, o, unit);
                    }

                    break;
                }
        }

        diagnostics.Error(
            DiagnosticCodes.BadDirtyData,
            value.Span,
            $"cannot tell how to slip '{variable.Name}'{(variable.Unit is null ? string.Empty : $" (unit {variable.Unit})")} into another unit",
            $"give a factor (weight: 2.20462), a unit with a known conversion from its unit ({string.Join(", ", UnitConversion.Known.Select(k => $"{k.From}->{k.To}"))}), or {{unit: mmol/L, factor: 0.02586}}");
        return null;
    }
}
