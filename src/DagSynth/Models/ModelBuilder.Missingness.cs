using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Specs;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    /// <summary>
    /// Reads every variable's <c>missing:</c> setting: <c>{mcar: RATE}</c> (or a bare rate), or
    /// <c>{mar: MODEL}</c> / <c>{mnar: MODEL}</c> with a logistic node's keys. Models are bound
    /// against every variable (not only parents: missingness adds no edge to the DAG), after the
    /// conditionals, so that derived variables are typed. A MAR model may not read the variable
    /// itself; an MNAR model must.
    /// </summary>
    private ImmutableArray<Missingness?> BuildMissingness(List<VariableDraft> drafts)
    {
        var result = new Missingness?[drafts.Count];
        BindingScope? scope = null;
        foreach (var draft in drafts)
        {
            if (SettingEntry(draft.Spec, "missing") is not { } entry || !IsTyped(draft))
            {
                continue;
            }

            scope ??= MissingnessScope(drafts);
            result[draft.Index] = ReadMissingness(draft, entry, scope);
        }

        foreach (var draft in drafts)
        {
            if (result[draft.Index] is { Kind: MissingnessKind.Mar } mar)
            {
                foreach (var input in mar.Inputs.Where(i => result[i] is not null))
                {
                    _diagnostics.Warning(
                        DiagnosticCodes.MarReadsIncomplete,
                        mar.Location,
                        $"the MAR model of '{draft.Name}' reads '{drafts[input].Name}', which has missing values itself; it reads its complete values, so strictly the data are not missing at random",
                        $"remove the 'missing:' of '{drafts[input].Name}', or call this mechanism mnar in the answer key");
                }
            }
        }

        return [.. result];
    }

    private BindingScope MissingnessScope(List<VariableDraft> drafts) =>
        new(
            drafts.Where(d => IsTyped(d) && d.Kind != VariableKind.Text).ToDictionary(
                d => d.Name,
                d => new ScopeVariable(
                    d.Name,
                    d.Index,
                    d.Kind.ExpressionType(),
                    d.Levels.IsDefault ? [] : d.Levels),
                StringComparer.Ordinal),
            _parameters);

    private Missingness? ReadMissingness(VariableDraft draft, SpecEntry entry, BindingScope scope)
    {
        var at = entry.Key.Span;
        if (draft.Kind == VariableKind.Identifier)
        {
            _diagnostics.Error(DiagnosticCodes.BadMissingness, at, $"identifier '{draft.Name}' cannot be missing: it names the row", "put 'missing:' on the other variables");
            return null;
        }

        if (entry.Value is SpecScalar bare)
        {
            return Rate(draft, bare) is { } r ? new Missingness(MissingnessKind.Mcar, r, null, at) : null;
        }

        if (entry.Value is not SpecMap { Entries.Length: 1 } map || !NodeVocabulary.MissingnessKeys.Contains(map.Entries[0].Key.Value))
        {
            var unknown = (entry.Value as SpecMap)?.Entries.FirstOrDefault(e => !NodeVocabulary.MissingnessKeys.Contains(e.Key.Value));
            _diagnostics.Error(
                DiagnosticCodes.BadMissingness,
                unknown?.Key.Span ?? entry.Value.Span,
                unknown is null
                    ? $"'missing' of '{draft.Name}' names one mechanism: mcar, mar or mnar"
                    : $"unknown missingness mechanism '{unknown.Key.Value}' for '{draft.Name}'",
                (unknown is null ? null : NameSuggestion.DidYouMean(unknown.Key.Value, NodeVocabulary.MissingnessKeys))
                    ?? "missing: {mcar: 0.05}, or missing: {mar: {baseline: 0.1, odds_ratios: {\"age / 10\": 1.3}}}, or missing: {mnar: {baseline: 0.05, odds_ratios: {\"sbp > 160\": 3}}}");
            return null;
        }

        var (mechanism, settings) = (map.Entries[0].Key, map.Entries[0].Value);
        if (mechanism.Value == "mcar")
        {
            return Rate(draft, settings) is { } r ? new Missingness(MissingnessKind.Mcar, r, null, at) : null;
        }

        var kind = mechanism.Value == "mar" ? MissingnessKind.Mar : MissingnessKind.Mnar;
        if (settings is not SpecMap model)
        {
            _diagnostics.Error(
                DiagnosticCodes.BadMissingness,
                settings.Span,
                $"a {mechanism.Value} model is a logistic model of P(missing), with baseline (or intercept) and odds_ratios (or coefficients)",
                $"e.g. {mechanism.Value}: {{baseline: 0.1, odds_ratios: {{\"{(kind == MissingnessKind.Mnar ? draft.Name : "age")} > 60\": 2}}}}");
            return null;
        }

        var ok = true;
        foreach (var key in model.Entries.Where(e => !NodeVocabulary.MissingnessModelKeys.Contains(e.Key.Value)))
        {
            _diagnostics.Error(
                DiagnosticCodes.UnknownKey,
                key.Key.Span,
                $"unknown key '{key.Key.Value}' in the {mechanism.Value} model of '{draft.Name}'",
                NameSuggestion.DidYouMean(key.Key.Value, NodeVocabulary.MissingnessModelKeys) ?? $"keys: {string.Join(", ", NodeVocabulary.MissingnessModelKeys)}");
            ok = false;
        }

        SpecValue? Get(string key) => model.Entries.FirstOrDefault(e => e.Key.Value == key)?.Value;
        var intercept = Intercept(draft, Get("intercept"), Get("baseline"), mechanism.Span);
        var terms = Terms(draft, scope, Get("odds_ratios"), Get("coefficients"));
        if (!ok || intercept is null || terms.IsDefault)
        {
            return null;
        }

        var predictor = new LinearPredictor(intercept.Value, terms);
        var readsItself = terms.Any(t => t.Expression.Variables().Contains(draft.Index));
        if (kind == MissingnessKind.Mar && readsItself)
        {
            _diagnostics.Error(
                DiagnosticCodes.BadMissingness,
                mechanism.Span,
                $"the MAR model of '{draft.Name}' reads '{draft.Name}' itself: missingness that depends on the variable's own value is MNAR",
                "write mnar instead of mar, or drop the term");
            return null;
        }

        if (kind == MissingnessKind.Mnar && !readsItself)
        {
            _diagnostics.Error(
                DiagnosticCodes.BadMissingness,
                mechanism.Span,
                $"the MNAR model of '{draft.Name}' does not read '{draft.Name}': missingness that depends only on other variables is MAR",
                $"write mar instead of mnar, or add a term of '{draft.Name}' itself, e.g. \"{draft.Name} > ...\": 2");
            return null;
        }

        return new Missingness(kind, double.NaN, predictor, at);
    }

    private double? Rate(VariableDraft draft, SpecValue value)
    {
        if (Constant(value, $"the missingness rate of '{draft.Name}'") is not { } rate)
        {
            return null;
        }

        if (!(rate >= 0 && rate <= 1))
        {
            _diagnostics.Error(DiagnosticCodes.BadMissingness, value.Span, $"the missingness rate of '{draft.Name}' must be from 0 to 1, not {rate.ToString("R", CultureInfo.InvariantCulture)}");
            return null;
        }

        return rate;
    }
}
